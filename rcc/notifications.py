"""The one notification service: who hears of what, sent by email after the transaction commits.

Email goes through GOV.UK Notify when NOTIFY_API_KEY is set, else Django's backend (the
console in the demo); see ``rcc.tasks.send_email``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from typing import Any

from django.utils import timezone

from rcc import access, outbox

logger = logging.getLogger(__name__)


_muted: ContextVar[bool] = ContextVar("notifications_muted", default=False)


@contextmanager
def muted() -> Iterator[None]:
    """Send nothing while inside (seeding demo data, imports): nobody should be emailed."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def _send(recipients: Iterable[str], subject: str, body: str) -> None:
    from rcc.tasks import send_email

    to = sorted(set(recipients))
    if to and not _muted.get():
        outbox.enqueue(send_email, to=to, subject=subject, body=body)


def _provider_staff(provider_id: int) -> list[str]:
    people = access.people_who_can(access.RESPOND_TO_REFERRALS, provider_id=provider_id)
    return list(people.values_list("email", flat=True))


def _council_approvers(local_authority_id: int) -> list[str]:
    people = access.people_who_can(access.APPROVE, council_id=local_authority_id)
    return list(people.values_list("email", flat=True))


def referral_sent(distributions: Iterable[Any]) -> None:
    for d in distributions:
        _send(
            _provider_staff(d.provider_id),
            f"New referral {d.referral.reference}",
            f"A new home-search referral has been sent to you. Respond by "
            f"{d.respond_by:%d %B %Y %H:%M}. Sign in to see it.",
        )


def referral_decided(referral: Any, *, approved: bool) -> None:
    verdict = "approved" if approved else "returned to you"
    _send(
        [referral.created_by.email],
        f"Referral {referral.reference} {verdict}",
        f"Your referral {referral.reference} has been {verdict}. Sign in to see it.",
    )


def offer_made(offer: Any) -> None:
    referral = offer.referral
    _send(
        [referral.created_by.email],
        f"New response to referral {referral.reference}",
        "A provider has responded to your referral. Sign in to compare offers.",
    )


def offer_decided(offer: Any, *, accepted: bool) -> None:
    text = "accepted" if accepted else "not chosen"
    _send(
        _provider_staff(offer.distribution.provider_id),
        f"Your offer for referral {offer.referral.reference} was {text}",
        f"Your offer for referral {offer.referral.reference} was {text}. Sign in for details.",
    )


def approval_requested(placement: Any) -> None:
    _send(
        _council_approvers(placement.local_authority_id),
        "A placement needs your approval",
        "A placement needs a nominated officer's approval before it can start. Sign in.",
    )


def placement_approved(placement: Any) -> None:
    if placement.referral_id:
        _send(
            [placement.referral.created_by.email],
            "Placement approved",
            "The placement you chose has been approved and can start. Sign in for details.",
        )


# The public fostering hub --------------------------------------------------------------
# The enquirer must never see an error page for an email we could not send: their enquiry
# is already stored and sits in the hub's queue. The outbox queues after commit and never
# raises: a broker outage leaves the email in the outbox, and with in-process tasks a failure
# to send is logged without its message (which may hold the address).


def _send_after_commit_quietly(recipients: Iterable[str], subject: str, body: str) -> None:
    _send(recipients, subject, body)


def _hub_officers(region_id: int) -> list[str]:
    people = access.people_who_can(access.WORK_FOSTERING_HUB, region_id=region_id)
    return list(people.values_list("email", flat=True))


def fostering_enquiry_received(enquiry: Any, *, first_contact_by: date) -> None:
    """Confirm to the enquirer what happens next and by when; tell the region's hub officers.

    Neither email repeats what the enquirer told us: the hub reads it after signing in.
    """
    region = enquiry.region
    by = f"{first_contact_by:%A} {first_contact_by.day} {first_contact_by:%B}"
    _send_after_commit_quietly(
        [enquiry.email],
        f"Your fostering enquiry to {region.name}",
        f"Thank you for asking about fostering with {region.name}.\n\n"
        "What happens next:\n"
        f"1. Someone from our fostering team will phone or email you by the end of {by}, "
        "at the time of day you asked for.\n"
        "2. We will answer your questions and, if you would like, arrange a visit to your "
        "home to talk about fostering. There is no commitment at any stage.\n\n"
        "If you did not send this enquiry, you can ignore this email.",
    )
    routed = f" It is for {enquiry.routed_to.name}." if enquiry.routed_to_id else ""
    _send_after_commit_quietly(
        _hub_officers(region.pk),
        "New fostering enquiry",
        f"A new fostering enquiry has arrived.{routed} First contact is due by the end of "
        f"{by}. Sign in to see it.",
    )


def fostering_event_booked(attendance: Any) -> None:
    """Confirm a place at a public information event (title, time and place only)."""
    event = attendance.event
    when = timezone.localtime(event.starts_at)
    _send_after_commit_quietly(
        [attendance.email],
        f"Your place at {event.title}",
        f"You have a place at {event.title} on {when.day} {when:%B %Y at %H:%M}, "
        f"{event.location}.\n\nIf you cannot come, you do not need to tell us.",
    )


def referral_message_posted(message: Any) -> None:
    """A new message on a referral's thread: tell the other side (the text stays in the app)."""
    distribution = message.distribution
    referral = distribution.referral
    if message.from_provider:
        recipients = [referral.created_by.email]
    else:
        recipients = _provider_staff(distribution.provider_id)
    _send(
        recipients,
        f"New message about referral {referral.reference}",
        f"There is a new message about referral {referral.reference}. Sign in to read it.",
    )
