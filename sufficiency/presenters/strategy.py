"""Display of gap tables, pipelines, measures and strategy versions: columns (the same serve
the page, the PDF and the CSV) and charts, all read from plain dicts (a version's frozen
figures) or the live rows of the gap analysis."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from fostering import charts
from providers.models.choices import NeedLevel, SettingType
from providers.presenters import money
from rcc.tables import Column, number
from sufficiency import gaps
from sufficiency.models.provision import Stage
from sufficiency.models.strategy import SECTIONS, StrategyAction
from sufficiency.presenters.forecast import category_name, count

SECTION_NAMES = dict(SECTIONS)
STAGE_NAMES = dict(Stage.choices)
NEED_NAMES = dict(NeedLevel.choices)
TYPE_NAMES = dict(SettingType.choices)
ACTION_STATUS = dict(StrategyAction.Status.choices)
FIELD_NAMES = {
    "demand_12": "Expected children in 12 months",
    "places": "Places now",
    "planned_12": "Planned places within 12 months",
    "gap_12": "Gap in 12 months",
}


def _get(row: Any, name: str) -> Any:
    return row[name] if isinstance(row, dict) else getattr(row, name)


def signed(value: float) -> str:
    return f"{value:+,.0f}" if round(value) else "0"


def day(value: str | date | None) -> str:
    if not value:
        return "Not set"
    value = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{value.day} {value:%B %Y}"


def percent(value: float | None) -> str:
    return "No data" if value is None else f"{value:.1f}%"


def pounds(value: str | Decimal | None) -> str:
    return "No placements" if value is None else money(Decimal(value))


def trend_of(row: Any) -> str:
    trend = _get(row, "trend")
    return trend() if callable(trend) else trend


# The gap table -------------------------------------------------------------------------------
def gap_columns(cell_link: bool = False) -> list[Column]:
    link = _cell_link if cell_link else None
    return [
        Column("Council", lambda r: _get(r, "area"), link=link),
        Column("Category", lambda r: category_name(_get(r, "category"))),
        number("Expected children now", lambda r: count(_get(r, "demand_now"))),
        number("Expected in 12 months", lambda r: count(_get(r, "demand_12"))),
        number("Places now", lambda r: f"{_get(r, 'places'):,}"),
        number("Vacancies", lambda r: f"{_get(r, 'vacancies'):,}"),
        number("Placed outside the region", lambda r: f"{_get(r, 'placed_outside_region'):,}"),
        number("Placed over 20 miles away", lambda r: f"{_get(r, 'placed_over_20_miles'):,}"),
        number("Planned within 12 months", lambda r: f"{_get(r, 'planned_12'):,}"),
        number("Gap in 12 months", lambda r: signed(_get(r, "gap_12"))),
        Column("Trend to 24 months", lambda r: trend_of(r)),
    ]


def _cell_link(row: Any) -> str:
    query = f"?area={_get(row, 'area')}&category={_get(row, 'category')}"
    return reverse("strategy:gap_cell") + query.replace(" ", "+")


GAP_CSV_FIELDS = (
    "area", "category", "demand_now", "demand_12", "demand_24", "places", "vacancies",
    "placed_outside_region", "placed_over_20_miles", "planned_12", "planned_24", "gap_now",
    "gap_12", "gap_24",
)  # fmt: skip


def gap_csv_columns() -> list[Column]:
    def value(name: str):
        return lambda r: _rounded(_get(r, name))

    return [Column(name, value(name)) for name in GAP_CSV_FIELDS] + [
        Column("trend", lambda r: trend_of(r))
    ]


def _rounded(value: Any) -> Any:
    return f"{value:.1f}" if isinstance(value, float) else value


def need_columns() -> list[Column]:
    return [
        Column("Category", lambda r: category_name(_get(r, "category"))),
        Column(
            "Need level", lambda r: NEED_NAMES.get(_get(r, "need_level"), _get(r, "need_level"))
        ),
        number("Children placed now", lambda r: _get(r, "placed")),
        number("Outside the region", lambda r: f"{_get(r, 'placed_outside_region'):,}"),
        number("Over 20 miles away", lambda r: f"{_get(r, 'placed_over_20_miles'):,}"),
        number("Planned places", lambda r: _get(r, "planned")),
        number("Proposed places", lambda r: _get(r, "proposed")),
    ]


def gap_chart(rows: list[Any], *, chart_id: str = "gap-chart") -> SafeString:
    """The region's rows: expected children in 12 months against places now and planned."""
    region = [r for r in rows if _get(r, "area") == gaps.REGION]
    svg = charts.bar_chart(
        chart_id=chart_id,
        title="Expected children in 12 months against places, by category",
        description="For each category: expected children in 12 months, places now, and "
        "places planned to open within 12 months. The table after the chart holds the numbers.",
        labels=[category_name(_get(r, "category")) for r in region],
        series=[
            ("Expected in 12 months", [round(_get(r, "demand_12")) for r in region]),
            ("Places now", [_get(r, "places") for r in region]),
            ("Planned within 12 months", [_get(r, "planned_12") for r in region]),
        ],
    )
    return mark_safe(svg)  # noqa: S308 (charts escape every text they write)


# The pipeline --------------------------------------------------------------------------------
def pipeline_columns(link: bool = False) -> list[Column]:
    return [
        Column("Project", lambda p: _get(p, "name"), link=_project_link if link else None),
        Column("Council", lambda p: _council(p)),
        Column("Category", lambda p: category_name(_get(p, "category"))),
        Column("Need level", lambda p: NEED_NAMES.get(_get(p, "need_level"), "")),
        Column("Type", lambda p: TYPE_NAMES.get(_get(p, "provision_type"), "")),
        number("Places", lambda p: _get(p, "places")),
        Column("Stage", lambda p: STAGE_NAMES.get(_get(p, "stage"), _get(p, "stage"))),
        Column("Expected to open", lambda p: day(_get(p, "expected_open_on"))),
        number("Capital cost", lambda p: money(Decimal(str(_get(p, "capital_cost"))))),
        number(
            "Revenue cost a year", lambda p: money(Decimal(str(_get(p, "annual_revenue_cost"))))
        ),
        Column("Partner", lambda p: _get(p, "partner")),
    ]


def _council(project: Any) -> str:
    if isinstance(project, dict):
        return project["council"]
    return project.local_authority.name


def _project_link(project: Any) -> str:
    return reverse("strategy:project", kwargs={"project_id": project.public_id})


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


def setting_columns() -> list[Column]:
    return [
        Column("Setting", lambda s: s.name),
        Column("Provider", lambda s: s.provider.name),
        Column("Council", lambda s: s.local_authority.name),
        number("Registered places", lambda s: s.registered_places),
    ]
