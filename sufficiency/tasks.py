"""Celery adapters around ``sufficiency.services.forecast``: ids in, nothing decided here.

Retries only on named transient database errors; anything else fails the run (recorded
with its error by the service) and propagates.
"""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from rcc.models import Region
from sufficiency.services import forecast

TRANSIENT_ERRORS = (OperationalError, InterfaceError)
RETRYING = {
    "acks_late": True,
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 30,
    "max_retries": 3,
    "soft_time_limit": 600,
    "time_limit": 660,
}


@shared_task(**RETRYING)
def run_region_forecast(region_id: int, as_of: str | None = None) -> int:
    """The region's baseline forecast as of ``as_of`` (ISO date; default today)."""
    day = date.fromisoformat(as_of) if as_of else timezone.localdate()
    region = Region.objects.get(pk=region_id)
    return forecast.run_forecast(region=region, as_of=day).pk


@shared_task(**RETRYING)
def run_queued_forecast(run_id: int) -> int:
    """Compute a run queued by the scenario form."""
    return forecast.execute_queued(run_id).pk


@shared_task(acks_late=True, soft_time_limit=60, time_limit=90)
def run_all_region_forecasts() -> int:
    """Nightly: one task per region, so one region's failure does not stop the others."""
    region_ids = list(Region.objects.order_by("pk").values_list("pk", flat=True))
    as_of = timezone.localdate().isoformat()
    for region_id in region_ids:
        run_region_forecast.delay(region_id, as_of)
    return len(region_ids)
