"""The strategy and market position statement as tagged PDFs (PDF/UA-1) through WeasyPrint.

The PDF renders the same template body as the page (``_document.html``) inside a print
layout, from the version's frozen figures only, so the two carry the same numbers. A
published version never changes, so its PDF is cached for a long time under its own key.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from sufficiency.presenters import strategy as show

PUBLISHED_PDF_SECONDS = 30 * 24 * 60 * 60
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # a line per step otherwise


def html(version: Any, *, market: bool) -> str:
    template = "market_print.html" if market else "print.html"
    return render_to_string(f"sufficiency/strategy/{template}", show.document(version))


def render(version: Any, *, market: bool = False) -> bytes:
    from weasyprint import HTML  # imported here: it loads pango, which pages do not need

    return HTML(string=html(version, market=market)).write_pdf(pdf_variant="pdf/ua-1")


def pdf_bytes(version: Any, *, market: bool = False) -> bytes:
    if not version.is_published:
        return render(version, market=market)
    key = f"strategy-pdf:{version.pk}:{'market' if market else 'strategy'}"
    data = cache.get(key)
    if data is None:
        data = render(version, market=market)
        cache.set(key, data, PUBLISHED_PDF_SECONDS)
    return data


def filename(version: Any, *, market: bool) -> str:
    kind = "market-position-statement" if market else "sufficiency-strategy"
    number = f"v{version.number}" if version.number else "draft"
    return f"{kind}-{version.strategy.region.slug}-{number}.pdf"


def response(request: HttpRequest, version: Any, *, market: bool = False) -> HttpResponse:
    reply = HttpResponse(pdf_bytes(version, market=market), content_type="application/pdf")
    reply["Content-Disposition"] = f'inline; filename="{filename(version, market=market)}"'
    return reply
