"""The Individual Placement Agreement: version 1 at acceptance, new versions, confirmations by
both sides, actual costs (ADR 0020)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from placements.models import (
    ActualCost,
    AgreementConfirmation,
    AgreementVersion,
    Placement,
    PlacementAgreement,
)
from placements.models.agreements import Payer
from rcc import access, audit, notifications
from rcc.services import ServiceError

FIRST_REVIEW_DAYS = 28  # the first review of a placement: within 20 working days
PARTS = ("core_cost", "additional_support_cost", "education_cost", "other_cost")
PAYERS = ("core_payer", "additional_support_payer", "education_payer", "other_payer")


@transaction.atomic
def start_agreement(*, actor, placement: Placement) -> PlacementAgreement:
    """Version 1, from the accepted offer: its price is the core, its weekly extras the
    additional support, social care pays every part until the council says otherwise."""
    offer = placement.offer
    core = offer.weekly_price if offer and offer.weekly_price else placement.agreed_weekly_cost
    additional = placement.agreed_weekly_cost - core
    agreement = PlacementAgreement.objects.create(placement=placement)
    version = AgreementVersion.objects.create(
        agreement=agreement,
        number=1,
        total_agreed_weekly_cost=placement.agreed_weekly_cost,
        core_cost=core,
        additional_support_cost=additional,
        **{payer: Payer.SOCIAL_CARE for payer in PAYERS},
        start_date=placement.start_date,
        review_date=placement.start_date + timedelta(days=FIRST_REVIEW_DAYS),
        reason="Agreed at offer acceptance",
        created_by=actor if actor and actor.is_authenticated else None,
    )
    _audit(actor, "agreement.started", version)
    notifications.agreement_needs_confirmation(agreement, version_number=1)
    return agreement


@transaction.atomic
def change_agreement(
    *,
    actor,
    agreement: PlacementAgreement,
    core_cost: Decimal,
    additional_support_cost: Decimal,
    education_cost: Decimal,
    other_cost: Decimal,
    total_agreed_weekly_cost: Decimal,
    core_payer: str,
    additional_support_payer: str,
    education_payer: str,
    other_payer: str,
    extras: list[dict[str, str]],
    start_date: date,
    review_date: date,
    second_review_date: date | None,
    reason: str,
) -> AgreementVersion:
    """A new version (the next number, which the database lets exist once); the placement's
    agreed weekly cost follows it; confirmations belong to the old version, so both sides
    confirm again."""
    if not access.can_change_agreement(actor, agreement):
        raise ServiceError("Only the placing council can change the agreement")
    if not reason.strip():
        raise ServiceError("Say why the agreement is changing")
    parts = [core_cost, additional_support_cost, education_cost, other_cost]
    if sum(parts) != total_agreed_weekly_cost:
        raise ServiceError("The four parts must add up to the total agreed weekly cost")
    if total_agreed_weekly_cost <= 0 or min(parts) < 0:
        raise ServiceError("Costs cannot be negative and the total must be more than £0")
    locked = PlacementAgreement.objects.select_for_update().get(pk=agreement.pk)
    latest = locked.versions.aggregate(n=Max("number"))["n"] or 0
    try:
        with transaction.atomic():
            version = AgreementVersion.objects.create(
                agreement=locked,
                number=latest + 1,
                total_agreed_weekly_cost=total_agreed_weekly_cost,
                core_cost=core_cost,
                additional_support_cost=additional_support_cost,
                education_cost=education_cost,
                other_cost=other_cost,
                core_payer=core_payer,
                additional_support_payer=additional_support_payer,
                education_payer=education_payer,
                other_payer=other_payer,
                extras=extras,
                start_date=start_date,
                review_date=review_date,
                second_review_date=second_review_date,
                reason=reason.strip(),
                created_by=actor,
            )
    except IntegrityError:
        raise ServiceError("Someone else changed the agreement just now: try again") from None
    Placement.objects.filter(pk=agreement.placement_id).update(
        agreed_weekly_cost=total_agreed_weekly_cost
    )
    _audit(actor, "agreement.changed", version)
    notifications.agreement_needs_confirmation(agreement, version_number=version.number)
    return version


@transaction.atomic
def confirm_version(*, actor, version: AgreementVersion) -> AgreementConfirmation:
    """The actor's side confirms this version; only the current one, once per side."""
    agreement = PlacementAgreement.objects.select_for_update().get(pk=version.agreement_id)
    side = access.agreement_side(actor, version.agreement)
    if side is None:
        raise ServiceError("You cannot confirm this agreement")
    latest = agreement.versions.aggregate(n=Max("number"))["n"]
    if version.number != latest:
        raise ServiceError(f"Version {version.number} is no longer current: confirm {latest}")
    try:
        with transaction.atomic():
            confirmation = AgreementConfirmation.objects.create(
                version=version, side=side, confirmed_by=actor
            )
    except IntegrityError:
        raise ServiceError(f"Version {version.number} is already confirmed") from None
    _audit(actor, "agreement.confirmed", version, metadata={"side": side})
    return confirmation


@transaction.atomic
def record_actual_cost(
    *,
    actor,
    agreement: PlacementAgreement,
    actual_weekly_cost: Decimal,
    period_start: date,
    period_end: date,
    reason: str,
) -> ActualCost:
    """Actual Weekly Cost for a period when the invoices differ from the agreement."""
    if not access.can_change_agreement(actor, agreement):
        raise ServiceError("Only the placing council records actual costs")
    if period_end < period_start:
        raise ServiceError("The period must end on or after its start")
    if not reason.strip():
        raise ServiceError("Say why the actual cost differs")
    actual = ActualCost.objects.create(
        agreement=agreement,
        actual_weekly_cost=actual_weekly_cost,
        period_start=period_start,
        period_end=period_end,
        reason=reason.strip(),
        recorded_by=actor,
    )
    Placement.objects.filter(pk=agreement.placement_id).update(
        actual_weekly_cost=actual_weekly_cost
    )
    audit.record(
        actor=actor,
        action="agreement.actual_cost",
        obj=actual,
        local_authority=agreement.placement.local_authority,
        metadata={"actual_weekly_cost": str(actual_weekly_cost)},
    )
    return actual


def _audit(actor, action: str, version: AgreementVersion, metadata: Any = None) -> None:
    audit.record(
        actor=actor,
        action=action,
        obj=version,
        local_authority=version.agreement.placement.local_authority,
        metadata={"number": version.number, **(metadata or {})},
    )


@transaction.atomic
def record_existing_agreements(*, actor, placements: list[Placement]) -> int:
    """Version 1 for placements recorded from councils' existing agreements (no offer): the
    agreed cost is the core, social care pays. One audit event for the batch."""
    made = PlacementAgreement.objects.bulk_create(
        [PlacementAgreement(placement=p) for p in placements], batch_size=1000
    )
    AgreementVersion.objects.bulk_create(
        [
            AgreementVersion(
                agreement=agreement,
                number=1,
                total_agreed_weekly_cost=p.agreed_weekly_cost,
                core_cost=p.agreed_weekly_cost,
                **{payer: Payer.SOCIAL_CARE for payer in PAYERS},
                start_date=p.start_date,
                review_date=p.start_date + timedelta(days=FIRST_REVIEW_DAYS),
                reason="Recorded from the council's existing agreement",
            )
            for agreement, p in zip(made, placements, strict=True)
        ],
        batch_size=1000,
    )
    audit.record(
        actor=actor,
        action="agreement.recorded_existing",
        object_type="placements.placementagreement",
        metadata={"count": len(made)},
    )
    return len(made)
