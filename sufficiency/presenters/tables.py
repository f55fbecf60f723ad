"""Columns of the forecast tables: the same description serves the page and its CSV."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from providers.presenters import money
from rcc.tables import Column, number
from sufficiency import costs
from sufficiency.presenters import forecast as presenters
from sufficiency.presenters.forecast import (
    band_name,
    category_name,
    count,
    count_range,
    months,
    percent,
)


def _rounded(value: float) -> str:
    return f"{value:.1f}"


def figure_columns(by: str) -> list[Column]:
    """Quarterly rows on the page: date, group, expected children and the intervals."""
    name = category_name if by == "category" else band_name
    return [
        Column("Date", lambda f: f.date.strftime("%-d %b %Y")),
        Column("Category" if by == "category" else "Age band", lambda f: name(getattr(f, by))),
        number("Expected children", lambda f: count(f.mean)),
        number("80% interval", lambda f: count_range(f.lower80, f.upper80)),
        number("95% interval", lambda f: count_range(f.lower95, f.upper95)),
    ]


def figure_csv_columns(by: str) -> list[Column]:
    """Every week in the CSV, with unrounded bounds for analysts."""
    return [
        Column("date", lambda f: f.date.isoformat()),
        number("week", lambda f: f.week),
        Column("age_band" if by == "age_band" else "category", lambda f: getattr(f, by)),
        number("mean", lambda f: _rounded(f.mean)),
        number("lower80", lambda f: _rounded(f.lower80)),
        number("upper80", lambda f: _rounded(f.upper80)),
        number("lower95", lambda f: _rounded(f.lower95)),
        number("upper95", lambda f: _rounded(f.upper95)),
    ]


def backtest_columns() -> list[Column]:
    return [
        Column("Category", lambda r: category_name(r["category"])),
        Column("After", lambda r: months(r["horizon_weeks"])),
        number("Forecast", lambda r: count(r["predicted"])),
        number("Actual", lambda r: r["actual"]),
        number("80% interval", lambda r: count_range(r["lower80"], r["upper80"])),
        number("Error", lambda r: percent(r["error_percent"])),
    ]


def comparison_columns() -> list[Column]:
    return [
        Column("Category", lambda r: category_name(r["category"])),
        Column("After", lambda r: months(r["week"])),
        number("Baseline", lambda r: count(r["baseline"])),
        number("Scenario", lambda r: count(r["scenario"])),
        number("Difference", lambda r: _signed(r["scenario"] - r["baseline"])),
    ]


def _signed(value: Any) -> str:
    return f"{value:+.0f}"


def run_columns() -> list[Column]:
    return [
        Column("As of", lambda r: r.as_of.isoformat(), link=_run_link),
        Column("Region", lambda r: r.region.name),
        Column("Scenario", lambda r: r.scenario),
        Column("Status", lambda r: r.get_status_display()),
        Column("Model", lambda r: r.model_version),
    ]


def _run_link(run: Any) -> str:
    from django.urls import reverse

    return reverse("sufficiency:run", kwargs={"run_id": run.pk})


def not_priced(value: Decimal | None) -> str:
    return "Not priced" if value is None else money(value)


def cost_columns() -> list[Column]:
    return [
        Column("After", lambda r: presenters.months(r.week)),
        Column("Category", lambda r: cost_category(r.category)),
        number("Expected children", lambda r: presenters.count(r.children)),
        number(
            "Median weekly price",
            lambda r: not_priced(r.weekly_price) if r.category != costs.TOTAL else "",
        ),
        number("Weekly cost", lambda r: not_priced(r.weekly_cost)),
    ]


def cost_category(code: str) -> str:
    return "Priced categories" if code == costs.TOTAL else presenters.category_name(code)


def cost_csv_columns() -> list[Column]:
    return [
        number("week", lambda r: r.week),
        Column("category", lambda r: r.category),
        Column("placement_type", lambda r: r.placement_type or ""),
        number("children", lambda r: f"{r.children:.1f}"),
        number("median_weekly_price", lambda r: r.weekly_price),
        number("weekly_cost", lambda r: r.weekly_cost),
    ]


def gap_columns() -> list[Column]:
    return [
        Column("Category", lambda r: presenters.category_name(r.category)),
        number("Expected children in 12 months", lambda r: presenters.count(r.demand)),
        number("Places now", lambda r: r.supply),
        number("Gap", lambda r: f"{r.gap:+,.0f}"),
    ]


def gap_csv_columns() -> list[Column]:
    return [
        Column("category", lambda r: r.category),
        number("demand_12_months", lambda r: f"{r.demand:.1f}"),
        number("places", lambda r: r.supply),
        number("gap", lambda r: f"{r.gap:.1f}"),
    ]


def council_demand_columns() -> list[Column]:
    return [
        Column("Council", lambda r: r.council),
        Column("Category", lambda r: presenters.category_name(r.category)),
        number("Expected children in 12 months", lambda r: presenters.count(r.after_12_months)),
        number("Expected children in 24 months", lambda r: presenters.count(r.after_24_months)),
    ]


def council_demand_csv_columns() -> list[Column]:
    return [
        Column("council", lambda r: r.council),
        Column("gss_code", lambda r: r.gss_code),
        Column("category", lambda r: r.category),
        number("children_12_months", lambda r: f"{r.after_12_months:.1f}"),
        number("children_24_months", lambda r: f"{r.after_24_months:.1f}"),
    ]


def council_gap_columns() -> list[Column]:
    return [
        Column("Council", lambda r: r.council),
        *gap_columns(),
    ]


def council_gap_csv_columns() -> list[Column]:
    return [
        Column("council", lambda r: r.council),
        *gap_csv_columns(),
    ]
