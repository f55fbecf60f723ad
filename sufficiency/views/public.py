"""Published strategies and market position statements: anyone may read them, no sign-in.

Every view here is ``login_not_required``. A published version never changes, so the body
of its page is cached under the version's own key (and its PDFs, ``sufficiency.pdf``); the
page around it is rendered each time, so its security nonce and sign-in bar stay right. The
lists (regions, versions) are small queries and are not cached.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from rcc.tables import csv_response
from sufficiency.presenters import pdf
from sufficiency.presenters import strategy as show
from sufficiency.selectors import public as selectors_strategy

VERSION_SECONDS = 30 * 24 * 60 * 60


@login_not_required
@require_GET
def regions(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "sufficiency/public/regions.html",
        {
            "title": "Regional sufficiency strategies",
            "regions": list(selectors_strategy.regions_with_published()),
        },
    )


@login_not_required
@require_GET
def latest(request: HttpRequest, region_slug: str) -> HttpResponse:
    region = selectors_strategy.published_region(region_slug)
    return _page(request, selectors_strategy.latest_published(region), latest=True)


@login_not_required
@require_GET
def versions(request: HttpRequest, region_slug: str) -> HttpResponse:
    region = selectors_strategy.published_region(region_slug)
    return render(
        request,
        "sufficiency/public/versions.html",
        {
            "title": f"Every published version: {region.name}",
            "region": region,
            "versions": selectors_strategy.published_versions(region),
            "day": show.day,
        },
    )


def _version(region_slug: str, strategy_id: int, number: int):
    return selectors_strategy.published_version(region_slug, strategy_id, number)


DOWNLOADS = show.DOWNLOADS


@login_not_required
@require_GET
def version(request: HttpRequest, region_slug: str, strategy_id: int, number: int) -> HttpResponse:
    item = _version(region_slug, strategy_id, number)
    download = request.GET.get("format")
    if download in DOWNLOADS:
        name, columns, rows = DOWNLOADS[download]
        filename = f"{name}-{item.strategy.region.slug}-v{item.number}"
        return csv_response(filename, columns(), rows(item.figures))
    return _page(request, item, latest=False)


def _body(item, template: str) -> str:
    """The published version's body, rendered once: it never changes."""

    def build() -> str:
        return render_to_string(f"sufficiency/strategy/{template}", show.document(item))

    html = cache.get_or_set(f"strategy-html:{item.pk}:{template}", build, VERSION_SECONDS)
    return mark_safe(html)  # noqa: S308 (our own template's output, escaped as it rendered)


def _page(request: HttpRequest, item, *, latest: bool) -> HttpResponse:
    context = show.document(item)
    return render(
        request,
        "sufficiency/public/version.html",
        {
            "title": item.strategy.title,
            "latest": latest,
            "body": _body(item, "_document.html"),
            "changes_body": _body(item, "_changes.html"),
            **context,
        },
    )


@login_not_required
@require_GET
def market(request: HttpRequest, region_slug: str, strategy_id: int, number: int) -> HttpResponse:
    item = _version(region_slug, strategy_id, number)
    return render(
        request,
        "sufficiency/public/market.html",
        {
            "title": f"Market position statement: {item.strategy.region.name}",
            "market": item.market_position,
            "body": _body(item, "_market_public.html"),
            **show.document(item),
        },
    )


@login_not_required
@require_GET
def version_pdf(
    request: HttpRequest, region_slug: str, strategy_id: int, number: int
) -> HttpResponse:
    return pdf.response(request, _version(region_slug, strategy_id, number))


@login_not_required
@require_GET
def market_pdf(
    request: HttpRequest, region_slug: str, strategy_id: int, number: int
) -> HttpResponse:
    return pdf.response(request, _version(region_slug, strategy_id, number), market=True)
