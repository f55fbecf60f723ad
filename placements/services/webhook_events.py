"""Webhook events of the referral journey (ADR 0018), called by the services beside the
e-mail notifications, in the same transaction. Payloads carry identifiers only: the
provider's system reads the minimised referral through the API with its key."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.utils import timezone

from providers.services import webhooks

DEADLINE_WARNING = timedelta(hours=24)


def _distribution(distribution: Any) -> dict[str, Any]:
    return {
        "received_referral_id": distribution.pk,
        "respond_by": distribution.respond_by.isoformat(),
        "url": f"/api/v1/received-referrals/{distribution.pk}/",
    }


def referral_sent(distributions: Iterable[Any]) -> None:
    for distribution in distributions:
        webhooks.emit(
            provider_id=distribution.provider_id,
            event="referral.received",
            data=_distribution(distribution),
        )


def offer_decided(offer: Any, *, accepted: bool) -> None:
    if offer.distribution_id is None:
        return
    webhooks.emit(
        provider_id=offer.distribution.provider_id,
        event="offer.decided",
        data={
            **_distribution(offer.distribution),
            "offer_id": str(offer.public_id),
            "decision": "accepted" if accepted else "not_chosen",
        },
    )


def deadlines_approaching(distributions: Iterable[Any]) -> None:
    for distribution in distributions:
        webhooks.emit(
            provider_id=distribution.provider_id,
            event="referral.deadline_approaching",
            data=_distribution(distribution),
        )


def due_for_warning(queryset):
    """Unanswered distributions whose deadline falls within the next day."""
    now = timezone.now()
    return queryset.filter(
        responded_at__isnull=True, respond_by__gt=now, respond_by__lte=now + DEADLINE_WARNING
    )
