"""Outcomes for commissioners (their region) and council staff (their council), with CSVs."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from placements.presenters import outcomes as presenters
from placements.selectors import outcomes as selectors
from rcc import access
from rcc.kit.tables import csv_response


@require_GET
@permission_required(access.VIEW_REFERRAL_QUEUE, raise_exception=True)
def outcomes(request: HttpRequest) -> HttpResponse:
    o = selectors.region_outcomes(request.user)
    by_name = presenters.tables(o)
    wanted = by_name.get(request.GET.get("format", ""))
    if wanted is not None:
        return csv_response(f"outcomes-{wanted.name}", wanted.columns, wanted.rows)
    page = presenters.outcomes_page(o, by_name, scope=selectors.scope_name(request.user))
    return render(request, "placements/outcomes.html", page)
