"""Factories for the referral journey, and a journey for one tenant."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from placements.models import (
    Child,
    Distribution,
    Offer,
    Placement,
    PlacementApproval,
    Referral,
)
from placements.services.agreements import start_agreement


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    case_id = factory.Sequence(lambda n: f"C{10000 + n}")
    name = factory.Sequence(lambda n: f"Child Number{n}")
    date_of_birth = date(2012, 5, 17)
    sex = "female"
    ethnicity = "WBRI"
    legal_status = "C2"
    home_postcode = "BL1 1AA"


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    child = factory.SubFactory(ChildFactory)
    local_authority = factory.SelfAttribute("child.local_authority")
    search_type = "planned"
    latest_start_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=14))
    residential_suitability = "preferred"


def make_journey(tenant: Any, market: dict[str, Any], label: str = "") -> dict[str, Any]:
    """A child part-way through the journey, with every kind of record, for the access walk."""
    people = tenant.people
    child = ChildFactory(
        local_authority=tenant.council,
        name=f"{label} Jamie Doe".strip(),
        case_id=f"{label}C1".strip(),
    )
    referral = ReferralFactory(
        child=child,
        status=Referral.Status.OFFERS_RECEIVED,
        created_by=people["social_worker"],
        other_risks=f"{label} risk".strip(),
    )
    distribution = Distribution.objects.create(
        referral=referral,
        provider=tenant.provider,
        sent_by=people["commissioner"],
        respond_by=timezone.now() + timedelta(days=3),
    )
    offer = Offer.objects.create(
        referral=referral,
        distribution=distribution,
        setting=market["setting"],
        weekly_price=Decimal("5200"),
        start_date=timezone.localdate() + timedelta(days=7),
        note=f"{label} offer note".strip(),
    )
    placement = Placement.objects.create(
        child=child,
        local_authority=tenant.council,
        setting=market["setting"],
        provider=tenant.provider,
        placement_type="childrens_home",
        need_level="core",
        route="spot",
        agreed_weekly_cost=Decimal("12000"),
        start_date=timezone.localdate(),
        status=Placement.Status.AWAITING_APPROVAL,
    )
    approval = PlacementApproval.objects.create(placement=placement, kind="high_cost")
    placement.offer = offer
    agreement = start_agreement(actor=None, placement=placement)
    return {
        "agreement": agreement,
        "child": child,
        "referral": referral,
        "distribution": distribution,
        "offer": offer,
        "placement": placement,
        "approval": approval,
    }
