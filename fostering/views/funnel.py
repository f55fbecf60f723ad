"""The recruitment funnel for commissioners, analysts and hub officers: aggregates only."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from fostering.presenters import funnel as presenters
from fostering.selectors import funnel as selectors
from rcc import access
from rcc.kit.tables import csv_response


@require_GET
@permission_required(access.VIEW_FOSTERING_FUNNEL, raise_exception=True)
def funnel_page(request: HttpRequest) -> HttpResponse:
    f = selectors.funnel_figures(request.user, today=timezone.localdate())
    figures = presenters.funnel_figures(f)
    wanted = presenters.figure_named(figures, request.GET.get("format"))
    if wanted is not None:
        return csv_response(f"fostering-{wanted.name}", wanted.columns, wanted.rows)
    context = presenters.funnel_page(f, figures, scope=selectors.scope_name(request.user))
    return render(request, "fostering/carers/funnel.html", context)
