"""Published strategies and market position statements: anyone may read them, no sign-in.

Every view here is ``login_not_required``. A published version never changes, so the body
of its page is cached under the version's own key (``presenters.public``) and so are its PDFs
(``presenters.pdf``); the lists (regions, versions) are small queries and are not cached.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from rcc.kit.tables import csv_response
from sufficiency.models.strategy import StrategyVersion
from sufficiency.presenters import pdf
from sufficiency.presenters import public as presenters
from sufficiency.presenters import strategy as strategy_presenters
from sufficiency.selectors import public as selectors


@login_not_required
@require_GET
def regions(request: HttpRequest) -> HttpResponse:
    context = presenters.regions_page(selectors.regions_with_published())
    return render(request, "sufficiency/public/regions.html", context)


@login_not_required
@require_GET
def latest(request: HttpRequest, region_slug: str) -> HttpResponse:
    region = selectors.published_region(region_slug)
    return _page(request, selectors.latest_published(region), latest=True)


@login_not_required
@require_GET
def versions(request: HttpRequest, region_slug: str) -> HttpResponse:
    region = selectors.published_region(region_slug)
    context = presenters.versions_page(region, selectors.published_versions(region))
    return render(request, "sufficiency/public/versions.html", context)


@login_not_required
@require_GET
def version(request: HttpRequest, region_slug: str, strategy_id: int, number: int) -> HttpResponse:
    item = selectors.published_version(region_slug, strategy_id, number)
    download = request.GET.get("format")
    if download in strategy_presenters.DOWNLOADS:
        suffix = presenters.download_suffix(item)
        return csv_response(*strategy_presenters.download(item, download, suffix))
    return _page(request, item, latest=False)


def _page(request: HttpRequest, item: StrategyVersion, *, latest: bool) -> HttpResponse:
    context = presenters.version_page(item, latest=latest)
    return render(request, "sufficiency/public/version.html", context)


@login_not_required
@require_GET
def market(request: HttpRequest, region_slug: str, strategy_id: int, number: int) -> HttpResponse:
    item = selectors.published_version(region_slug, strategy_id, number)
    return render(request, "sufficiency/public/market.html", presenters.market_page(item))


@login_not_required
@require_GET
def version_pdf(
    request: HttpRequest, region_slug: str, strategy_id: int, number: int
) -> HttpResponse:
    return pdf.response(request, selectors.published_version(region_slug, strategy_id, number))


@login_not_required
@require_GET
def market_pdf(
    request: HttpRequest, region_slug: str, strategy_id: int, number: int
) -> HttpResponse:
    item = selectors.published_version(region_slug, strategy_id, number)
    return pdf.response(request, item, market=True)
