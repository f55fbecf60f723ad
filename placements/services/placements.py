"""Placements: made from an accepted offer, approved, started (a 903 episode), and ended."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from placements.models import CareEpisode, Offer, Placement, PlacementApproval, Referral
from placements.services.workflow import move_referral
from providers.models import Application, Sector
from rcc import audit, notifications
from rcc.services import ServiceError

# 903 PLACE for each kind of setting, and PLACE_PROVIDER for each sector.
PLACE_CODE = {
    "childrens_home": "K2",
    "ifa": "U4",
    "la_fostering": "U4",
    "supported": "K3",
    "secure": "K1",
    "residential_school": "S1",
}
PROVIDER_CODE = {Sector.PRIVATE: "PR4", Sector.VOLUNTARY: "PR5", Sector.HEALTH: "PR3"}


def _framework_lot(offer: Offer):
    """The lot the provider is admitted to for this kind of setting in the child's region."""
    admitted = Application.objects.filter(
        provider_id=offer.setting.provider_id,
        status=Application.Status.ADMITTED,
        lot__placement_type=offer.setting.setting_type,
        lot__framework__region_id=offer.referral.local_authority.region_id,
        lot__framework__status="live",
    ).select_related("lot")
    first = admitted.order_by("lot__need_level").first()
    return first.lot if first else None


def create_placement(*, actor, offer: Offer, referral: Referral) -> Placement:
    lot = _framework_lot(offer)
    placement = Placement.objects.create(
        child=referral.child,
        referral=referral,
        offer=offer,
        local_authority=referral.local_authority,
        setting=offer.setting,
        provider_id=offer.setting.provider_id,
        lot=lot,
        placement_type=offer.setting.setting_type,
        need_level=lot.need_level if lot else "core",
        route=Placement.Route.FRAMEWORK if lot else Placement.Route.SPOT,
        agreed_weekly_cost=offer.total_weekly_cost,
        extras=offer.extras,
        start_date=offer.start_date,
        status=Placement.Status.AWAITING_APPROVAL,
        miles_from_home=_miles(referral.child.home_postcode, offer.setting.postcode),
    )
    kinds = _approvals_needed(placement, referral)
    for kind in kinds:
        PlacementApproval.objects.create(placement=placement, kind=kind)
    audit.record(
        actor=actor,
        action="placement.created",
        obj=placement,
        local_authority=placement.local_authority,
        metadata={"approvals": kinds},
    )
    if kinds:
        notifications.approval_requested(placement)
    else:
        _start(actor, placement)
    return placement


def _approvals_needed(placement: Placement, referral: Referral) -> list[str]:
    kinds = []
    if placement.setting.local_authority_id != referral.local_authority_id:
        kinds.append(PlacementApproval.Kind.OUT_OF_AREA)
    if placement.agreed_weekly_cost > referral.local_authority.region.high_cost_threshold:
        kinds.append(PlacementApproval.Kind.HIGH_COST)
    return kinds


def _miles(home: str, setting: str) -> float | None:
    try:
        from rcc.geography.selectors import distance_miles
    except ImportError:  # the postcode table arrives with its own change
        return None
    try:
        return round(distance_miles(home, setting), 1)
    except Exception:  # an unknown postcode leaves the distance unknown, never 0
        return None


@transaction.atomic
def decide_approval(*, actor, approval: PlacementApproval, approve: bool, reason: str) -> Placement:
    """A nominated officer approves or refuses; when every approval is given, it starts."""
    if approval.status != PlacementApproval.Status.REQUESTED:
        raise ServiceError("This approval has already been decided")
    if not approve and not reason.strip():
        raise ServiceError("Give the reason for refusing")
    status = PlacementApproval.Status.APPROVED if approve else PlacementApproval.Status.REFUSED
    PlacementApproval.objects.filter(pk=approval.pk, status="requested").update(
        status=status, reason=reason, decided_by=actor, decided_at=timezone.now()
    )
    placement = Placement.objects.select_for_update().get(pk=approval.placement_id)
    audit.record(
        actor=actor,
        action=f"placement.approval_{status}",
        obj=placement,
        local_authority=placement.local_authority,
        metadata={"kind": approval.kind},
    )
    if not approve:
        _cancel(actor, placement, reason)
    elif not placement.approvals.exclude(status=PlacementApproval.Status.APPROVED).exists():
        _start(actor, placement)
        notifications.placement_approved(placement)
    return placement


def _start(actor, placement: Placement) -> None:
    Placement.objects.filter(pk=placement.pk).update(status=Placement.Status.ACTIVE)
    placement.status = Placement.Status.ACTIVE
    if placement.referral_id:
        move_referral(placement.referral, to=Referral.Status.PLACED, actor=actor)
    _open_episode(placement)


def _cancel(actor, placement: Placement, reason: str) -> None:
    Placement.objects.filter(pk=placement.pk).update(status=Placement.Status.CANCELLED)
    placement.status = Placement.Status.CANCELLED
    if placement.referral_id:
        referral = placement.referral
        move_referral(referral, to=Referral.Status.OFFERS_RECEIVED, actor=actor, reason=reason)


def _open_episode(placement: Placement) -> CareEpisode:
    child = placement.child
    previous = child.episodes.filter(end_date__isnull=True).first() if child else None
    if previous is not None:
        CareEpisode.objects.filter(pk=previous.pk).update(
            end_date=placement.start_date, reason_ceased="X1", reason_place_change="CARPL"
        )
    if child is None:
        return None
    return CareEpisode.objects.create(
        child=child,
        placement=placement,
        start_date=placement.start_date,
        reason_new_episode=_reason_new_episode(previous, child.legal_status),
        legal_status=child.legal_status,
        placement_type=PLACE_CODE.get(placement.placement_type, "Z1"),
        placement_provider=PROVIDER_CODE.get(placement.provider.sector, "PR2"),
        placement_postcode=placement.setting.postcode,
        # 903 HOME_POST: blank for UASC children, whose distance from home is not reported.
        home_postcode="" if child.is_uasc else child.home_postcode,
        urn=placement.setting.urn or "",
    )


def _reason_new_episode(previous: CareEpisode | None, legal_status: str) -> str:
    """903 RNE: S starts care; P a new placement and carer; B also a new legal status."""
    if previous is None:
        return "S"
    return "P" if previous.legal_status == legal_status else "B"


@transaction.atomic
def end_placement(
    *, actor, placement: Placement, end_date: date, reason: str, unplanned: bool
) -> Placement:
    """End a placement: planned (the care plan) or unplanned, with the 903 reason."""
    if placement.status != Placement.Status.ACTIVE:
        raise ServiceError("Only an active placement can end")
    if end_date < placement.start_date:
        raise ServiceError("The end date must be on or after the start date")
    if unplanned and reason == "CARPL":
        raise ServiceError("An unplanned ending needs the reason it broke down")
    Placement.objects.filter(pk=placement.pk).update(
        status=Placement.Status.ENDED,
        end_date=end_date,
        end_reason=reason,
        unplanned_ending=unplanned,
    )
    placement.episodes.filter(end_date__isnull=True).update(
        end_date=end_date, reason_ceased="X1", reason_place_change=reason
    )
    audit.record(
        actor=actor,
        action="placement.ended",
        obj=placement,
        local_authority=placement.local_authority,
        metadata={"reason": reason, "unplanned": unplanned},
    )
    placement.status = Placement.Status.ENDED
    return placement
