"""What the framework pages show: the frameworks table and actions, the forms' copy."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from providers.models import Framework, Lot
from rcc.kit.format import format_date
from rcc.kit.tables import Column


def framework_columns() -> list[Column]:
    return [
        Column(
            "Framework",
            lambda f: f.name,
            link=lambda f: reverse("providers:framework", args=[f.pk]),
        ),
        Column("Region", lambda f: f.region.name),
        Column(
            "Runs",
            lambda f: f"{format_date(f.starts_on)} to {format_date(f.ends_on)}",
            raw=lambda f: f"{f.starts_on.isoformat()} to {f.ends_on.isoformat()}",
        ),
        Column("Lots", lambda f: f.lot_count, numeric=True),
        Column("Status", lambda f: f.get_status_display()),
    ]


def framework_actions(*, can_manage: bool) -> list[dict[str, Any]]:
    if not can_manage:
        return []
    return [{"href": reverse("providers:framework_new"), "text": "Set up a framework"}]


def framework_new_page() -> dict[str, str]:
    return {"title": "Set up a framework", "submit_text": "Set up framework"}


def lot_new_page(framework: Framework) -> dict[str, str]:
    return {"title": "Add a lot", "caption": framework.name, "submit_text": "Add lot"}


def round_new_page(framework: Framework) -> dict[str, str]:
    return {
        "title": "Open an admission round",
        "caption": framework.name,
        "submit_text": "Set round",
        "intro": "Providers can apply to the framework's lots between these dates.",
    }


def lot_apply_page(lot: Lot) -> dict[str, str]:
    return {
        "title": f"Apply to {lot.name}",
        "caption": lot.framework.name,
        "submit_text": "Submit application",
    }


def rate_new_page(lot: Lot) -> dict[str, str]:
    return {
        "title": "Set or revise a rate",
        "caption": lot.name,
        "submit_text": "Set rate",
        "intro": "A new rate replaces the provider's current rate from the day it is valid.",
    }
