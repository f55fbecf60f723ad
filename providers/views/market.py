"""Commissioners' market dashboard, price transparency and financial scrutiny."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from providers import prices, scrutiny
from providers.presenters import market as present
from providers.selectors import market as selectors
from providers.selectors.oversight import open_scrutiny_flags
from rcc import access
from rcc.kit.tables import csv_response


@require_GET
@permission_required(access.VIEW_MARKET, raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "providers/market.html",
        {"title": "The market", "summary": selectors.market_summary(request.user)},
    )


@require_GET
@permission_required(access.VIEW_MARKET, raise_exception=True)
def price_transparency(request: HttpRequest) -> HttpResponse:
    observations = selectors.price_observations(request.user)
    segments = prices.segment_statistics(observations)
    comparisons = prices.providers_against_median(observations)
    if request.GET.get("format") == "csv":
        return csv_response("price-statistics", present.price_columns(), segments)
    if request.GET.get("format") == "providers-csv":
        columns = present.provider_comparison_columns()
        return csv_response("providers-against-median", columns, comparisons)
    context = present.price_page(observations, segments, comparisons)
    return render(request, "providers/prices.html", context)


@require_GET
@permission_required(access.VIEW_MARKET, raise_exception=True)
def financial_scrutiny(request: HttpRequest) -> HttpResponse:
    figures, region_places = selectors.group_figures(request.user)
    rankings = scrutiny.rank_groups(figures, region_places)
    if request.GET.get("format") == "csv":
        return csv_response("financial-scrutiny", present.scrutiny_columns(), rankings)
    context = present.scrutiny_page(rankings, open_scrutiny_flags(request.user))
    return render(request, "providers/scrutiny.html", context)
