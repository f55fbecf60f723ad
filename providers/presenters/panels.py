"""Dashboard panels of the market."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from providers.selectors import frameworks, vacancies
from rcc import access
from rcc.presenters.dashboard import Panel, PanelItem, register


@register(access.MANAGE_FRAMEWORKS)
def applications_to_decide(user: Any) -> Panel:
    items = [
        PanelItem(
            text=f"{a.provider.name}: {a.lot.name}",
            href=reverse("providers:application", args=[a.pk]),
            hint=a.get_status_display(),
        )
        for a in frameworks.applications_to_decide(user)[:10]
    ]
    return Panel(
        title="Framework applications to decide",
        empty_text="No framework application is waiting for a decision.",
        items=items,
        more_href=reverse("providers:frameworks"),
    )


@register(access.USE_PROVIDER_PORTAL)
def vacancies_to_refresh(user: Any) -> Panel:
    items = [
        PanelItem(
            text=f"{v.setting.name}: {v.places} place(s) from {v.available_from:%d %B %Y}",
            href=reverse("providers:portal"),
            hint="Still free? Withdraw it from your portal if not.",
        )
        for v in vacancies.stale_vacancies(user)[:10]
    ]
    return Panel(
        title="Vacancies reported more than two weeks ago",
        empty_text="Your reported vacancies are up to date.",
        items=items,
    )
