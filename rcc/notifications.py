"""The one notification service: who hears of what, sent by email after the transaction commits.

Email goes through GOV.UK Notify when NOTIFY_API_KEY is set, else Django's backend (the
console in the demo); see ``rcc.tasks.send_email``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rcc.models import User
from rcc.roles import Role


def _send(recipients: Iterable[str], subject: str, body: str) -> None:
    from rcc.tasks import send_email

    to = sorted(set(recipients))
    if to:
        send_email.delay_on_commit(to=to, subject=subject, body=body)


def _provider_staff(provider_id: int) -> list[str]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__role=Role.PROVIDER_STAFF,
            memberships__provider_id=provider_id,
        ).values_list("email", flat=True)
    )


def _council_staff(local_authority_id: int, role: str) -> list[str]:
    return list(
        User.objects.filter(
            is_active=True,
            memberships__role=role,
            memberships__local_authority_id=local_authority_id,
        ).values_list("email", flat=True)
    )


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
        _council_staff(placement.local_authority_id, Role.TEAM_MANAGER),
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
