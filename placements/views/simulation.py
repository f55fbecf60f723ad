"""The latest region-year simulation's results, for commissioners and analysts, with a CSV."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from placements.presenters import simulation as presenters
from placements.selectors.simulation_runs import latest_run
from rcc import access
from rcc.kit.tables import csv_response


@require_GET
@permission_required(access.VIEW_SUFFICIENCY, raise_exception=True)
def simulation_results(request: HttpRequest) -> HttpResponse:
    run = latest_run(request.user)
    rows = presenters.rows(run.report) if run else []
    if request.GET.get("format") == "csv":
        return csv_response("simulation-results", presenters.columns(), rows)
    chart = presenters.chart(rows) if rows else None
    page = {"run": run, "rows": rows, "columns": presenters.columns(), "chart": chart}
    return render(request, "placements/simulation.html", page | {"title": "Simulated outcomes"})
