"""The public side of the hub: enquiries from the public and places at information events.

An enquiry is stored first, in one transaction with its audit event; the emails are
queued only after it commits, so a broken mail server or broker never loses one.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from fostering.models import Attendance, Enquiry, SupportEvent
from fostering.models.choices import Interest
from fostering.selectors.public import council_for_postcode, first_contact_due, first_enquiry_like
from rcc import audit, notifications
from rcc.geography.postcodes import normalise_postcode
from rcc.models import Region
from rcc.services import ServiceError

ENQUIRY_FIELDS = (
    "name",
    "email",
    "phone",
    "postcode",
    "household",
    "contact_time",
    "interests",
    "source",
    "consent_to_contact",
)


@transaction.atomic
def submit_enquiry(*, region: Region, data: Mapping[str, Any], received_at: Any = None) -> Enquiry:
    """Store a fostering enquiry, route it by postcode, audit it, then queue the emails.

    A repeat (the same email or phone within 30 days) is stored and linked to the first
    enquiry, for the hub officer to see; the enquirer is answered as any other.
    ``data`` holds the enquiry's fields (as ``EnquiryForm`` cleans them). Raises
    ``ServiceError`` without consent to contact, and ``ValidationError`` for values
    the model refuses; nothing is stored either way.
    """
    if data.get("consent_to_contact") is not True:
        raise ServiceError("We can only reply to an enquiry if you agree to be contacted")
    interests = list(data.get("interests") or [])
    if not interests or not set(interests) <= set(Interest.values):
        raise ServiceError("Choose the kinds of fostering that interest you")
    postcode = normalise_postcode(data["postcode"])
    enquiry = Enquiry(
        region=region,
        **{name: data[name] for name in ENQUIRY_FIELDS},
        received_at=received_at or timezone.now(),
    )
    enquiry.postcode = postcode
    enquiry.interests = interests
    enquiry.routed_to = council_for_postcode(region, postcode)
    enquiry.duplicate_of = first_enquiry_like(
        region, email=enquiry.email, phone=enquiry.phone, before=enquiry.received_at
    )
    enquiry.full_clean()
    enquiry.save()
    audit.record(
        actor=None,
        action="fostering.enquiry_received",
        obj=enquiry,
        region=region,
        local_authority=enquiry.routed_to,
        metadata={
            "source": enquiry.source,
            "routed": "council" if enquiry.routed_to else "hub",
            **(
                {"duplicate_of": str(enquiry.duplicate_of.public_id)}
                if enquiry.duplicate_of
                else {}
            ),
        },
    )
    due = first_contact_due(region, timezone.localdate(enquiry.received_at))
    notifications.fostering_enquiry_received(enquiry, first_contact_by=due)
    return enquiry


# Information events -------------------------------------------------------------------
@transaction.atomic
def book_information_event(*, event: SupportEvent, name: str, email: str) -> Attendance:
    """Give a member of the public a place at an information event, once per email.

    Booking again with the same email returns the first booking (and sends nothing),
    so the page cannot tell a stranger who has booked. Raises ``ServiceError`` when the
    event is full or not open to the public.
    """
    # The lock serialises bookings of one event, so the capacity check holds.
    event = SupportEvent.objects.select_for_update().get(pk=event.pk)
    if event.kind != SupportEvent.Kind.INFORMATION or event.starts_at <= timezone.now():
        raise ServiceError("This event is not open for booking")
    email = email.strip().lower()
    existing = event.attendances.filter(email=email).first()
    if existing is not None:
        return existing
    if event.attendances.count() >= event.capacity:
        raise ServiceError("Sorry, this event is full. Choose another date")
    try:
        with transaction.atomic():  # the constraint is the backstop for a lost race
            attendance = Attendance.objects.create(event=event, name=name.strip(), email=email)
    except IntegrityError:
        return event.attendances.get(email=email)
    audit.record(actor=None, action="fostering.event_booked", obj=attendance, region=event.region)
    notifications.fostering_event_booked(attendance)
    return attendance
