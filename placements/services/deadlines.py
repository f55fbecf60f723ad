"""Referrals that no provider answered in time: the region's commissioners are told."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from placements.models import Referral
from rcc import notifications


def notify_referrals_without_offers() -> int:
    """Each referral sent to providers with no offer once every provider's response deadline
    has passed: one notification to the region's commissioners (deduplicated by the
    database, so running this again tells nobody twice). Returns the referrals looked at."""
    waiting = (
        Referral.objects.filter(status=Referral.Status.SENT)
        .annotate(last_deadline=Max("distributions__respond_by"))
        .filter(last_deadline__lt=timezone.now())
        .select_related("local_authority")
    )
    looked_at = 0
    for referral in waiting.iterator():
        with transaction.atomic():
            notifications.no_offers_by_deadline(referral)
        looked_at += 1
    return looked_at
