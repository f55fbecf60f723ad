"""Provider staff: the referrals sent to them (minimised) and what they may offer."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from placements.models import Offer
from placements.selectors.minimised import minimise
from rcc import access


def received_referrals(user: Any) -> QuerySet:
    return access.distributions_for(user).select_related("referral__child").order_by("-sent_at")


def received_referral(user: Any, pk: Any) -> dict[str, Any]:
    distribution = access.get_distribution_for_user(user, pk)
    distribution = (
        access.distributions_for(user)
        .select_related("referral__child")
        .prefetch_related("referral__needs")
        .get(pk=distribution.pk)
    )
    offers = list(
        access.offers_for(user).filter(distribution=distribution).select_related("setting")
    )
    accepted = any(o.status == Offer.Status.ACCEPTED for o in offers)
    return {
        "distribution": distribution,
        "summary": minimise(distribution, timezone.localdate()),
        "offers": offers,
        # Identity only once this provider's offer is accepted (children_for agrees).
        "child": access.children_for(user).filter(pk=distribution.referral.child_id).first()
        if accepted
        else None,
    }


def offer_choices(user: Any) -> tuple[QuerySet, QuerySet]:
    """The provider's active settings and open vacancies, to offer one of."""
    settings = access.settings_for(user).filter(status="active")
    vacancies = access.vacancies_for(user).filter(status="open")
    return settings, vacancies


def awaiting_response(user: Any) -> QuerySet:
    return (
        access.distributions_for(user)
        .filter(responded_at__isnull=True, referral__status__in=["sent", "offers_received"])
        .select_related("referral")
        .order_by("respond_by")
    )
