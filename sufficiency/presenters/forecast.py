"""Display of forecasts: names and formats of their figures, their charts, the columns of
their tables (the same description serves the page and its CSV) and what each page shows."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from rcc.kit.format import count, count_range, format_date, money, percent
from rcc.kit.tables import Column, number
from sufficiency import costs
from sufficiency.models.forecast import ALL, ForecastRun
from sufficiency.presenters import charts, forecast_answer

if TYPE_CHECKING:
    from sufficiency.selectors.forecast import RunPage

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


# Columns -------------------------------------------------------------------------------------
def _rounded(value: float) -> str:
    return f"{value:.1f}"


def figure_columns(by: str) -> list[Column]:
    """Quarterly rows on the page: date, group, expected children and the intervals."""
    name = category_name if by == "category" else band_name
    return [
        Column("Date", lambda f: format_date(f.date), raw=lambda f: f.date.isoformat()),
        Column("Category" if by == "category" else "Age band", lambda f: name(getattr(f, by))),
        number("Expected children", lambda f: count(f.mean)),
        number("80% interval", lambda f: count_range(f.lower80, f.upper80)),
        number("95% interval", lambda f: count_range(f.lower95, f.upper95)),
    ]


def state_columns() -> list[Column]:
    """Age band by placement category together, at 12 and 24 months."""
    return [
        Column("After", lambda f: months(f.week)),
        Column("Age band", lambda f: band_name(f.age_band)),
        Column("Category", lambda f: category_name(f.category)),
        number("Expected children", lambda f: count(f.mean)),
        number("80% interval", lambda f: count_range(f.lower80, f.upper80)),
        number("95% interval", lambda f: count_range(f.lower95, f.upper95)),
    ]


def state_csv_columns() -> list[Column]:
    return [
        Column("date", lambda f: f.date.isoformat()),
        number("week", lambda f: f.week),
        Column("age_band", lambda f: f.age_band),
        *figure_csv_columns("category")[2:],
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
    return reverse("sufficiency:run", kwargs={"run_id": run.pk})


def not_priced(value: Decimal | None) -> str:
    return "Not priced" if value is None else money(value)


def cost_columns() -> list[Column]:
    return [
        Column("After", lambda r: months(r.week)),
        Column("Category", lambda r: cost_category(r.category)),
        number("Expected children", lambda r: count(r.children)),
        number(
            "Median weekly price",
            lambda r: not_priced(r.weekly_price) if r.category != costs.TOTAL else "",
        ),
        number("Weekly cost", lambda r: not_priced(r.weekly_cost)),
        number("Likely range (80%)", _cost_range),
    ]


def _cost_range(row: costs.CostRow) -> str:
    if row.cost_lower80 is None or row.cost_upper80 is None:
        return ""
    return f"{money(row.cost_lower80)} to {money(row.cost_upper80)}"


def cost_interval_columns() -> list[Column]:
    """Rows of (week, ``cost_draws.CostSummary``): the priced categories' cost with its doubt."""
    return [
        Column("After", lambda r: months(r[0])),
        number("Weekly cost", lambda r: money(_pounds(r[1].mean))),
        number("Likely range (80%)", lambda r: _pound_range(r[1].lower80, r[1].upper80)),
        number("Wide range (95%)", lambda r: _pound_range(r[1].lower95, r[1].upper95)),
        number("A year at that rate", lambda r: money(_pounds(r[1].annual))),
    ]


def cost_interval_csv_columns() -> list[Column]:
    return [
        number("week", lambda r: r[0]),
        *(
            number(name, lambda r, name=name: f"{getattr(r[1], name):.2f}")
            for name in ("mean", "lower80", "upper80", "lower95", "upper95", "annual")
        ),
    ]


def _pounds(value: float) -> Decimal:
    return Decimal(str(round(value, 2)))


def _pound_range(lower: float, upper: float) -> str:
    return f"{money(_pounds(lower))} to {money(_pounds(upper))}"


def cost_category(code: str) -> str:
    return "Priced categories" if code == costs.TOTAL else category_name(code)


def cost_csv_columns() -> list[Column]:
    return [
        number("week", lambda r: r.week),
        Column("category", lambda r: r.category),
        Column("placement_type", lambda r: r.placement_type or ""),
        number("children", lambda r: f"{r.children:.1f}"),
        number("median_weekly_price", lambda r: r.weekly_price),
        number("weekly_cost", lambda r: r.weekly_cost),
        number("weekly_cost_lower80", lambda r: r.cost_lower80),
        number("weekly_cost_upper80", lambda r: r.cost_upper80),
    ]


def gap_columns() -> list[Column]:
    return [
        Column("Category", lambda r: category_name(r.category)),
        number("Expected children in 12 months", lambda r: count(r.demand)),
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
        Column("Category", lambda r: category_name(r.category)),
        number("Expected children in 12 months", lambda r: count(r.after_12_months)),
        number("Expected children in 24 months", lambda r: count(r.after_24_months)),
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


# Pages ---------------------------------------------------------------------------------------
# Each ``?format=`` download of a forecast: file name prefix, columns, and the part of the run
# its rows come from (``selectors.forecast.run_rows``).
DOWNLOADS = {
    "csv": ("forecast", lambda: figure_csv_columns("category"), "category"),
    "bands-csv": ("forecast-bands", lambda: figure_csv_columns("age_band"), "age_band"),
    "states-csv": ("forecast-bands-by-category", state_csv_columns, "state"),
    "backtest-csv": ("backtest", backtest_columns, "backtest"),
    "rolling-csv": ("rolling-backtest", forecast_answer.rolling_csv_columns, "rolling"),
    "costs": ("costs", cost_csv_columns, "cost_rows"),
    "cost-intervals": ("cost-intervals", cost_interval_csv_columns, "cost_summaries"),
    "gaps": ("gaps", gap_csv_columns, "gap_rows"),
    "councils": ("councils", council_demand_csv_columns, "council_rows"),
    "council-gaps": ("council-gaps", council_gap_csv_columns, "council_gap_rows"),
}
TEMPLATE_HELPERS = SimpleNamespace(months=months, percent=percent)  # ``presenters`` in run.html


def download_name(prefix: str, run: ForecastRun) -> str:
    return f"{prefix}-{run.region.slug}-{run.as_of}-{run.scenario}"


def run_page(run: ForecastRun, page: RunPage) -> dict[str, Any]:
    categories, bands, figures = page.categories, page.bands, page.figures
    return {
        "title": f"Demand forecast: {run.region.name}",
        "run": run,
        "answer": forecast_answer.answer(run, figures.cost_rows),
        "accuracy_rows": forecast_answer.accuracy_rows(run),
        "accuracy_columns": forecast_answer.accuracy_columns(),
        "total_chart": total_chart(categories, chart_id="total"),
        "category_chart": forecast_chart(
            categories, by="category", chart_id="categories", title="Children by category"
        ),
        "band_chart": forecast_chart(
            bands, by="age_band", chart_id="bands", title="Children by age band"
        ),
        "category_rows": page.category_rows,
        "total_rows": [f for f in page.category_rows if f.category == ALL],
        "band_rows": page.band_rows,
        "category_columns": figure_columns("category"),
        "band_columns": figure_columns("age_band"),
        "state_rows": page.state_rows,
        "state_columns": state_columns(),
        "backtest": run.metrics.get("backtest", {}),
        "backtest_columns": backtest_columns(),
        "cost_rows": figures.cost_rows,
        "cost_columns": cost_columns(),
        "cost_summaries": figures.cost_summaries,
        "cost_interval_columns": cost_interval_columns(),
        "gap_rows": figures.gap_rows,
        "gap_columns": gap_columns(),
        "council_rows": figures.council_rows,
        "council_columns": council_demand_columns(),
        "council_gap_rows": figures.council_gap_rows,
        "council_gap_columns": council_gap_columns(),
        "presenters": TEMPLATE_HELPERS,
    }


def no_forecast_page() -> dict[str, Any]:
    return {"title": "Demand forecast"}


def history_page(runs: Any) -> dict[str, Any]:
    return {"title": "Forecast runs", "runs": runs, "columns": run_columns()}


def scenario_page(form: Any) -> dict[str, Any]:
    return {
        "title": "Run a scenario",
        "intro": "Change entry and leaving-care rates by category, or step children from one "
        "category to another each year, and compare the result with the baseline forecast.",
        "form": form,
        "submit_text": "Run scenario",
        "back_url": reverse("sufficiency:latest"),
    }


def comparison_page(run: ForecastRun, baseline: ForecastRun | None, rows: list) -> dict[str, Any]:
    return {
        "title": f"{run.scenario} against the baseline",
        "run": run,
        "baseline": baseline,
        "rows": rows,
        "columns": comparison_columns(),
    }
