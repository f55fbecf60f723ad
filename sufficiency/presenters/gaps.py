"""Display of the gap analysis: the gap and need-level tables' columns (the same serve the
page, the PDF and the CSV, read from the live analysis or a version's frozen rows), the
chart, one cell's settings, and the gap pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from rcc.kit import charts
from rcc.kit.tables import Column, number
from sufficiency import gaps
from sufficiency.presenters.forecast import category_name, count
from sufficiency.presenters.provision import (
    NEED_NAMES,
    TEMPLATE_HELPERS,
    pipeline_columns,
    value,
)

if TYPE_CHECKING:
    from sufficiency.selectors.gaps import Cell, GapAnalysis


def signed(figure: float) -> str:
    return f"{figure:+,.0f}" if round(figure) else "0"


def trend_of(row: Any) -> str:
    trend = value(row, "trend")
    return trend() if callable(trend) else trend


def gap_columns(cell_link: bool = False) -> list[Column]:
    link = _cell_link if cell_link else None
    return [
        Column("Council", lambda r: value(r, "area"), link=link),
        Column("Category", lambda r: category_name(value(r, "category"))),
        number("Expected children now", lambda r: count(value(r, "demand_now"))),
        number("Expected in 12 months", lambda r: count(value(r, "demand_12"))),
        number("Places now", lambda r: count(value(r, "places"))),
        number("Vacancies", lambda r: count(value(r, "vacancies"))),
        number("Placed outside the region", lambda r: count(value(r, "placed_outside_region"))),
        number("Placed over 20 miles away", lambda r: count(value(r, "placed_over_20_miles"))),
        number("Planned within 12 months", lambda r: count(value(r, "planned_12"))),
        number("Gap in 12 months", lambda r: signed(value(r, "gap_12"))),
        Column("Trend to 24 months", lambda r: trend_of(r)),
    ]


def _cell_link(row: Any) -> str:
    query = f"?area={value(row, 'area')}&category={value(row, 'category')}"
    return reverse("strategy:gap_cell") + query.replace(" ", "+")


GAP_CSV_FIELDS = (
    "area", "category", "demand_now", "demand_12", "demand_24", "places", "vacancies",
    "placed_outside_region", "placed_over_20_miles", "planned_12", "planned_24", "gap_now",
    "gap_12", "gap_24",
)  # fmt: skip


def gap_csv_columns() -> list[Column]:
    def field(name: str):
        return lambda r: _rounded(value(r, name))

    return [Column(name, field(name)) for name in GAP_CSV_FIELDS] + [
        Column("trend", lambda r: trend_of(r))
    ]


def _rounded(figure: Any) -> Any:
    return f"{figure:.1f}" if isinstance(figure, float) else figure


def need_columns() -> list[Column]:
    return [
        Column("Category", lambda r: category_name(value(r, "category"))),
        Column(
            "Need level", lambda r: NEED_NAMES.get(value(r, "need_level"), value(r, "need_level"))
        ),
        number("Children placed now", lambda r: value(r, "placed")),
        number("Outside the region", lambda r: count(value(r, "placed_outside_region"))),
        number("Over 20 miles away", lambda r: count(value(r, "placed_over_20_miles"))),
        number("Planned places", lambda r: value(r, "planned")),
        number("Proposed places", lambda r: value(r, "proposed")),
    ]


def gap_chart(rows: list[Any], *, chart_id: str = "gap-chart") -> SafeString:
    """The region's rows: expected children in 12 months against places now and planned."""
    region = [r for r in rows if value(r, "area") == gaps.REGION]
    svg = charts.bar_chart(
        chart_id=chart_id,
        title="Expected children in 12 months against places, by category",
        description="For each category: expected children in 12 months, places now, and "
        "places planned to open within 12 months. The table after the chart holds the numbers.",
        labels=[category_name(value(r, "category")) for r in region],
        series=[
            ("Expected in 12 months", [round(value(r, "demand_12")) for r in region]),
            ("Places now", [value(r, "places") for r in region]),
            ("Planned within 12 months", [value(r, "planned_12") for r in region]),
        ],
    )
    return mark_safe(svg)  # noqa: S308 (charts escape every text they write)


def setting_columns() -> list[Column]:
    return [
        Column("Setting", lambda s: s.name),
        Column("Provider", lambda s: s.provider.name),
        Column("Council", lambda s: s.local_authority.name),
        number("Registered places", lambda s: s.registered_places),
    ]


# Pages ---------------------------------------------------------------------------------------
# Each ``?format=`` download of the gap analysis: file name prefix, columns, rows.
DOWNLOADS = {
    "csv": ("gaps", gap_csv_columns, lambda a: a.rows),
    "needs-csv": ("gaps-by-need", need_columns, lambda a: a.needs),
    "pipeline-csv": ("pipeline", pipeline_columns, lambda a: a.pipeline),
}


def download(analysis: GapAnalysis, name: str) -> tuple[str, list[Column], Any]:
    """The file name, columns and rows of one download (``csv_response``'s arguments)."""
    prefix, columns, rows = DOWNLOADS[name]
    return f"{prefix}-{analysis.region.slug}", columns(), rows(analysis)


def gaps_page(analysis: GapAnalysis) -> dict[str, Any]:
    return {
        "title": f"Gap analysis: {analysis.region.name}",
        "analysis": analysis,
        "chart": gap_chart(analysis.rows) if analysis.rows else "",
        "region_columns": gap_columns(cell_link=True),
        "council_columns": gap_columns(cell_link=True),
        "need_columns": need_columns(),
        "pipeline_columns": pipeline_columns(link=True),
        "show": TEMPLATE_HELPERS,
    }


def cell_page(analysis: GapAnalysis, cell: Cell, *, area: str, category: str) -> dict[str, Any]:
    return {
        "title": f"{area}: {category_name(category)}",
        "analysis": analysis,
        "cell": cell,
        "columns": gap_columns(cell_link=True),
        "pipeline_columns": pipeline_columns(link=True),
        "show": TEMPLATE_HELPERS,
    }


def cell_download_name(area: str, category: str) -> str:
    return f"settings-{area}-{category}"
