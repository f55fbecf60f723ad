"""Forecast pages for RCC staff: the latest forecast, run history, scenarios, comparison."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from rcc import access
from rcc.kit.tables import csv_response
from sufficiency import tasks
from sufficiency.forms.forecast import ScenarioForm
from sufficiency.models.forecast import ForecastRun
from sufficiency.presenters import forecast as presenters
from sufficiency.selectors import forecast as selectors
from sufficiency.services import forecast as services

VIEW = access.VIEW_MARKET


@require_GET
@permission_required(VIEW, raise_exception=True)
def latest(request: HttpRequest) -> HttpResponse:
    run = selectors.latest_baseline(request.user)
    if run is None:
        return render(request, "sufficiency/forecasts/none.html", presenters.no_forecast_page())
    return _forecast_page(request, run)


@require_GET
@permission_required(VIEW, raise_exception=True)
def run_detail(request: HttpRequest, run_id: int) -> HttpResponse:
    return _forecast_page(request, access.get_run_for_user(request.user, run_id))


def _forecast_page(request: HttpRequest, run: ForecastRun) -> HttpResponse:
    download = request.GET.get("format")
    if download in presenters.DOWNLOADS:
        prefix, columns, part = presenters.DOWNLOADS[download]
        rows = selectors.run_rows(request.user, run, part)
        return csv_response(presenters.download_name(prefix, run), columns(), rows)
    page = selectors.run_page(request.user, run)
    return render(request, "sufficiency/forecasts/run.html", presenters.run_page(run, page))


@require_GET
@permission_required(VIEW, raise_exception=True)
def history(request: HttpRequest) -> HttpResponse:
    runs = selectors.run_history(request.user)[:100]
    return render(request, "sufficiency/forecasts/history.html", presenters.history_page(runs))


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
    return render(request, "form_page.html", presenters.scenario_page(form))


@require_GET
@permission_required(VIEW, raise_exception=True)
def comparison(request: HttpRequest, run_id: int) -> HttpResponse:
    run = access.get_run_for_user(request.user, run_id)
    baseline, rows = selectors.comparison(run)
    if request.GET.get("format") == "csv":
        return csv_response(f"comparison-{run.scenario}", presenters.comparison_columns(), rows)
    context = presenters.comparison_page(run, baseline, rows)
    return render(request, "sufficiency/forecasts/compare.html", context)
