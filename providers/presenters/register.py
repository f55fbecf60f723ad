"""What the register's pages show: the provider and setting tables, the setting forms' copy."""

from __future__ import annotations

from django.urls import reverse

from providers.models import Setting
from providers.presenters.ofsted import judgement
from rcc.kit.tables import Column


def provider_columns() -> list[Column]:
    return [
        Column("Name", lambda p: p.name, link=lambda p: reverse("providers:provider", args=[p.pk])),
        Column("Sector", lambda p: p.get_sector_display()),
        Column("Group", lambda p: p.group.name if p.group_id else ""),
        Column("Settings in region", lambda p: p.setting_count, numeric=True),
    ]


def setting_columns() -> list[Column]:
    return [
        Column(
            "Name",
            lambda s: s.name,
            link=lambda s: reverse("providers:setting", args=[s.public_id]),
        ),
        Column("URN", lambda s: s.urn or ""),
        Column("Type", lambda s: s.get_setting_type_display()),
        Column("Provider", lambda s: s.provider.name),
        Column("Council", lambda s: s.local_authority.name),
        Column("Places", lambda s: s.registered_places, numeric=True),
        Column("Ages", lambda s: f"{s.age_min} to {s.age_max}"),
        Column("Ofsted", lambda s: judgement(s.latest_judgement)),
        Column("Status", lambda s: s.get_status_display()),
    ]


def setting_edit_page(setting: Setting) -> dict[str, str]:
    return {
        "title": "Change the setting's details",
        "caption": setting.name,
        "submit_text": "Save details",
    }


def setting_suspend_page(setting: Setting) -> dict[str, str]:
    return {
        "title": "Suspend this setting from referrals",
        "caption": setting.name,
        "submit_text": "Suspend setting",
        "warning": "No new referrals will be sent to this setting until it is reinstated.",
    }


def setting_reinstate_page(setting: Setting) -> dict[str, str]:
    return {
        "title": "Reinstate this setting",
        "caption": setting.name,
        "submit_text": "Reinstate setting",
    }
