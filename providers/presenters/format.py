"""Display logic for the market: money, judgements, statuses as GOV.UK tags."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from providers.models import Judgement

TAG_COLOURS = {
    "active": "green",
    "open": "green",
    "admitted": "green",
    "live": "green",
    "suspended": "red",
    "refused": "red",
    "closed": "grey",
    "withdrawn": "grey",
    "ended": "grey",
    "held": "yellow",
    "under_evaluation": "yellow",
    "submitted": "blue",
    "filled": "purple",
    "draft": "grey",
}


def money(value: Decimal | int | float | None) -> str:
    if value is None:
        return ""
    return f"£{value:,.0f}" if value == int(value) else f"£{value:,.2f}"


def judgement(value: int | None) -> str:
    return Judgement(value).label if value else "Not yet inspected"


def percent(value: Decimal | float | None) -> str:
    return "" if value is None else f"{float(value) * 100:.1f}%"


def tag(status: str, label: str) -> dict[str, Any]:
    colour = TAG_COLOURS.get(status, "grey")
    return {"text": label, "classes": f"govuk-tag--{colour}"}
