"""Columns of the forecast tables: the same description serves the page and its CSV."""

from __future__ import annotations

from typing import Any

from rcc.tables import Column, number
from sufficiency.presenters import band_name, category_name, count, count_range, months, percent


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
