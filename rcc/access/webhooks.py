"""The provider API's webhooks (ADR 0022): a provider's staff see their own endpoints and
deliveries only; everyone else sees none."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from rcc.access.membership import provider_id
from rcc.access.predicates import is_provider_staff
from rcc.access.scoping import get, objects, of_provider


def webhook_endpoints_for(user: Any) -> QuerySet:
    endpoints = objects("providers.WebhookEndpoint")
    if is_provider_staff(user):
        return of_provider(endpoints, provider_id(user))
    return endpoints.none()


def get_webhook_endpoint_for_user(user: Any, public_id: Any) -> Any:
    return get(webhook_endpoints_for(user), public_id=public_id)


def webhook_deliveries_for(user: Any) -> QuerySet:
    deliveries = objects("providers.WebhookDelivery").select_related("endpoint")
    if is_provider_staff(user):
        return of_provider(deliveries, provider_id(user))
    return deliveries.none()
