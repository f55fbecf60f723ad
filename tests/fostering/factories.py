"""Factories for the fostering hub, and a hub's records for one tenant."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import factory
from django.utils import timezone

from fostering.models import Applicant, ApprovedCarer, Enquiry, SupportEvent


class EnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enquiry

    name = factory.Sequence(lambda n: f"Enquirer {n}")
    email = factory.Sequence(lambda n: f"enquirer{n}@example.org")
    phone = "07700 900123"
    postcode = "BL1 1AA"
    household = "Two adults, one teenager"
    contact_time = "evening"
    interests = ["short_term"]
    source = "website"
    consent_to_contact = True


class CarerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApprovedCarer

    household = factory.Sequence(lambda n: f"Household {n}")
    approved_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=200))
    max_children = 2
    types = ["short_term"]


def make_fostering(tenant: Any, label: str = "") -> dict[str, Any]:
    """An enquiry, an applicant, a carer and an event; private text carries ``label``."""
    enquiry = EnquiryFactory(region=tenant.region, name=f"{label} Alex Enquirer".strip())
    other = EnquiryFactory(region=tenant.region, name=f"{label} Sam Applicant".strip())
    return {
        "enquiry": enquiry,
        "applicant": Applicant.objects.create(enquiry=other, stage="stage_1"),
        "carer": CarerFactory(
            local_authority=tenant.council, household=f"{label} Household".strip()
        ),
        "event": SupportEvent.objects.create(
            region=tenant.region,
            kind="support_group",
            title=f"{label} carers' group".strip(),
            starts_at=timezone.now() + timedelta(days=10),
            location="Town hall",
        ),
    }
