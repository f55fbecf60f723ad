"""State machines of referrals and offers: allowed moves and append-only status rows."""

from __future__ import annotations

from django.db import models

from placements.models import Offer, OfferStatusChange, Referral, ReferralStatusChange
from rcc.services import ServiceError

R = Referral.Status
REFERRAL_MOVES: dict[str, set[str]] = {
    R.DRAFT: {R.AWAITING_APPROVAL, R.WITHDRAWN},
    R.RETURNED: {R.AWAITING_APPROVAL, R.WITHDRAWN},
    R.AWAITING_APPROVAL: {R.APPROVED, R.RETURNED, R.WITHDRAWN},
    R.APPROVED: {R.SENT, R.WITHDRAWN},
    R.SENT: {R.SENT, R.OFFERS_RECEIVED, R.WITHDRAWN, R.CLOSED_UNMET},
    R.OFFERS_RECEIVED: {R.SENT, R.OFFERS_RECEIVED, R.OFFER_ACCEPTED, R.WITHDRAWN, R.CLOSED_UNMET},
    R.OFFER_ACCEPTED: {R.PLACED, R.OFFERS_RECEIVED},
}

OS = Offer.Status
OFFER_MOVES: dict[str, set[str]] = {
    OS.MADE: {OS.SHORTLISTED, OS.ACCEPTED, OS.NOT_CHOSEN, OS.WITHDRAWN},
    OS.SHORTLISTED: {OS.ACCEPTED, OS.NOT_CHOSEN, OS.WITHDRAWN},
    OS.ACCEPTED: {OS.WITHDRAWN},
}


def _move(
    model: type[models.Model],
    obj,
    moves,
    trail_model,
    trail_fk: str,
    *,
    to: str,
    actor,
    reason: str = "",
) -> None:
    """Move ``obj`` to ``to`` if allowed; a conditional UPDATE stops a race moving it twice."""
    if to not in moves.get(obj.status, set()):
        raise ServiceError(
            f"This {model._meta.verbose_name} is {obj.get_status_display().lower()}: it cannot "
            f"become {model.Status(to).label.lower()}"
        )
    if to != obj.status:
        moved = model.objects.filter(pk=obj.pk, status=obj.status).update(status=to)
        if not moved:
            raise ServiceError("Someone else has just changed this: reload the page")
    trail_model.objects.create(
        **{trail_fk: obj}, from_status=obj.status, to_status=to, reason=reason, changed_by=actor
    )
    obj.status = to


def move_referral(referral: Referral, *, to: str, actor, reason: str = "") -> None:
    _move(
        Referral,
        referral,
        REFERRAL_MOVES,
        ReferralStatusChange,
        "referral",
        to=to,
        actor=actor,
        reason=reason,
    )


def move_offer(offer: Offer, *, to: str, actor, reason: str = "") -> None:
    _move(Offer, offer, OFFER_MOVES, OfferStatusChange, "offer", to=to, actor=actor, reason=reason)
