"""Children, their care history, referrals, offers and placements: the most sensitive data here."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from rcc.access import permissions as p
from rcc.access.core import councils_for
from rcc.access.membership import council_id, is_national, provider_id, region_id
from rcc.access.predicates import (
    can,
    is_commissioner,
    is_council_staff,
    is_provider_staff,
    is_rcc_staff,
)
from rcc.access.scoping import audit_denied, get, in_council, in_region, objects, of_provider

UASC_OPEN_STATUSES = ("approved", "sent", "offers_received")


def placements_for(user: Any) -> QuerySet:
    """Council staff: their council's placements. RCC staff: their region's. Providers: theirs."""
    placements = objects("placements.Placement").select_related(
        "setting", "provider", "local_authority", "lot"
    )
    if is_national(user):
        return placements
    if is_provider_staff(user):
        return of_provider(placements, provider_id(user))
    if is_council_staff(user):
        return in_council(placements, council_id(user))
    if is_rcc_staff(user):
        return in_region(placements, region_id(user))
    return placements.none()


def children_for(user: Any) -> QuerySet:
    """Council staff: their council's children. Commissioners: the region's. Providers: only
    children placed with them through an accepted offer. Nobody else."""
    children = objects("placements.Child").select_related("local_authority")
    if is_council_staff(user):
        return in_council(children, council_id(user))
    if is_commissioner(user):
        return in_region(children, region_id(user))
    if is_provider_staff(user):
        placements = objects("placements.Placement")
        placed = of_provider(placements, provider_id(user)).filter(offer__isnull=False)
        placed = placed.exclude(status=placements.model.Status.CANCELLED)
        return children.filter(pk__in=placed.values("child_id"))
    return children.none()


def referrals_for(user: Any) -> QuerySet:
    """Council staff: their council's referrals. Commissioners: the region's, once submitted.
    Providers never get referrals, only minimised distributions (``distributions_for``)."""
    referrals = objects("placements.Referral").select_related("child", "local_authority__region")
    if is_council_staff(user):
        # A UASC referral offered region-wide is open to every council of the region.
        return referrals.filter(
            Q(local_authority_id=council_id(user))
            | Q(
                region_wide=True,
                local_authority__region_id=region_id(user),
                status__in=UASC_OPEN_STATUSES,
            )
        )
    if is_commissioner(user):
        in_scope = in_region(referrals, region_id(user))
        return in_scope.exclude(status=referrals.model.Status.DRAFT)
    return referrals.none()


def referrals_to_act_on(user: Any) -> QuerySet:
    """Referrals the user may change: as ``referrals_for``, less other councils' region-wide
    UASC referrals, which another council may only read and take."""
    referrals = referrals_for(user)
    if is_council_staff(user):
        return in_council(referrals, council_id(user))
    return referrals


def distributions_for(user: Any) -> QuerySet:
    """Providers: the referrals sent to their organisation."""
    distributions = objects("placements.Distribution").select_related("referral", "provider")
    if is_provider_staff(user):
        return of_provider(distributions, provider_id(user))
    return distributions.filter(referral__in=referrals_to_act_on(user).values("pk"))


def offers_for(user: Any) -> QuerySet:
    offers = objects("placements.Offer").select_related(
        "distribution__provider", "setting", "referral"
    )
    if is_provider_staff(user):
        return of_provider(offers, provider_id(user))
    return offers.filter(referral__in=referrals_to_act_on(user).values("pk"))


def approvals_for(user: Any) -> QuerySet:
    approvals = objects("placements.PlacementApproval").select_related(
        "placement__child", "placement__setting"
    )
    if is_council_staff(user):
        return in_council(approvals, council_id(user))
    return approvals.none()


def can_take_referral(user: Any, referral: Any) -> bool:
    """A team manager may take another council's region-wide (UASC) referral for their own."""
    return (
        can(user, p.TAKE_UASC_REFERRAL)
        and referral.region_wide
        and referral.local_authority_id != council_id(user)
    )


def get_child_for_user(user: Any, public_id: Any) -> Any:
    """A child in scope, or 404; asking for another council's child is itself audited."""
    try:
        return get(children_for(user), public_id=public_id)
    except Http404:
        audit_denied(user, "placements.child", public_id)
        raise


def get_referral_for_user(user: Any, public_id: Any) -> Any:
    return get(referrals_for(user), public_id=public_id)


def get_referral_to_act_on(user: Any, public_id: Any) -> Any:
    return get(referrals_to_act_on(user), public_id=public_id)


def get_distribution_for_user(user: Any, pk: Any) -> Any:
    return get(distributions_for(user), pk=pk)


def get_offer_for_user(user: Any, public_id: Any) -> Any:
    return get(offers_for(user), public_id=public_id)


def get_placement_for_user(user: Any, public_id: Any) -> Any:
    return get(placements_for(user), public_id=public_id)


def councils_for_903_export(user: Any) -> QuerySet:
    """Councils whose 903 tables the user may export: their region's (RCC staff) or every
    council (DfE analysts, platform administrators)."""
    if not can(user, p.EXPORT_903):
        return councils_for(user).none()
    return councils_for(user)


def get_council_for_903_export(user: Any, gss_code: Any) -> Any:
    """A council in ``councils_for_903_export``, or 404 (also for another region's)."""
    return get(councils_for_903_export(user), gss_code=gss_code)


def councils_for_903_import(user: Any) -> QuerySet:
    """Councils whose 903 return the user may import: a data officer's own council, an RCC
    analyst's region's councils."""
    if not can(user, p.IMPORT_903):
        return councils_for(user).none()
    return councils_for(user)


def ssda903_imports_for(user: Any) -> QuerySet:
    """The 903 imports of the councils the user may import for."""
    councils = councils_for_903_import(user).values("pk")
    return (
        objects("placements.Ssda903Import")
        .filter(local_authority__in=councils)
        .select_related("local_authority", "started_by")
    )


def get_ssda903_import_for_user(user: Any, pk: Any) -> Any:
    return get(ssda903_imports_for(user), pk=pk)


def ssda903_validations_for(user: Any) -> QuerySet:
    """The runs of the DfE's 903 rules on the councils the user may import for."""
    councils = councils_for_903_import(user).values("pk")
    return (
        objects("placements.Ssda903Validation")
        .filter(local_authority__in=councils)
        .select_related("local_authority", "started_by")
    )


def get_ssda903_validation_for_user(user: Any, pk: Any) -> Any:
    return get(ssda903_validations_for(user), pk=pk)


# The Individual Placement Agreement (ADR 0020)
AGREEMENT_COUNCIL = "council"
AGREEMENT_PROVIDER = "provider"


def agreements_for(user: Any) -> QuerySet:
    """Agreements of the placements the user may see (``placements_for``): a provider's only
    of its own placements, a council's of its own, RCC staff the region's."""
    agreements = objects("placements.PlacementAgreement").select_related(
        "placement__setting", "placement__provider", "placement__local_authority"
    )
    return agreements.filter(placement__in=placements_for(user).values("pk"))


def get_agreement_for_user(user: Any, placement_public_id: Any) -> Any:
    """The agreement of a placement in scope, or 404 (missing and not yours alike)."""
    return get(agreements_for(user), placement__public_id=placement_public_id)


def agreement_side(user: Any, agreement: Any) -> str | None:
    """Which side the user may confirm for: a social worker or manager of the placing council,
    or provider staff of the placing provider; None for everyone else."""
    placement = agreement.placement
    if (
        is_council_staff(user)
        and can(user, p.MANAGE_CHILDREN)
        and placement.local_authority_id == council_id(user)
    ):
        return AGREEMENT_COUNCIL
    if (
        is_provider_staff(user)
        and can(user, p.RESPOND_TO_REFERRALS)
        and placement.provider_id == provider_id(user)
    ):
        return AGREEMENT_PROVIDER
    return None


def can_change_agreement(user: Any, agreement: Any) -> bool:
    """Only the placing council records a new version or an actual cost."""
    return agreement_side(user, agreement) == AGREEMENT_COUNCIL


def can_view_agreements(user: Any) -> bool:
    """Who may open agreements at all (``agreements_for`` then scopes which): the people who
    see placements (council and RCC staff with VIEW_CHILDREN) and provider staff."""
    return can(user, p.VIEW_CHILDREN) or can(user, p.RESPOND_TO_REFERRALS)


def simulation_runs_for(user: Any) -> QuerySet:
    """Stored region-year simulations: RCC staff their region's, national staff all."""
    runs = objects("placements.SimulationRun").select_related("region")
    if is_national(user):
        return runs
    if is_rcc_staff(user):
        return in_region(runs, region_id(user))
    return runs.none()
