"""Tagged PDFs (PDF/UA-1) from HTML through WeasyPrint: the machinery the sufficiency
strategy's PDF uses, here for every floor (the placement agreement's PDF uses it)."""

from __future__ import annotations

import logging

from django.http import HttpResponse

logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # a line per step otherwise


def render(html: str) -> bytes:
    """A PDF/UA-1 document: tagged, its language and title taken from the HTML."""
    from weasyprint import HTML  # imported here: it loads pango, which pages do not need

    return HTML(string=html).write_pdf(pdf_variant="pdf/ua-1")


def response(data: bytes, filename: str) -> HttpResponse:
    reply = HttpResponse(data, content_type="application/pdf")
    reply["Content-Disposition"] = f'inline; filename="{filename}"'
    return reply
