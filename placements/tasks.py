"""Celery adapters around ``placements.services``: ids in, nothing decided here."""

from __future__ import annotations

from celery import shared_task
from django.db import InterfaceError, OperationalError

from placements.services import ssda903, ssda903_rules, webhook_events
from rcc import outbox


@shared_task(
    acks_late=True,
    autoretry_for=(OperationalError, InterfaceError),
    retry_backoff=30,
    max_retries=3,
    soft_time_limit=900,
    time_limit=960,
)
def run_ssda903_import(record_id: int) -> str:
    """Run a queued 903 import (a second delivery finds it claimed and does nothing)."""
    return ssda903.run_import(record_id=record_id).status


def queue_ssda903_import(record_id: int) -> None:
    """Queue ``run_ssda903_import`` in the caller's transaction: the outbox sends it to Celery
    once that commits (the ``queue`` that ``services.ssda903.start_import`` is given)."""
    outbox.enqueue(run_ssda903_import, record_id)


@shared_task(acks_late=True, soft_time_limit=1000, time_limit=1060)
def run_ssda903_validation(record_id: int) -> str:
    """Run the DfE's 903 rules on a council's year (a second delivery does nothing)."""
    return ssda903_rules.run_validation(record_id=record_id).status


def queue_ssda903_validation(record_id: int) -> None:
    """Queue ``run_ssda903_validation`` once the caller's transaction commits (outbox)."""
    outbox.enqueue(run_ssda903_validation, record_id)


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def notify_referrals_without_offers() -> int:
    """Hourly: tell the region's commissioners of each referral with no offer once every
    provider's response deadline has passed (idempotent: each is told once)."""
    from placements.services.deadlines import notify_referrals_without_offers as run

    return run()


@shared_task(acks_late=True, autoretry_for=(OperationalError, InterfaceError), max_retries=3)
def warn_of_deadlines() -> int:
    """Webhooks: referrals whose deadline to respond is within a day (ADR 0022)."""
    return webhook_events.warn_of_deadlines()
