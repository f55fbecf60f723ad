"""Display of strategy versions, their measures over time, actions and market position
statement: columns (the same serve the page, the PDF and the CSV) and charts, read from plain
dicts (a version's frozen figures) or live rows; and the strategy pages."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from rcc.kit import charts
from rcc.kit.format import money
from rcc.kit.format import percent as kit_percent
from rcc.kit.tables import Column, number
from rcc.models import Region
from sufficiency import gaps
from sufficiency.models.strategy import SECTIONS, StrategyAction, StrategyVersion
from sufficiency.presenters.forecast import category_name, count
from sufficiency.presenters.gaps import gap_chart, gap_columns, gap_csv_columns, need_columns
from sufficiency.presenters.provision import NEED_NAMES, TYPE_NAMES, day, pipeline_columns
from sufficiency.presenters.provision import value as _get

SECTION_NAMES = dict(SECTIONS)
ACTION_STATUS = dict(StrategyAction.Status.choices)
FIELD_NAMES = {
    "demand_12": "Expected children in 12 months",
    "places": "Places now",
    "planned_12": "Planned places within 12 months",
    "gap_12": "Gap in 12 months",
}


def percent(value: float | None) -> str:
    """A percentage (in points), or "No data" where there is none."""
    return kit_percent(value, empty="No data")


def pounds(amount: str | Decimal | None) -> str:
    return "No placements" if amount is None else money(Decimal(amount))


# Measures over time --------------------------------------------------------------------------
COST_CATEGORIES = ("fostering_other", "residential", "supported")


def measure_columns() -> list[Column]:
    return [
        Column("Quarter ending", lambda m: day(_get(m, "on"))),
        number("Children placed", lambda m: _get(m, "placed")),
        number("Within 20 miles", lambda m: percent(_get(m, "within_20_miles"))),
        number("Outside the region", lambda m: percent(_get(m, "outside_region"))),
        number("Family-based care", lambda m: percent(_get(m, "family_based"))),
        number("Residential care", lambda m: percent(_get(m, "residential"))),
        *[number(f"Average weekly cost: {category_name(c)}", _cost(c)) for c in COST_CATEGORIES],
    ]


def _cost(category: str):
    return lambda m: pounds(_get(m, "weekly_cost").get(category))


def measure_chart(rows: list[Any], *, chart_id: str = "measures-chart") -> SafeString:
    names = (
        ("Within 20 miles", "within_20_miles"),
        ("Outside the region", "outside_region"),
        ("Family-based care", "family_based"),
        ("Residential care", "residential"),
    )
    svg = charts.line_chart(
        chart_id=chart_id,
        title="Headline sufficiency measures, percent of children placed, by quarter",
        description="Shares of children placed at the end of each quarter: within 20 miles of "
        "home, outside the region, in family-based care and in residential care. The table "
        "after the chart holds the numbers.",
        labels=[_short_day(_get(m, "on")) for m in rows],
        series=[
            (label, [_get(m, key) or 0 for m in rows])
            for label, key in names
            if any(_get(m, key) is not None for m in rows)  # no distances known: no line
        ],
    )
    return mark_safe(svg)  # noqa: S308 (charts escape every text they write)


def _short_day(value: Any) -> str:
    value = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{value:%b %Y}"


# Actions, market, changes --------------------------------------------------------------------
def action_columns(link: bool = False) -> list[Column]:
    return [
        Column("Action", lambda a: _get(a, "title"), link=_action_link if link else None),
        Column("Owner", lambda a: _get(a, "owner")),
        Column("Due", lambda a: day(_get(a, "due_on"))),
        Column("Status", lambda a: ACTION_STATUS.get(_get(a, "status"), _get(a, "status"))),
    ]


def _action_link(action: Any) -> str:
    return reverse("strategy:action", kwargs={"action_id": action.pk})


def market_need_columns() -> list[Column]:
    return [
        Column("Where", lambda n: n["council"]),
        Column("What", lambda n: category_name(n["category"])),
        number("Places needed", lambda n: n["places"]),
        Column(
            "For whom",
            lambda n: ", ".join(NEED_NAMES.get(x, x) for x in n["need_levels"]) or "Any need level",
        ),
    ]


def price_columns() -> list[Column]:
    return [
        Column(
            "Placement type", lambda p: TYPE_NAMES.get(p["placement_type"], p["placement_type"])
        ),
        Column("Need level", lambda p: NEED_NAMES.get(p["need_level"], p["need_level"])),
        number("Placements", lambda p: p["count"]),
        number("Lower quartile", lambda p: money(Decimal(p["lower_quartile"]))),
        number("Median", lambda p: money(Decimal(p["median"]))),
        number("Upper quartile", lambda p: money(Decimal(p["upper_quartile"]))),
    ]


def change_columns() -> list[Column]:
    return [
        Column("Council", lambda c: c["area"]),
        Column("Category", lambda c: category_name(c["category"])),
        Column("Figure", lambda c: FIELD_NAMES.get(c["field"], c["field"])),
        number("Before", lambda c: "None" if c["before"] is None else count(c["before"])),
        number("Now", lambda c: count(c["after"])),
    ]


def section_name(key: str) -> str:
    return SECTION_NAMES.get(key, key)


def document(version: Any) -> dict[str, Any]:
    """Everything the strategy's page and PDF show, from the version's frozen JSON only."""
    figures = version.figures or {}
    rows = figures.get("gaps", [])
    return {
        "version": version,
        "strategy": version.strategy,
        "region": version.strategy.region,
        "sections": [(key, name, version.sections.get(key, "")) for key, name in SECTIONS],
        "figures": figures,
        "gap_rows": [r for r in rows if r["area"] == gaps.REGION],
        "council_gap_rows": [r for r in rows if r["area"] != gaps.REGION],
        "gap_columns": gap_columns(),
        "gap_chart": gap_chart(rows) if rows else "",
        "need_rows": figures.get("needs", []),
        "need_columns": need_columns(),
        "pipeline_rows": figures.get("pipeline", []),
        "pipeline_columns": pipeline_columns(),
        "measure_rows": figures.get("measures", []),
        "measure_columns": measure_columns(),
        "measure_chart": measure_chart(figures["measures"]) if figures.get("measures") else "",
        "action_rows": figures.get("actions", []),
        "action_columns": action_columns(),
        "market_need_rows": figures.get("market", {}).get("needs", []),
        "market_need_columns": market_need_columns(),
        "price_rows": figures.get("market", {}).get("prices", []),
        "price_columns": price_columns(),
        "changes": version.changes or {},
        "changed_sections": [section_name(k) for k in (version.changes or {}).get("sections", [])],
        "change_columns": change_columns(),
        "section_name": section_name,
        "day": day,
    }


# ``?format=`` downloads of a version's tables (its page, public or staff): file name, columns,
# rows from the frozen figures.
DOWNLOADS = {
    "gaps-csv": ("gaps", gap_csv_columns, lambda f: f.get("gaps", [])),
    "pipeline-csv": ("pipeline", pipeline_columns, lambda f: f.get("pipeline", [])),
    "measures-csv": ("measures", measure_columns, lambda f: f.get("measures", [])),
    "needs-csv": ("needs", need_columns, lambda f: f.get("needs", [])),
    "actions-csv": ("actions", action_columns, lambda f: f.get("actions", [])),
    "market-csv": ("market", market_need_columns, lambda f: f.get("market", {}).get("needs", [])),
    "prices-csv": ("prices", price_columns, lambda f: f.get("market", {}).get("prices", [])),
}


def download(version: StrategyVersion, name: str, suffix: str) -> tuple[str, list[Column], Any]:
    """The file name (``<table>-<suffix>``), columns and rows of one download of a version's
    tables, from its frozen figures (``csv_response``'s arguments)."""
    table, columns, rows = DOWNLOADS[name]
    return f"{table}-{suffix}", columns(), rows(version.figures)


# Pages ---------------------------------------------------------------------------------------
def strategies_page(
    strategies: Any, versions: Any, actions: Any, *, can_draft: bool
) -> dict[str, Any]:
    return {
        "title": "Sufficiency strategy",
        "strategies": list(strategies),
        "versions": list(versions),
        "actions": list(actions),
        "action_columns": action_columns(link=can_draft),
        "can_draft": can_draft,
    }


def version_page(
    version: StrategyVersion, decisions: Any, *, can_draft: bool, can_approve: bool
) -> dict[str, Any]:
    return {
        "title": version.strategy.title,
        "decisions": list(decisions),
        "can_draft": can_draft,
        "can_approve": can_approve,
        "market": version.market_position,
        **document(version),
    }


def version_url(version: StrategyVersion) -> str:
    return reverse("strategy:version", kwargs={"version_id": version.pk})


def measures_page(region: Region, rows: list[Any], overdue: int) -> dict[str, Any]:
    return {
        "title": f"Sufficiency measures: {region.name}",
        "rows": rows,
        "columns": measure_columns(),
        "chart": measure_chart(rows),
        "overdue": overdue,
    }


def refused_page(message: str, back: str) -> dict[str, Any]:
    return {"title": "That could not be done", "message": message, "back_url": back}


DECIDE_INTRO = (
    "Approving publishes this version on the public website as it is now, with "
    "its figures frozen. Returning sends it back to the analysts with your comments."
)
