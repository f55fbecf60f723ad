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

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.urls import reverse
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


def notify(
    people: Iterable[Any],
    *,
    kind: str,
    title: str,
    body: str,
    link: str,
    dedupe_key: str,
) -> list[Any]:
    """Record one in-app notification per person, in the caller's transaction, and email
    those who chose email (after commit, through the outbox).

    ``dedupe_key`` names the event: a person already told of it is neither recorded nor
    emailed again (the database's unique (recipient, dedupe_key) decides, so a retry or a
    second run of a periodic task is harmless). ``body`` says what to do next; ``link`` is
    a path on this site. Returns the notifications created.
    """
    from rcc.models import Notification

    if _muted.get():
        return []
    created = []
    for person in {p.pk: p for p in people}.values():
        try:
            with transaction.atomic():  # a savepoint: a duplicate leaves the caller's work alone
                created.append(
                    Notification.objects.create(
                        recipient=person,
                        kind=kind,
                        title=title[:200],
                        body=body,
                        link=link,
                        dedupe_key=dedupe_key[:200],
                    )
                )
        except IntegrityError:
            continue
    if created:
        _send(
            access.emails_wanted_by([n.recipient_id for n in created]),
            title,
            f"{body}\n\n{absolute(link)}" if link else body,
        )
    return created


def absolute(path: str) -> str:
    """The link an email carries: this site's address (``SITE_URL``) and the path."""
    return settings.SITE_URL.rstrip("/") + path


def _provider_people(provider_id: int) -> QuerySet:
    return access.people_who_can(access.RESPOND_TO_REFERRALS, provider_id=provider_id)


def _provider_staff(provider_id: int) -> list[str]:
    return list(_provider_people(provider_id).values_list("email", flat=True))


def _council_managers(local_authority_id: int) -> QuerySet:
    return access.people_who_can(access.APPROVE, council_id=local_authority_id)


def _council_approvers(local_authority_id: int) -> list[str]:
    return list(_council_managers(local_authority_id).values_list("email", flat=True))


def _region_commissioners(region_id: int) -> QuerySet:
    return access.people_who_can(access.SEND_REFERRALS, region_id=region_id)


def _referral_link(referral: Any) -> str:
    return reverse("placements:referral", kwargs={"referral_id": referral.public_id})


# The referral journey ------------------------------------------------------------------
# A provider hears a referral's reference only: never the child's name or anything that
# could identify them (the referral they see is minimised too).


def referral_submitted(referral: Any) -> None:
    """Tell the council's managers a referral waits for their approval."""
    notify(
        _council_managers(referral.local_authority_id),
        kind="referral_submitted",
        title=f"Referral {referral.reference} needs your approval",
        body=f"A social worker has submitted referral {referral.reference}. "
        "What to do next: read it, then approve it or return it with a reason.",
        link=_referral_link(referral),
        dedupe_key=f"referral:{referral.pk}:step:{_step(referral)}",
    )


def _step(referral: Any) -> int:
    """The referral's latest move: a referral returned and submitted again is a new event."""
    last = referral.trail.order_by("-id").values_list("id", flat=True).first()
    return last or 0


def region_wide_referral_open(referral: Any) -> None:
    """A UASC referral offered region-wide: every other council's managers in the region."""
    notify(
        access.council_people_in_region_who_can(
            access.TAKE_UASC_REFERRAL,
            region_id=referral.local_authority.region_id,
            except_council_id=referral.local_authority_id,
        ),
        kind="uasc_region_wide",
        title=f"A region-wide UASC referral, {referral.reference}",
        body=f"{referral.local_authority.name} has offered referral {referral.reference} "
        "for an unaccompanied asylum-seeking child to every council of the region. "
        "What to do next: read it and take it for your council if you can.",
        link=_referral_link(referral),
        dedupe_key=f"referral:{referral.pk}:region_wide",
    )


def referral_decided(referral: Any, *, approved: bool) -> None:
    verdict = "approved" if approved else "returned to you"
    action = (
        "choose the providers to send it to."
        if approved
        else "read the reason, change the referral and submit it again."
    )
    notify(
        [referral.created_by],
        kind="referral_approved" if approved else "referral_returned",
        title=f"Referral {referral.reference} {verdict}",
        body=f"Your referral {referral.reference} has been {verdict}. What to do next: {action}",
        link=_referral_link(referral),
        dedupe_key=f"referral:{referral.pk}:step:{_step(referral)}",
    )


def referral_sent(distributions: Iterable[Any]) -> None:
    for d in distributions:
        notify(
            _provider_people(d.provider_id),
            kind="referral_sent",
            title=f"New referral {d.referral.reference}",
            body=f"A new home-search referral, {d.referral.reference}, has been sent to you. "
            f"What to do next: make an offer or decline it by "
            f"{timezone.localtime(d.respond_by):%d %B %Y %H:%M}.",
            link=reverse("placements:received", kwargs={"distribution_id": d.pk}),
            dedupe_key=f"distribution:{d.pk}:sent",
        )


def offer_made(offer: Any) -> None:
    referral = offer.referral
    region_id = referral.local_authority.region_id
    notify(
        [referral.created_by, *_region_commissioners(region_id)],
        kind="offer_made",
        title=f"New offer for referral {referral.reference}",
        body=f"A provider has made an offer for referral {referral.reference}. "
        "What to do next: compare the offers and accept one, or negotiate.",
        link=reverse("placements:compare", kwargs={"referral_id": referral.public_id}),
        dedupe_key=f"offer:{offer.pk}:made",
    )


def offer_decided(offer: Any, *, accepted: bool) -> None:
    text = "accepted" if accepted else "not chosen"
    action = (
        "get the placement ready; the council will confirm the start."
        if accepted
        else "nothing; the home stays free for other referrals."
    )
    reference = offer.referral.reference
    notify(
        _provider_people(offer.distribution.provider_id),
        kind="offer_accepted" if accepted else "offer_not_chosen",
        title=f"Your offer for referral {reference} was {text}",
        body=f"Your offer for referral {reference} was {text}. What to do next: {action}",
        link=reverse("placements:received", kwargs={"distribution_id": offer.distribution_id}),
        dedupe_key=f"offer:{offer.pk}:{'accepted' if accepted else 'not_chosen'}",
    )


def approval_requested(placement: Any) -> None:
    notify(
        _council_managers(placement.local_authority_id),
        kind="approval_needed",
        title="A placement needs your approval",
        body="A placement needs a nominated officer's approval before it can start. "
        "What to do next: read the placement and approve or refuse it.",
        link=reverse("placements:approvals"),
        dedupe_key=f"placement:{placement.pk}:approval_requested",
    )


def placement_approved(placement: Any) -> None:
    if placement.referral_id:
        notify(
            [placement.referral.created_by],
            kind="placement_approved",
            title="Placement approved",
            body="The placement you chose has been approved. "
            "What to do next: arrange the child's move and record the start.",
            link=reverse("placements:placement", kwargs={"placement_id": placement.public_id}),
            dedupe_key=f"placement:{placement.pk}:approved",
        )


def no_offers_by_deadline(referral: Any) -> None:
    """No provider offered by the last response deadline: the region's commissioners act."""
    notify(
        _region_commissioners(referral.local_authority.region_id),
        kind="no_offers",
        title=f"No offers for referral {referral.reference}",
        body=f"No provider has offered a home for referral {referral.reference} by the "
        "deadline. What to do next: send it to more providers or search the market.",
        link=_referral_link(referral),
        dedupe_key=f"referral:{referral.pk}:no_offers",
    )


def fostering_enquiry_overdue(enquiry: Any) -> None:
    """First contact with an enquirer is overdue: the region's hub officers act."""
    notify(
        access.people_who_can(access.WORK_FOSTERING_HUB, region_id=enquiry.region_id),
        kind="enquiry_overdue",
        title="A fostering enquiry is overdue",
        body="First contact with a fostering enquirer is overdue. "
        "What to do next: phone or email them today and record the contact.",
        link=reverse("fostering:enquiry", kwargs={"enquiry_id": enquiry.public_id}),
        dedupe_key=f"enquiry:{enquiry.pk}:overdue",
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


# A person's own notifications: reading them and choosing email ---------------------------


@transaction.atomic
def mark_read(*, user: Any, notification: Any) -> None:
    """Mark one notification read (once: a second mark keeps the first time)."""
    type(notification).objects.filter(
        pk=notification.pk, recipient_id=user.pk, read_at__isnull=True
    ).update(read_at=timezone.now())


@transaction.atomic
def mark_all_read(*, user: Any) -> int:
    return (
        access.notifications_for(user).filter(read_at__isnull=True).update(read_at=timezone.now())
    )


@transaction.atomic
def set_email_preference(*, user: Any, email: bool) -> None:
    from rcc import audit
    from rcc.models import NotificationPreference

    NotificationPreference.objects.update_or_create(user=user, defaults={"email": email})
    audit.record(
        actor=user,
        action="notifications.preference_changed",
        object_type="user",
        object_id=user.pk,
        metadata={"email": email},
    )


def wants_email(user: Any) -> bool:
    from rcc.models import NotificationPreference

    return not NotificationPreference.objects.filter(user_id=user.pk, email=False).exists()


def agreement_needs_confirmation(agreement: Any, *, version_number: int) -> None:
    """A new agreement version: the placing provider's staff are asked to confirm it."""
    _send(
        _provider_staff(agreement.placement.provider_id),
        "A placement agreement needs your confirmation",
        f"Version {version_number} of a placement agreement is waiting for your "
        "confirmation. Sign in to the provider portal to see it.",
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
