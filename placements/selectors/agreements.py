"""The placement agreement: one agreement with its versions and actual costs; the list of
agreements in scope (providers: only their own placements')."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.http import Http404

from placements.models import AgreementConfirmation, AgreementVersion
from rcc import access


def agreement_record(user: Any, placement_id: Any) -> dict[str, Any]:
    """Three queries whatever the number of versions: the agreement, versions with their
    confirmations, actual costs."""
    agreement = access.get_agreement_for_user(user, placement_id)
    confirmations = AgreementConfirmation.objects.select_related("confirmed_by")
    versions = list(
        agreement.versions.select_related("created_by").prefetch_related(
            Prefetch("confirmations", queryset=confirmations)
        )
    )
    if not versions:
        raise Http404
    return {
        "agreement": agreement,
        "placement": agreement.placement,
        "versions": versions,
        "current": versions[0],
        "actual_costs": list(agreement.actual_costs.all()),
        "side": access.agreement_side(user, agreement),
        "can_change": access.can_change_agreement(user, agreement),
    }


def agreement_list(user: Any) -> QuerySet:
    return access.agreements_for(user).order_by("-placement__start_date")


def awaiting_confirmation(user: Any, side: str) -> QuerySet:
    """Agreements whose current version ``side`` has not confirmed yet, with that number."""
    latest = AgreementVersion.objects.filter(agreement=OuterRef("pk")).order_by("-number")
    confirmed = AgreementConfirmation.objects.filter(
        version__agreement=OuterRef("pk"), version__number=OuterRef("current_number"), side=side
    )
    return (
        agreement_list(user)
        .annotate(current_number=Subquery(latest.values("number")[:1]))
        .filter(current_number__isnull=False)
        .exclude(Exists(confirmed))
    )
