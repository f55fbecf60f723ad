"""The dashboard: for the acting role, "what needs my action".

Each app registers panel builders under the permission a person needs to act on them (the
dashboard asks ``rcc.access``, never a role name); a builder returns a Panel (a heading, the
items, and what to say when there are none). Panels show in the order they were registered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rcc import access
from rcc.roles import Role


@dataclass(frozen=True)
class PanelItem:
    text: str
    href: str = ""
    hint: str = ""


@dataclass(frozen=True)
class Panel:
    title: str
    empty_text: str
    items: list[PanelItem] = field(default_factory=list)
    more_href: str = ""


PanelBuilder = Callable[[Any], Panel]
_PANELS: list[tuple[str, PanelBuilder]] = []


def register(permission: str) -> Callable[[PanelBuilder], PanelBuilder]:
    def decorator(builder: PanelBuilder) -> PanelBuilder:
        _PANELS.append((permission, builder))
        return builder

    return decorator


def panels_for(user: Any) -> list[Panel]:
    return [builder(user) for permission, builder in _PANELS if access.can(user, permission)]


# What each role will find here as the service grows, so the page says so plainly.
ROLE_PURPOSE: dict[str, str] = {
    Role.SOCIAL_WORKER: "Home-search referrals you are writing, and offers for you to choose from.",
    Role.TEAM_MANAGER: "Referrals and placements waiting for your approval.",
    Role.DATA_OFFICER: "Your council's SSDA903 return: upload it and read each import's report.",
    Role.COMMISSIONER: (
        "Referrals to send to providers, offers to negotiate and framework applications."
    ),
    Role.ANALYST: "Forecasts, scenarios, the sufficiency strategy and councils' 903 returns.",
    Role.PROVIDER_STAFF: "Referrals sent to your organisation, your vacancies and returns.",
    Role.HUB_OFFICER: "Fostering enquiries against their service standards.",
    Role.PARTNER: "Partner datasets to upload and the region's analysis.",
    Role.DFE_ANALYST: "Exports through the API; this page shows your API access.",
    Role.PLATFORM_ADMIN: "Accounts, access and the audit trail.",
}
