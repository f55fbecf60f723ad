"""Celery tasks of the providers app: webhook deliveries (ADR 0022)."""

from __future__ import annotations

from celery import shared_task

from providers.services import webhook_delivery

MAX_ATTEMPTS = 8  # 30 s, 1, 2, 4 ... 64 minutes: about two hours in all


@shared_task(bind=True, acks_late=True, max_retries=MAX_ATTEMPTS - 1)
def deliver_webhook(self, delivery_id: int) -> bool:
    """POST one delivery, signed; on failure retry with exponential backoff. A delivery
    already made does nothing (the outbox delivers at least once)."""
    last = self.request.retries >= self.max_retries
    delivered = webhook_delivery.attempt(delivery_id, last=last)
    if delivered or last:
        return delivered
    raise self.retry(countdown=30 * 2**self.request.retries)
