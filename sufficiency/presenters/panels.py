"""Dashboard panels of the sufficiency strategy: the region's headline measures over time
(this quarter's figure, with a year before beside it) and drafts waiting for a decision."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from rcc import access
from rcc.presenters.dashboard import Panel, PanelItem, register
from sufficiency.presenters.forecast import category_name
from sufficiency.presenters.provision import day
from sufficiency.presenters.strategy import percent, pounds
from sufficiency.selectors import strategy as selectors

SHARES = (
    ("Children placed within 20 miles of home", "within_20_miles"),
    ("Children placed outside the region", "outside_region"),
    ("Children in family-based care", "family_based"),
    ("Children in residential care", "residential"),
)


def _hint(rows: list, value: Callable[[Any], str]) -> str:
    """When the latest figure is from, and the same figure a year (four quarters) before."""
    hint = f"At {day(rows[-1].on)}"
    if len(rows) >= 5:
        hint += f"; a year before: {value(rows[-5])}"
    return hint


@register(access.VIEW_SUFFICIENCY)
def sufficiency_measures(user: Any) -> Panel:
    region = access.regions_for(user).first()
    if region is None:
        return Panel(title="Sufficiency measures", empty_text="No region.")
    rows = selectors.measure_rows(region)
    items = []
    if rows and rows[-1].placed:
        latest = rows[-1]
        for label, key in SHARES:
            items.append(
                PanelItem(
                    text=f"{label}: {percent(getattr(latest, key))}",
                    hint=_hint(rows, lambda r, k=key: percent(getattr(r, k))),
                )
            )
        for category, cost in latest.weekly_cost.items():
            items.append(
                PanelItem(
                    text=f"Average weekly cost, {category_name(category)}: {pounds(cost)}",
                    hint=_hint(rows, lambda r, c=category: pounds(r.weekly_cost.get(c))),
                )
            )
    overdue = selectors.open_actions_overdue(user)
    items.append(
        PanelItem(
            text=f"Open strategy actions overdue: {overdue}",
            href=reverse("strategy:strategies"),
        )
    )
    return Panel(
        title="Sufficiency measures",
        empty_text="No placements yet.",
        items=items,
        more_href=reverse("strategy:measures"),
    )


@register(access.APPROVE_STRATEGY)
def strategies_to_decide(user: Any) -> Panel:
    waiting = selectors.waiting_for_decision(user)
    return Panel(
        title="Strategy drafts waiting for your decision",
        empty_text="No strategy draft is waiting for a decision.",
        items=[
            PanelItem(
                text=v.strategy.title,
                href=reverse("strategy:version", kwargs={"version_id": v.pk}),
                hint="Sent for approval",
            )
            for v in waiting
        ],
    )
