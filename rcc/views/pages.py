"""The dashboard, the audit log and the error pages."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views import defaults
from django.views.decorators.http import require_GET

from rcc import access, selectors
from rcc.forms.audit import AuditFilterForm
from rcc.kit.tables import csv_response
from rcc.presenters.audit import AUDIT_CSV_COLUMNS, audit_page
from rcc.presenters.dashboard import ROLE_PURPOSE, panels_for

AUDIT_PAGE_SIZE = 50


@require_GET
@permission_required(access.VIEW_DASHBOARD, raise_exception=True)
def dashboard(request: HttpRequest) -> HttpResponse:
    membership = access.acting_membership(request.user)
    role = membership.role if membership else None
    return render(
        request,
        "rcc/dashboard.html",
        {
            "title": "What needs your action",
            "membership": membership,
            "purpose": ROLE_PURPOSE.get(role or "", ""),
            "panels": panels_for(request.user),
            "has_several_roles": len(access.memberships_of(request.user)) > 1,
        },
    )


@require_GET
@permission_required(access.VIEW_AUDIT_LOG, raise_exception=True)
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    events = selectors.audit_events(request.user, filters)
    if request.GET.get("format") == "csv" and form.is_valid():
        return csv_response("audit-log", AUDIT_CSV_COLUMNS, events.iterator(chunk_size=2000))
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/list.html", audit_page(form, page, query.urlencode()))


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The GOV.UK page, except under /api/, where machine clients get the documented JSON."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "Not found."}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    """The plain 500 page; 503 with Retry-After when the database could not be reached (a
    restart or failover): the next request reconnects, so the user is told to try again.
    Rendered without the request: nothing here may need the database."""
    import sys

    from django.db import InterfaceError, OperationalError
    from django.template import loader

    if isinstance(sys.exc_info()[1], (OperationalError, InterfaceError)):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    return defaults.server_error(request)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent without a valid security token (often an expired page): say what to do."""
    return render(
        request, "csrf_failure.html", {"title": "Your form could not be sent"}, status=403
    )
