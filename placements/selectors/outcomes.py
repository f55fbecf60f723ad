"""The rows behind the outcomes page, read from rcc.access scopes in three queries.

A commissioner's scopes hold their region, council staff's their own council, so the same
code gives a region's figures and a council's own. Rows are plain tuples (``values_list``),
never model instances: the region's whole history is read, not a page of it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import (
    BooleanField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from placements import outcomes
from placements.models import Offer, Placement, Referral, ReferralStatusChange
from rcc import access


def scope_name(user: Any) -> str:
    """Whose figures these are: the acting council's name, else the region's."""
    membership = access.acting_membership(user)
    if membership is None:
        return ""
    if membership.local_authority_id:
        return membership.local_authority.name
    return membership.region.name if membership.region_id else "England"


def region_outcomes(user: Any) -> outcomes.Outcomes:
    return outcomes.outcomes(
        placement_rows(user),
        distribution_rows(user),
        decline_reasons(user),
        today=timezone.localdate(),
        everyone=f"All of {scope_name(user)}",
    )


def placement_rows(user: Any) -> list[outcomes.PlacementRow]:
    """Placements that started (active or ended), with the day their referral was first
    submitted: the trail keeps it, where ``submitted_at`` moves on if a returned referral is
    submitted again."""
    first_submitted = (
        ReferralStatusChange.objects.filter(
            referral_id=OuterRef("referral_id"), to_status=Referral.Status.AWAITING_APPROVAL
        )
        .order_by("changed_at", "id")
        .values("changed_at")[:1]
    )
    submitted = Coalesce(Subquery(first_submitted), F("referral__submitted_at"))
    rows = (
        access.placements_for(user)
        .filter(status__in=[Placement.Status.ACTIVE, Placement.Status.ENDED])
        .annotate(
            submitted_on=TruncDate(submitted),
            outside=ExpressionWrapper(
                ~Q(setting__local_authority_id=F("local_authority_id")),
                output_field=BooleanField(),
            ),
        )
        .values_list(
            "local_authority__name",
            "start_date",
            "end_date",
            "submitted_on",
            "miles_from_home",
            "outside",
            "unplanned_ending",
            "route",
            "agreed_weekly_cost",
        )
        .order_by()
    )
    return [outcomes.PlacementRow(*row) for row in rows]


def distribution_rows(user: Any) -> list[outcomes.DistributionRow]:
    waited = ExpressionWrapper(F("responded_at") - F("sent_at"), output_field=DurationField())
    rows = (
        access.distributions_for(user)
        .annotate(waited=waited)
        .values_list("provider__name", "waited")
        .order_by()
    )
    return [outcomes.DistributionRow(*row) for row in rows]


def decline_reasons(user: Any) -> list[str]:
    declined = access.offers_for(user).filter(status=Offer.Status.DECLINED)
    reasons = declined.exclude(decline_reason="").values_list("decline_reason", flat=True)
    return list(reasons.order_by())
