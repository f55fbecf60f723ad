"""Sending one webhook delivery: sign, POST, record the attempt (ADR 0022). The Celery task
``providers.tasks.deliver_webhook`` calls ``attempt`` and retries with backoff."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

from django.db.models import F
from django.utils import timezone

from providers import webhooks_signing
from providers.models import WebhookDelivery

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


def _headers(delivery: WebhookDelivery, body: bytes) -> dict[str, str]:
    endpoint = delivery.endpoint
    secrets = [endpoint.secret]
    if (
        endpoint.previous_secret
        and endpoint.previous_secret_until
        and (endpoint.previous_secret_until > timezone.now())
    ):
        secrets.append(endpoint.previous_secret)
    return {
        "Content-Type": "application/json",
        "User-Agent": "RCC-Webhooks/1",
        "X-RCC-Event": delivery.event,
        "X-RCC-Delivery": str(delivery.public_id),
        "X-RCC-Signature": webhooks_signing.header(secrets, int(time.time()), body),
    }


def attempt(delivery_id: int, *, last: bool) -> bool:
    """POST the delivery once; True when delivered (or already was). ``last``: a failure now
    marks it failed instead of pending."""
    delivery = WebhookDelivery.objects.select_related("endpoint").get(pk=delivery_id)
    if delivery.status == WebhookDelivery.Status.DELIVERED:
        return True
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    code, error = None, ""
    try:
        code = _post(delivery.endpoint.url, body, _headers(delivery, body))
    except (OSError, ValueError) as exc:  # refused, timed out, DNS, TLS
        error = f"{type(exc).__name__}: {exc}"[:300]
    delivered = code is not None and 200 <= code < 300
    failed = WebhookDelivery.Status.FAILED if last else WebhookDelivery.Status.PENDING
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        attempts=F("attempts") + 1,
        last_status_code=code,
        last_error="" if delivered else error or f"HTTP {code}",
        status=WebhookDelivery.Status.DELIVERED if delivered else failed,
        delivered_at=timezone.now() if delivered else None,
    )
    return delivered
