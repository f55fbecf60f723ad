"""The health check: this process's database, cache and broker, and what apps report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

# Reported for monitoring, not part of this process's health (ADR 0011): each app registers
# what it knows (the ground floor knows no domain), e.g. beat's liveness seen through the
# nightly forecasts. A report that raises reads "fail".
REPORTS: dict[str, Callable[[], Any]] = {}


def register_report(name: str, probe: Callable[[], Any]) -> None:
    REPORTS[name] = probe


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
    report = {name: _check_value(probe) for name, probe in REPORTS.items()}
    return JsonResponse(
        {"status": "ok" if healthy else "fail", **checks, **report},
        status=200 if healthy else 503,
    )


def outbox_waiting() -> int:
    """Work waiting in the outbox for the broker."""
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
