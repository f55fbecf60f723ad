"""The region's gap analysis and one cell's numbers (the region's analysts and commissioners)."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rcc import access
from rcc.kit.tables import csv_response
from sufficiency.presenters import gaps as presenters
from sufficiency.selectors import gaps as selectors

VIEW = access.VIEW_SUFFICIENCY


@require_GET
@permission_required(VIEW, raise_exception=True)
def gap_analysis(request: HttpRequest) -> HttpResponse:
    analysis = selectors.gap_analysis(selectors.region_for(request.user))
    download = request.GET.get("format")
    if download in presenters.DOWNLOADS:
        return csv_response(*presenters.download(analysis, download))
    return render(request, "sufficiency/strategy/gaps.html", presenters.gaps_page(analysis))


@require_GET
@permission_required(VIEW, raise_exception=True)
def gap_cell(request: HttpRequest) -> HttpResponse:
    analysis = selectors.gap_analysis(selectors.region_for(request.user))
    area, category = request.GET.get("area", ""), request.GET.get("category", "")
    cell = selectors.cell(analysis, area=area, category=category)
    if request.GET.get("format") == "csv":
        name = presenters.cell_download_name(area, category)
        return csv_response(name, presenters.setting_columns(), cell.settings)
    context = presenters.cell_page(analysis, cell, area=area, category=category)
    return render(request, "sufficiency/strategy/cell.html", context)
