"""The demo's placement agreements: the market's current placements get version 1 from their
agreed cost; of the journeys' (version 1 made at acceptance) about half are confirmed by both
sides, the rest wait for the provider, one was changed to version 2 and one has an actual cost
that differs. A no-op once any agreement is confirmed."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from placements.models import AgreementConfirmation, Placement, PlacementAgreement
from placements.services import agreements as services
from providers.demo.data import DEMO_PROVIDER
from rcc import access


def seed_agreements(rng: random.Random) -> None:
    if AgreementConfirmation.objects.exists():
        return
    missing = list(Placement.objects.filter(agreement__isnull=True).order_by("pk"))
    services.record_existing_agreements(actor=None, placements=missing)
    journeys = PlacementAgreement.objects.filter(placement__offer__isnull=False).select_related(
        "placement__local_authority", "placement__provider"
    )
    # The demo provider's own current placements too, so its sign-in has agreements to confirm.
    own = PlacementAgreement.objects.filter(
        placement__provider__name=DEMO_PROVIDER, placement__status=Placement.Status.ACTIVE
    ).exclude(placement__offer__isnull=False)
    candidates = list(journeys.order_by("pk")) + list(own.order_by("pk")[:6])
    people = [(a, *_people(a)) for a in candidates]
    people = [row for row in people if row[1] is not None]
    # Those the demo provider can confirm first, so some are confirmed by both sides.
    people.sort(key=lambda row: row[2] is None)
    for index, (agreement, worker, provider_person) in enumerate(people):
        _confirm(agreement, index, worker, provider_person)


def _people(agreement: PlacementAgreement):
    placement = agreement.placement
    council = access.people_who_can(access.MANAGE_CHILDREN, council_id=placement.local_authority_id)
    provider = access.people_who_can(access.RESPOND_TO_REFERRALS, provider_id=placement.provider_id)
    return council.order_by("pk").first(), provider.order_by("pk").first()


def _confirm(agreement: PlacementAgreement, index: int, worker, provider_person) -> None:
    """Even: confirmed by both (the second changed to version 2 first); odd: waiting for the
    provider; the third has an actual cost that differs."""
    if index == 2:
        _change(worker, agreement)
    version = agreement.versions.order_by("-number").first()
    services.confirm_version(actor=worker, version=version)
    if provider_person is not None and index % 2 == 0:
        services.confirm_version(actor=provider_person, version=version)
    if index == 3:
        _actual(worker, agreement, version)


def _change(worker, agreement: PlacementAgreement) -> None:
    v1 = agreement.versions.get(number=1)
    education = Decimal("350.00")
    services.change_agreement(
        actor=worker,
        agreement=agreement,
        core_cost=v1.core_cost,
        additional_support_cost=v1.additional_support_cost,
        education_cost=education,
        other_cost=v1.other_cost,
        total_agreed_weekly_cost=v1.total_agreed_weekly_cost + education,
        core_payer=v1.core_payer,
        additional_support_payer=v1.additional_support_payer,
        education_payer="education",
        other_payer=v1.other_payer,
        extras=[
            {
                "description": "Taxi to school",
                "weekly_cost": "120.00",
                "end_date": (v1.start_date + timedelta(days=180)).isoformat(),
            }
        ],
        start_date=v1.start_date,
        review_date=v1.review_date,
        second_review_date=v1.review_date + timedelta(days=90),
        reason="A tutor paid by the school, agreed at the first review",
    )


def _actual(worker, agreement: PlacementAgreement, version) -> None:
    services.record_actual_cost(
        actor=worker,
        agreement=agreement,
        actual_weekly_cost=version.total_agreed_weekly_cost + Decimal("180.00"),
        period_start=version.start_date,
        period_end=version.start_date + timedelta(days=27),
        reason="Invoices included waking-night staff for four weeks",
    )
