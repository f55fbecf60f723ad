"""Reads for the public fostering pages: regions, their service standard, information events.

The public pages need no sign-in, so nothing here is scoped to a user: each read shows only
what any member of the public may see.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from fostering.models import Enquiry, ServiceStandard, SupportEvent
from fostering.workingdays import add_working_days
from rcc.geography.models import Postcode
from rcc.models import LocalAuthority, Region


def regions() -> QuerySet[Region]:
    return Region.objects.order_by("name")


def get_region(region_slug: str) -> Region:
    """The region of a public page, or 404."""
    return get_object_or_404(Region, slug=region_slug)


def service_standard_for(region: Region) -> ServiceStandard:
    """The region's timescales, or the defaults (1 and 5 working days) if it set none."""
    return ServiceStandard.objects.filter(region=region).first() or ServiceStandard(region=region)


def first_contact_due(region: Region, received: date) -> date:
    """The last day on which first contact meets the region's service standard."""
    return add_working_days(received, service_standard_for(region).first_contact_days)


def council_for_postcode(region: Region, postcode: str) -> LocalAuthority | None:
    """The council of ``region`` whose area holds ``postcode``; None keeps it with the hub.

    None too for a postcode not in the directory, or one in a council of another region.
    """
    code = (
        Postcode.objects.filter(postcode=postcode)
        .values_list("local_authority_code", flat=True)
        .first()
    )
    if not code:
        return None
    return LocalAuthority.objects.filter(region=region, gss_code=code).first()


DUPLICATE_WINDOW = timedelta(days=30)


def phone_digits(phone: str) -> str:
    """A phone number as its digits, a leading +44 read as 0: "+44 7700 900123" and
    "07700900123" are one number."""
    digits = re.sub(r"\D", "", phone)
    return "0" + digits[2:] if digits.startswith("44") and len(digits) > 10 else digits


def first_enquiry_like(
    region: Region, *, email: str, phone: str, before: datetime
) -> Enquiry | None:
    """The first enquiry to ``region`` in the 30 days before ``before`` with the same email
    (in any case) or the same phone number; a repeat enquiry is linked to it."""
    email, digits = email.strip().lower(), phone_digits(phone)
    recent = Enquiry.objects.filter(
        region=region, received_at__gte=before - DUPLICATE_WINDOW, received_at__lte=before
    ).order_by("received_at", "pk")
    for enquiry in recent.only("pk", "email", "phone", "duplicate_of", "received_at"):
        if enquiry.email.strip().lower() == email or (
            digits and phone_digits(enquiry.phone) == digits
        ):
            return enquiry.duplicate_of or enquiry
    return None


# Information events -------------------------------------------------------------------
def upcoming_information_events(region: Region) -> QuerySet[SupportEvent]:
    """Public information events of ``region`` yet to start, with ``booked`` counted."""
    return (
        SupportEvent.objects.filter(
            region=region,
            kind=SupportEvent.Kind.INFORMATION,
            starts_at__gt=timezone.now(),
        )
        .annotate(booked=Count("attendances"))
        .order_by("starts_at")
    )


def get_upcoming_information_event(region: Region, event_id: int) -> SupportEvent | None:
    return upcoming_information_events(region).filter(pk=event_id).first()
