"""Dashboard, audit log and health check."""

from __future__ import annotations

import csv
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import defaults
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from rcc import access, selectors
from rcc.dashboard import ROLE_PURPOSE, panels_for
from rcc.forms import AuditFilterForm

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
            "panels": panels_for(request.user, role),
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
        return _audit_csv(events)
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/list.html",
        {"title": "Audit log", "form": form, "page": page, "query": query.urlencode()},
    )


def _audit_csv(events) -> StreamingHttpResponse:
    class Echo:
        def write(self, value: str) -> str:
            return value

    writer = csv.writer(Echo())
    header = [
        "when",
        "actor",
        "role",
        "action",
        "object_type",
        "object_id",
        "council",
        "region",
        "ip_address",
        "request_id",
        "changed_fields",
        "details",
    ]

    def rows():
        yield writer.writerow(header)
        for e in events.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    e.occurred_at.isoformat(),
                    e.actor_email,
                    e.acting_role,
                    e.action,
                    e.object_type,
                    e.object_id,
                    e.local_authority.name if e.local_authority else "",
                    e.region.name if e.region else "",
                    e.ip_address or "",
                    e.request_id,
                    " ".join(e.changed_fields),
                    e.metadata.get("summary", ""),
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
    return response


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, Any] = {
        "database": _check(_database_ok),
        "cache": _check(_cache_ok),
        "broker": _broker_state(),
    }
    healthy = all(v in ("ok", "eager") for v in checks.values())
    # Reported for monitoring, not part of this process's health: beat's liveness seen through
    # the nightly forecasts, and work waiting in the outbox for the broker (ADR 0011).
    report = {"nightly": _check_value(_nightly_state), "outbox_waiting": _check_value(_waiting)}
    return JsonResponse(
        {"status": "ok" if healthy else "fail", **checks, **report},
        status=200 if healthy else 503,
    )


NIGHTLY_LATE_AFTER = timedelta(hours=26)


def _nightly_state() -> str:
    """'late' when the newest finished baseline forecast is over 26 hours old (beat or the
    workers have stopped); 'none' before the first night."""
    from sufficiency.models.forecast import BASELINE, ForecastRun

    newest = (
        ForecastRun.objects.filter(scenario=BASELINE, finished_at__isnull=False)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    if newest is None:
        return "none"
    return "late" if timezone.now() - newest > NIGHTLY_LATE_AFTER else "ok"


def _waiting() -> int:
    from rcc import outbox

    return outbox.waiting()


def _check_value(probe) -> Any:
    try:
        return probe()
    except Exception:
        return "fail"


def _check(probe) -> str:
    try:
        probe()
    except Exception:
        return "fail"
    return "ok"


def _database_ok() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _cache_ok() -> None:
    cache.set("healthz", "1", 10)
    if cache.get("healthz") != "1":
        raise RuntimeError("cache did not keep a value")


def _broker_state() -> str:
    if not settings.REDIS_URL:
        return "eager"
    from rcc.celery import app

    def ping() -> None:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)

    return _check(ping)


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
