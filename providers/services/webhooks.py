"""A provider's webhook endpoints: register, rotate the secret, disable; and ``emit``, which
the services that hand work to a provider call in their own transaction (ADR 0022)."""

from __future__ import annotations

import secrets
from datetime import timedelta
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from providers.models import ProviderOrganisation, WebhookDelivery, WebhookEndpoint
from rcc import audit, outbox
from rcc.services import ServiceError

ROTATION_OVERLAP = timedelta(hours=24)  # the old secret still signs this long
EVENTS = ("referral.received", "offer.decided", "referral.deadline_approaching", "ping")
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
# The task by name: services sit below tasks in the house (``providers.tasks.deliver_webhook``)
DELIVER = SimpleNamespace(name="providers.tasks.deliver_webhook")


def _new_secret() -> str:
    return f"whsec_{secrets.token_urlsafe(32)}"


def check_url(url: str) -> str:
    url = url.strip()
    parts = urlsplit(url)
    if not parts.hostname or parts.scheme not in ("https", "http"):
        raise ServiceError("Give a full URL, starting https://")
    local_ok = settings.DEBUG or getattr(settings, "WEBHOOKS_ALLOW_LOCAL_HTTP", False)
    if parts.scheme != "https" and not (local_ok and parts.hostname in LOCAL_HOSTS):
        raise ServiceError("The URL must start https://")
    if parts.username or parts.password:
        raise ServiceError("The URL must not contain a user name or password")
    return url


@transaction.atomic
def register_endpoint(
    *, actor, provider: ProviderOrganisation | None, url: str
) -> tuple[WebhookEndpoint, str]:
    """A new endpoint for ``provider``; returns it and its secret (shown once more on rotate)."""
    if provider is None:
        raise ServiceError("Only a provider organisation's staff can register an endpoint")
    url = check_url(url)
    endpoint = WebhookEndpoint.objects.create(
        provider=provider, url=url, secret=_new_secret(), created_by=actor
    )
    audit.record(actor=actor, action="webhook.registered", obj=endpoint)
    return endpoint, endpoint.secret


@transaction.atomic
def rotate_secret(*, actor, endpoint: WebhookEndpoint) -> tuple[WebhookEndpoint, str]:
    """A new secret at once; the old one keeps signing (a second ``v1=``) for a day."""
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    if endpoint.disabled_at:
        raise ServiceError("This endpoint is disabled: register a new one")
    endpoint.previous_secret = endpoint.secret
    endpoint.previous_secret_until = timezone.now() + ROTATION_OVERLAP
    endpoint.secret = _new_secret()
    endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_until"])
    audit.record(actor=actor, action="webhook.secret_rotated", obj=endpoint)
    return endpoint, endpoint.secret


@transaction.atomic
def disable_endpoint(*, actor, endpoint: WebhookEndpoint) -> bool:
    done = WebhookEndpoint.objects.filter(pk=endpoint.pk, disabled_at__isnull=True).update(
        disabled_at=timezone.now()
    )
    if done:
        audit.record(actor=actor, action="webhook.disabled", obj=endpoint)
    return bool(done)


def emit(*, provider_id: int, event: str, data: dict[str, Any]) -> list[WebhookDelivery]:
    """Queue ``event`` for each live endpoint of the provider, in the caller's transaction:
    a delivery row and an outbox message each, so nothing is sent for work rolled back.
    ``data`` carries identifiers only; the provider reads the (minimised) object by API."""
    deliveries = []
    for endpoint in WebhookEndpoint.objects.filter(
        provider_id=provider_id, disabled_at__isnull=True
    ):
        delivery = WebhookDelivery.objects.create(endpoint=endpoint, event=event, payload={})
        delivery.payload = {
            "id": str(delivery.public_id),
            "event": event,
            "created_at": delivery.created_at.isoformat(),
            "data": data,
        }
        delivery.save(update_fields=["payload"])
        outbox.enqueue(DELIVER, delivery.pk)
        deliveries.append(delivery)
    return deliveries
