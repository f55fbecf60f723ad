"""One way to write numbers, money, shares, dates and statuses on every page.

CSV downloads keep raw values; these are for what a person reads. Two words for two
meanings that used to share the name ``percent``: ``share`` takes a fraction (0.123 reads as
12.3%), ``percent`` takes a value already in percentage points (12.3 reads as 12.3%).
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone

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
    """£1,234 for whole pounds, £1,234.50 otherwise; blank for nothing."""
    if value is None:
        return ""
    return f"£{value:,.0f}" if value == int(value) else f"£{value:,.2f}"


def share(value: Decimal | float | None, *, empty: str = "") -> str:
    """A fraction as a percentage to one place: 0.123 reads as 12.3%."""
    return empty if value is None else f"{float(value) * 100:.1f}%"


def percent(value: Decimal | float | None, *, empty: str = "") -> str:
    """A value already in percentage points, to one place: 12.34 reads as 12.3%."""
    return empty if value is None else f"{float(value):.1f}%"


def count(value: float | None) -> str:
    """A whole count with thousands separated: 1,234."""
    return "" if value is None else f"{value:,.0f}"


def count_range(lower: float, upper: float) -> str:
    return f"{count(lower)} to {count(upper)}"


def number(value: Decimal | float | None) -> str:
    """A measure to one place, dropping a trailing .0: 23.0 reads as 23, 23.5 as 23.5."""
    return "" if value is None else f"{value:,.1f}".removesuffix(".0")


def format_date(value: date | None) -> str:
    """4 December 2026."""
    return f"{value.day} {value:%B %Y}" if value else ""


def format_datetime(value: datetime | None) -> str:
    """4 December 2026 at 16:30, in the service's time zone."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{local.day} {local:%B %Y at %H:%M}"


def tag(status: str, label: str) -> dict[str, Any]:
    """The parameters of a GOV.UK tag for a status, coloured by what the status means."""
    colour = TAG_COLOURS.get(status, "grey")
    return {"text": label, "classes": f"govuk-tag--{colour}"}
