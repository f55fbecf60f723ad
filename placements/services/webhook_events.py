"""Webhook events of the referral journey (ADR 0022), called by the services beside the
e-mail notifications, in the same transaction. Payloads carry identifiers only: the
provider's system reads the minimised referral through the API with its key."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.db import transaction
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


def warn_of_deadlines() -> int:
    """Tell each provider, once, of the unanswered referrals whose deadline falls within the
    next day (run by beat). The conditional UPDATE makes it once, however often it runs."""
    from placements.models import Distribution, Referral

    now = timezone.now()
    due = Distribution.objects.filter(
        deadline_warned_at__isnull=True,
        responded_at__isnull=True,
        respond_by__gt=now,
        respond_by__lte=now + DEADLINE_WARNING,
        referral__status__in=(Referral.Status.SENT, Referral.Status.OFFERS_RECEIVED),
    )
    warned = 0
    for distribution in due.select_related("referral"):
        with transaction.atomic():
            if Distribution.objects.filter(
                pk=distribution.pk, deadline_warned_at__isnull=True
            ).update(deadline_warned_at=now):
                deadlines_approaching([distribution])
                warned += 1
    return warned
