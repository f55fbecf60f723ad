"""Display names and formats of forecast figures."""

from __future__ import annotations

from django.utils.safestring import SafeString, mark_safe

from sufficiency.models.forecast import ALL
from sufficiency.presenters import charts

CATEGORY_NAMES = {
    "fostering_connected": "Fostering: family and friends",
    "fostering_other": "Fostering: other carers",
    "residential": "Residential",
    "supported": "Supported accommodation",
    "with_parents": "Placed with parents",
    "adoption": "Placed for adoption",
    "other": "Other",
    ALL: "All children in care",
}


def category_name(code: str) -> str:
    return CATEGORY_NAMES.get(code, code)


def band_name(band: str) -> str:
    return "All ages" if band == ALL else f"Aged {band}"


def count(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def count_range(lower: float, upper: float) -> str:
    return f"{lower:,.0f} to {upper:,.0f}"


def percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}%"


def months(weeks: int) -> str:
    return f"{round(weeks * 12 / 52)} months"


def forecast_chart(series: dict, *, by: str, chart_id: str, title: str) -> SafeString:
    """Quarterly means with their 80% intervals, one line per category (or age band)."""
    name = category_name if by == "category" else band_name
    groups = [key for key in series if key != ALL] or list(series)
    first = series[groups[0]] if groups else []
    svg = charts.band_chart(
        chart_id=chart_id,
        title=title,
        description="Shaded: the 80% interval. The numbers are in the table below the chart.",
        labels=[f.date.strftime("%b %Y") for f in first],
        series=[
            charts.BandSeries(
                name(key),
                [f.mean for f in series[key]],
                [f.lower80 for f in series[key]],
                [f.upper80 for f in series[key]],
            )
            for key in groups
        ],
    )
    return mark_safe(svg)  # noqa: S308 (charts.py escapes every text it writes)


def total_chart(series: dict, *, chart_id: str) -> SafeString:
    """All children in care with the 80% interval (the table gives the 95% one too)."""
    return forecast_chart(
        {ALL: series.get(ALL, [])}, by="category", chart_id=chart_id, title="All children in care"
    )
