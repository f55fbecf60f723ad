"""Providers' responses, negotiation, and acceptance: one transaction, the place taken once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from placements.models import Distribution, Offer, Placement, Referral
from placements.services import agreements as agreement_services
from placements.services import placements as placement_services
from placements.services import webhook_events
from placements.services.workflow import move_offer, move_referral
from providers.models import Setting, Vacancy
from providers.services import vacancies as vacancy_services
from rcc import audit, notifications
from rcc.kit.format import money
from rcc.services import ServiceError

OPEN_OFFERS = (Offer.Status.MADE, Offer.Status.SHORTLISTED)
ANSWERABLE = (Referral.Status.SENT, Referral.Status.OFFERS_RECEIVED)


def _check_answerable(distribution: Distribution) -> None:
    if distribution.referral.status not in ANSWERABLE:
        raise ServiceError("This referral is no longer taking offers")


@transaction.atomic
def make_offer(
    *,
    actor,
    distribution: Distribution,
    setting: Setting,
    vacancy: Vacancy | None,
    weekly_price: Decimal,
    extras: list[dict[str, Any]],
    start_date: date,
    note: str = "",
) -> Offer:
    _check_answerable(distribution)
    if setting.provider_id != distribution.provider_id or setting.status != Setting.Status.ACTIVE:
        raise ServiceError("Offer one of your own active settings")
    if vacancy is not None and (vacancy.setting_id != setting.pk or vacancy.status != "open"):
        raise ServiceError("Choose an open vacancy of that setting")
    if start_date < timezone.localdate():
        raise ServiceError("The start date must be today or later")
    offer = Offer.objects.create(
        referral=distribution.referral,
        distribution=distribution,
        setting=setting,
        vacancy=vacancy,
        weekly_price=weekly_price,
        extras=extras,
        start_date=start_date,
        note=note,
        made_by=actor,
    )
    _responded(distribution, offer, actor, action="offer.made")
    notifications.offer_made(offer)
    return offer


@transaction.atomic
def decline(*, actor, distribution: Distribution, reason: str, note: str = "") -> Offer:
    _check_answerable(distribution)
    offer = Offer.objects.create(
        referral=distribution.referral,
        distribution=distribution,
        status=Offer.Status.DECLINED,
        decline_reason=reason,
        note=note,
        made_by=actor,
    )
    _responded(distribution, offer, actor, action="offer.declined")
    return offer


def _responded(distribution: Distribution, offer: Offer, actor, *, action: str) -> None:
    Distribution.objects.filter(pk=distribution.pk, responded_at__isnull=True).update(
        responded_at=timezone.now()
    )
    offer.trail.create(to_status=offer.status, changed_by=actor)
    referral = distribution.referral
    if offer.status == Offer.Status.MADE and referral.status == Referral.Status.SENT:
        move_referral(referral, to=Referral.Status.OFFERS_RECEIVED, actor=actor)
    audit.record(actor=actor, action=action, obj=offer, local_authority=referral.local_authority)


@transaction.atomic
def negotiate(*, actor, offer: Offer, weekly_price: Decimal, reason: str) -> Offer:
    """A commissioner records an agreed change of price (the provider has agreed it)."""
    if offer.status not in OPEN_OFFERS:
        raise ServiceError("Only an open offer's price can change")
    if not reason.strip():
        raise ServiceError("Say what was agreed with the provider")
    old = offer.weekly_price
    Offer.objects.filter(pk=offer.pk).update(weekly_price=weekly_price)
    offer.trail.create(
        from_status=offer.status,
        to_status=offer.status,
        changed_by=actor,
        reason=f"Price changed from {money(old)} to {money(weekly_price)}: {reason}",
    )
    audit.record(
        actor=actor,
        action="offer.negotiated",
        obj=offer,
        changed_fields=["weekly_price"],
        local_authority=offer.referral.local_authority,
    )
    offer.weekly_price = weekly_price
    return offer


@transaction.atomic
def accept_offer(*, actor, offer: Offer) -> Placement:
    """Accept one offer: lock it, take its vacancy exactly once, close the competing offers,
    create the placement, and ask for the approvals it needs before it can start."""
    # Lock order matters: the shared vacancy first, so acceptances of offers for the same
    # place queue on it instead of each holding its own offer and deadlocking.
    if offer.vacancy_id:
        _take_vacancy(actor, offer)
    offer = Offer.objects.select_for_update().get(pk=offer.pk)
    referral = Referral.objects.select_for_update().get(pk=offer.referral_id)
    if referral.status != Referral.Status.OFFERS_RECEIVED or offer.status not in OPEN_OFFERS:
        raise ServiceError("This offer can no longer be accepted")
    try:
        with transaction.atomic():
            move_offer(offer, to=Offer.Status.ACCEPTED, actor=actor)
    except IntegrityError:
        raise ServiceError("Another offer for this referral has just been accepted") from None
    _close_competitors(actor, offer, referral)
    move_referral(referral, to=Referral.Status.OFFER_ACCEPTED, actor=actor)
    placement = placement_services.create_placement(actor=actor, offer=offer, referral=referral)
    agreement_services.start_agreement(actor=actor, placement=placement)
    audit.record(
        actor=actor, action="offer.accepted", obj=offer, local_authority=referral.local_authority
    )
    notifications.offer_decided(offer, accepted=True)
    webhook_events.offer_decided(offer, accepted=True)  # ADR 0022
    return placement


def _take_vacancy(actor, offer: Offer) -> None:
    vacancy = Vacancy.objects.select_for_update().get(pk=offer.vacancy_id)
    if vacancy.status not in (Vacancy.Status.OPEN, Vacancy.Status.HELD):
        raise ServiceError("The place in this offer has already been taken")
    reference = str(offer.public_id)
    if vacancy.status == Vacancy.Status.OPEN:
        vacancy_services.hold_vacancy(actor=actor, vacancy=vacancy, reference=reference)
    vacancy_services.fill_vacancy(actor=actor, vacancy=vacancy, reference=reference)


def _close_competitors(actor, accepted: Offer, referral: Referral) -> None:
    for other in referral.offers.filter(status__in=OPEN_OFFERS).exclude(pk=accepted.pk):
        move_offer(other, to=Offer.Status.NOT_CHOSEN, actor=actor, reason="Another offer chosen")
        notifications.offer_decided(other, accepted=False)
        webhook_events.offer_decided(other, accepted=False)  # ADR 0022
    if accepted.vacancy_id:
        same_place = Offer.objects.filter(vacancy_id=accepted.vacancy_id, status__in=OPEN_OFFERS)
        for other in same_place.exclude(referral=referral):
            move_offer(other, to=Offer.Status.WITHDRAWN, actor=actor, reason="The place was filled")
