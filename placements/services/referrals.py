"""Children and their home-search referrals: draft, submit, approve or return, send, close."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from placements.models import Child, Distribution, Referral, ReferralStatusChange
from placements.services import webhook_events
from placements.services.workflow import move_referral
from rcc import audit, notifications
from rcc.services import ServiceError

RESPONSE_HOURS = {"planned": 72, "emergency": 4}
UASC_OPEN = (Referral.Status.APPROVED, Referral.Status.SENT, Referral.Status.OFFERS_RECEIVED)
SENDABLE = (Referral.Status.APPROVED, Referral.Status.SENT, Referral.Status.OFFERS_RECEIVED)


@transaction.atomic
def create_child(*, actor, local_authority, data: dict[str, Any]) -> Child:
    try:
        with transaction.atomic():
            child = Child.objects.create(local_authority=local_authority, **data)
    except IntegrityError:
        raise ServiceError("Your council already has a child with this child ID") from None
    audit.record(actor=actor, action="child.created", obj=child, local_authority=local_authority)
    return child


@transaction.atomic
def save_draft(
    *, actor, child: Child, data: dict[str, Any], needs=(), referral: Referral | None = None
) -> Referral:
    """Create or change a draft referral. Only drafts and returned referrals can change."""
    if data.get("region_wide") and not child.is_uasc:
        raise ServiceError(
            "Only an unaccompanied asylum-seeking child's referral can go region-wide"
        )
    if referral is None:
        referral = Referral(child=child, local_authority=child.local_authority, created_by=actor)
        changed = ["created"]
    elif referral.status not in (Referral.Status.DRAFT, Referral.Status.RETURNED):
        raise ServiceError("Only a draft or returned referral can be changed")
    else:
        changed = [k for k, v in data.items() if getattr(referral, k) != v]
    for name, value in data.items():
        setattr(referral, name, value)
    referral.save()
    referral.needs.set(needs)
    if changed == ["created"]:
        ReferralStatusChange.objects.create(referral=referral, to_status="draft", changed_by=actor)
    audit.record(
        actor=actor,
        action="referral.saved",
        obj=referral,
        local_authority=referral.local_authority,
        changed_fields=changed,
    )
    return referral


@transaction.atomic
def submit_referral(*, actor, referral: Referral) -> Referral:
    if referral.latest_start_date < timezone.localdate():
        raise ServiceError("The latest start date has passed: change it before submitting")
    move_referral(referral, to=Referral.Status.AWAITING_APPROVAL, actor=actor)
    Referral.objects.filter(pk=referral.pk).update(submitted_at=timezone.now())
    audit.record(
        actor=actor,
        action="referral.submitted",
        obj=referral,
        local_authority=referral.local_authority,
    )
    notifications.referral_submitted(referral)
    return referral


@transaction.atomic
def approve_referral(*, actor, referral: Referral) -> Referral:
    move_referral(referral, to=Referral.Status.APPROVED, actor=actor)
    audit.record(
        actor=actor,
        action="referral.approved",
        obj=referral,
        local_authority=referral.local_authority,
    )
    notifications.referral_decided(referral, approved=True)
    if referral.region_wide:
        notifications.region_wide_referral_open(referral)
    return referral


@transaction.atomic
def return_referral(*, actor, referral: Referral, reason: str) -> Referral:
    if not reason.strip():
        raise ServiceError("Give the reason for returning the referral")
    move_referral(referral, to=Referral.Status.RETURNED, actor=actor, reason=reason)
    audit.record(
        actor=actor,
        action="referral.returned",
        obj=referral,
        local_authority=referral.local_authority,
        metadata={"reason": reason},
    )
    notifications.referral_decided(referral, approved=False)
    return referral


@transaction.atomic
def send_to_providers(*, actor, referral: Referral, providers) -> list[Distribution]:
    """Send the (minimised) referral to providers; sending again reaches only new ones."""
    if referral.status not in SENDABLE:
        raise ServiceError("Only an approved referral can be sent to providers")
    providers = [p for p in providers if not referral.distributions.filter(provider=p).exists()]
    if not providers:
        raise ServiceError("Choose at least one provider that has not had this referral")
    hours = RESPONSE_HOURS[referral.search_type]
    sent = [
        Distribution.objects.create(
            referral=referral,
            provider=provider,
            sent_by=actor,
            respond_by=timezone.now() + timedelta(hours=hours),
        )
        for provider in providers
    ]
    move_referral(
        referral,
        to=Referral.Status.SENT if referral.status != "offers_received" else referral.status,
        actor=actor,
        reason=f"Sent to {len(sent)} provider(s)",
    )
    audit.record(
        actor=actor,
        action="referral.sent",
        obj=referral,
        local_authority=referral.local_authority,
        metadata={"providers": [p.pk for p in providers]},
    )
    notifications.referral_sent(sent)
    webhook_events.referral_sent(sent)  # ADR 0022
    return sent


@transaction.atomic
def close_referral(*, actor, referral: Referral, reason: str, unmet: bool) -> Referral:
    if not reason.strip():
        raise ServiceError("Give the reason")
    to = Referral.Status.CLOSED_UNMET if unmet else Referral.Status.WITHDRAWN
    move_referral(referral, to=to, actor=actor, reason=reason)
    audit.record(
        actor=actor, action=f"referral.{to}", obj=referral, local_authority=referral.local_authority
    )
    return referral


@transaction.atomic
def take_region_wide_referral(*, actor, referral: Referral, local_authority) -> Referral:
    """Another council of the region takes responsibility for a UASC child's referral."""
    if not referral.region_wide or referral.status not in UASC_OPEN:
        raise ServiceError("This referral is not open to other councils")
    if local_authority.region_id != referral.local_authority.region_id:
        raise ServiceError("Only a council of the same region can take this referral")
    if local_authority.pk == referral.local_authority_id:
        raise ServiceError("Your council is already responsible for this child")
    moved = Referral.objects.filter(
        pk=referral.pk, local_authority_id=referral.local_authority_id, region_wide=True
    ).update(local_authority=local_authority, region_wide=False)
    if not moved:
        raise ServiceError("Another council has just taken this referral")
    Child.objects.filter(pk=referral.child_id).update(local_authority=local_authority)
    previous = referral.local_authority
    ReferralStatusChange.objects.create(
        referral=referral,
        from_status=referral.status,
        to_status=referral.status,
        changed_by=actor,
        reason=f"{local_authority.name} took responsibility from {previous.name}",
    )
    audit.record(
        actor=actor,
        action="referral.taken",
        obj=referral,
        local_authority=local_authority,
        metadata={"from": previous.pk},
    )
    referral.local_authority, referral.region_wide = local_authority, False
    return referral
