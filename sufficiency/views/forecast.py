"""Forecast pages for RCC staff: the latest forecast, run history, scenarios, comparison."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from rcc import access
from rcc.tables import csv_response
from sufficiency import tasks
from sufficiency.forms.forecast import ScenarioForm
from sufficiency.models.forecast import ALL, ForecastRun
from sufficiency.presenters import forecast as presenters
from sufficiency.presenters import tables
from sufficiency.selectors import forecast as selectors
from sufficiency.services import forecast as services

VIEW = access.VIEW_MARKET


@require_GET
@permission_required(VIEW, raise_exception=True)
def latest(request: HttpRequest) -> HttpResponse:
    run = selectors.latest_baseline(request.user)
    if run is None:
        return render(request, "sufficiency/forecasts/none.html", {"title": "Demand forecast"})
    return _forecast_page(request, run)


@require_GET
@permission_required(VIEW, raise_exception=True)
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    return _forecast_page(request, selectors.get_run_for_user(request.user, run_id))


# Each ``?format=`` download of a forecast: (file name prefix, columns, rows).
DOWNLOADS = {
    "csv": (
        "forecast",
        lambda r, u: tables.figure_csv_columns("category"),
        lambda r, u: selectors.figures(r, by="category"),
    ),
    "bands-csv": (
        "forecast-bands",
        lambda r, u: tables.figure_csv_columns("age_band"),
        lambda r, u: selectors.figures(r, by="age_band"),
    ),
    "backtest-csv": (
        "backtest",
        lambda r, u: tables.backtest_columns(),
        lambda r, u: r.metrics.get("backtest", {}).get("rows", []),
    ),
    "costs": (
        "costs",
        lambda r, u: tables.cost_csv_columns(),
        lambda r, u: selectors.run_rows(u, r, "cost_rows"),
    ),
    "gaps": (
        "gaps",
        lambda r, u: tables.gap_csv_columns(),
        lambda r, u: selectors.run_rows(u, r, "gap_rows"),
    ),
    "councils": (
        "councils",
        lambda r, u: tables.council_demand_csv_columns(),
        lambda r, u: selectors.run_rows(u, r, "council_rows"),
    ),
    "council-gaps": (
        "council-gaps",
        lambda r, u: tables.council_gap_csv_columns(),
        lambda r, u: selectors.run_rows(u, r, "council_gap_rows"),
    ),
}


def _download(request: HttpRequest, run: ForecastRun, download: str) -> HttpResponse:
    prefix, columns, rows = DOWNLOADS[download]
    name = f"{prefix}-{run.region.slug}-{run.as_of}-{run.scenario}"
    return csv_response(name, columns(run, request.user), rows(run, request.user))


def _forecast_page(request: HttpRequest, run: ForecastRun) -> HttpResponse:
    download = request.GET.get("format")
    if download in DOWNLOADS:
        return _download(request, run, download)
    page = selectors.run_page(request.user, run)
    categories, bands, category_rows = page.categories, page.bands, page.category_rows
    return render(
        request,
        "sufficiency/forecasts/run.html",
        {
            "title": f"Demand forecast: {run.region.name}",
            "run": run,
            "total_chart": presenters.total_chart(categories, chart_id="total"),
            "category_chart": presenters.forecast_chart(
                categories, by="category", chart_id="categories", title="Children by category"
            ),
            "band_chart": presenters.forecast_chart(
                bands, by="age_band", chart_id="bands", title="Children by age band"
            ),
            "category_rows": category_rows,
            "total_rows": [f for f in category_rows if f.category == ALL],
            "band_rows": page.band_rows,
            "category_columns": tables.figure_columns("category"),
            "band_columns": tables.figure_columns("age_band"),
            "backtest": run.metrics.get("backtest", {}),
            "backtest_columns": tables.backtest_columns(),
            "cost_rows": page.figures.cost_rows,
            "cost_columns": tables.cost_columns(),
            "gap_rows": page.figures.gap_rows,
            "gap_columns": tables.gap_columns(),
            "council_rows": page.figures.council_rows,
            "council_columns": tables.council_demand_columns(),
            "council_gap_rows": page.figures.council_gap_rows,
            "council_gap_columns": tables.council_gap_columns(),
            "presenters": presenters,
        },
    )


@require_GET
@permission_required(VIEW, raise_exception=True)
def history(request: HttpRequest) -> HttpResponse:
    runs = selectors.run_history(request.user)[:100]
    return render(
        request,
        "sufficiency/forecasts/history.html",
        {"title": "Forecast runs", "runs": runs, "columns": tables.run_columns()},
    )


@require_http_methods(["GET", "POST"])
@permission_required(VIEW, raise_exception=True)
def new_scenario(request: HttpRequest) -> HttpResponse:
    form = ScenarioForm(request.POST or None, regions=access.regions_for(request.user))
    if request.method == "POST" and form.is_valid():
        run = services.request_scenario(
            region=form.cleaned_data["region"],
            name=form.cleaned_data["name"],
            scenario=form.scenario(),
            actor=request.user,
            compute=tasks.run_queued_forecast,
        )
        return redirect("sufficiency:run", run_id=run.pk)
    return render(
        request,
        "form_page.html",
        {
            "title": "Run a scenario",
            "intro": "Change entry and leaving-care rates by category, or step children from one "
            "category to another each year, and compare the result with the baseline forecast.",
            "form": form,
            "submit_text": "Run scenario",
            "back_url": reverse("sufficiency:latest"),
        },
    )


@require_GET
@permission_required(VIEW, raise_exception=True)
def comparison(request: HttpRequest, run_id: int) -> HttpResponse:
    run = selectors.get_run_for_user(request.user, run_id)
    baseline, rows = selectors.comparison(run)
    if request.GET.get("format") == "csv":
        return csv_response(f"comparison-{run.scenario}", tables.comparison_columns(), rows)
    return render(
        request,
        "sufficiency/forecasts/compare.html",
        {
            "title": f"{run.scenario} against the baseline",
            "run": run,
            "baseline": baseline,
            "rows": rows,
            "columns": tables.comparison_columns(),
        },
    )
