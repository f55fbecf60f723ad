"""Celery tasks of the providers app: webhook deliveries (ADR 0018)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

from celery import shared_task
from django.db.models import F
from django.utils import timezone

from providers import webhooks_signing

MAX_ATTEMPTS = 8  # 30 s, 1, 2, 4 ... 64 minutes: about two hours in all
TIMEOUT_SECONDS = 5


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx is a failure: we POST only to the registered URL


_opener = urllib.request.build_opener(_NoRedirects)


def _post(url: str, body: bytes, headers: dict[str, str]) -> int:
    if not url.startswith(("https://", "http://")):  # registered URLs are checked; belt and braces
        raise ValueError("not an http(s) URL")
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@shared_task(bind=True, acks_late=True, max_retries=MAX_ATTEMPTS - 1)
def deliver_webhook(self, delivery_id: int) -> str:
    """POST one delivery, signed; on failure retry with exponential backoff. A delivery
    already made does nothing (the outbox delivers at least once)."""
    from providers.models import WebhookDelivery

    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    if delivery.status == WebhookDelivery.Status.DELIVERED:
        return delivery.status
    endpoint = delivery.endpoint
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    secrets = [endpoint.secret]
    if (
        endpoint.previous_secret
        and endpoint.previous_secret_until
        and (endpoint.previous_secret_until > timezone.now())
    ):
        secrets.append(endpoint.previous_secret)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "RCC-Webhooks/1",
        "X-RCC-Event": delivery.event,
        "X-RCC-Delivery": str(delivery.public_id),
        "X-RCC-Signature": webhooks_signing.header(secrets, int(time.time()), body),
    }
    code, error = None, ""
    try:
        code = _post(endpoint.url, body, headers)
    except (OSError, ValueError) as exc:  # refused, timed out, DNS, TLS
        error = f"{type(exc).__name__}: {exc}"[:300]
    delivered = code is not None and 200 <= code < 300
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        attempts=F("attempts") + 1,
        last_status_code=code,
        last_error=error if not delivered else "",
        status=(
            WebhookDelivery.Status.DELIVERED
            if delivered
            else WebhookDelivery.Status.PENDING
            if self.request.retries < self.max_retries
            else WebhookDelivery.Status.FAILED
        ),
        delivered_at=timezone.now() if delivered else None,
    )
    if delivered:
        return WebhookDelivery.Status.DELIVERED
    if self.request.retries < self.max_retries:
        raise self.retry(countdown=30 * 2**self.request.retries)
    return WebhookDelivery.Status.FAILED
