"""Reads for the recruitment funnel and carers' capacity: aggregates only.

They cover the regions ``fostering_region_for_figures`` allows: their rows carry dates,
sources, councils and counts, never a name.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db.models import Min, Q, QuerySet
from django.utils import timezone

from fostering import funnel
from fostering.models import ApprovedCarer, Enquiry
from fostering.models.choices import Source, Stage
from fostering.selectors.carers import with_places
from rcc import access
from rcc.models import Region


def figure_regions(user: Any) -> QuerySet[Region]:
    return access.fostering_region_for_figures(user).order_by("name")


def scope_name(user: Any) -> str:
    regions = list(figure_regions(user)[:2])
    return regions[0].name if len(regions) == 1 else "England"


def _first_change(stage: str) -> Min:
    return Min("applicant__trail__changed_at", filter=Q(applicant__trail__to_stage=stage))


def enquiry_rows(regions: QuerySet[Region], since: date) -> list[funnel.EnquiryRow]:
    """One row per enquiry since ``since``: dates from the applicant, else its stage rows."""
    rows = (
        Enquiry.objects.filter(region__in=regions, received_at__date__gte=since)
        .annotate(
            applied_at=_first_change(Stage.APPLICATION),
            stage_1_at=_first_change(Stage.STAGE_1),
            stage_2_at=_first_change(Stage.STAGE_2),
            approved_at=_first_change(Stage.APPROVED),
        )
        .values_list(
            "received_at",
            "source",
            "applicant__initial_visit_on",
            "applicant__application_on",
            "applied_at",
            "stage_1_at",
            "applicant__stage_2_started_on",
            "stage_2_at",
            "approved_at",
            "applicant__stage",
            "applicant__decision_on",
        )
    )
    return [_enquiry_row(*row) for row in rows]


def _day(value: Any) -> date | None:
    return timezone.localdate(value) if isinstance(value, datetime) else value


def _enquiry_row(
    received, source, visit, application, applied_at, stage_1_at, stage_2, stage_2_at,
    approved_at, stage, decision,
) -> funnel.EnquiryRow:  # fmt: skip
    approved = (decision if stage == Stage.APPROVED else None) or _day(approved_at)
    return funnel.EnquiryRow(
        received_on=_day(received),
        source=source,
        initial_visit_on=visit,
        application_on=application or _day(applied_at) or _day(stage_1_at),
        stage_2_on=stage_2 or _day(stage_2_at),
        approved_on=approved,
    )


def carer_rows(regions: QuerySet[Region]) -> list[funnel.CarerRow]:
    carers = with_places(ApprovedCarer.objects.filter(local_authority__region__in=regions))
    rows = carers.values_list(
        "local_authority__name",
        "approved_on",
        "deregistration__left_on",
        "is_active",
        "max_children",
        "current_children",
        "offered",
    )
    return [funnel.CarerRow(*row) for row in rows]


def funnel_figures(
    user: Any, *, today: date, regions: QuerySet[Region] | None = None
) -> funnel.Funnel:
    """The funnel of the regions in scope (or of ``regions``, which must come from the scope)."""
    regions = figure_regions(user) if regions is None else regions
    since = date(today.year - 1, today.month, 1)
    return funnel.funnel(
        enquiry_rows(regions, since),
        carer_rows(regions),
        today=today,
        source_labels=dict(Source.choices),
    )


def funnel_by_region(user: Any, *, today: date) -> list[tuple[Region, funnel.Funnel]]:
    """One funnel for each region in scope (DfE and administrators: every region)."""
    return [
        (
            region,
            funnel_figures(user, today=today, regions=figure_regions(user).filter(pk=region.pk)),
        )
        for region in figure_regions(user)
    ]


def capacity_by_region(user: Any) -> list[tuple[Region, list[funnel.Capacity]]]:
    """Each region in scope with its councils' capacity (no total row)."""
    return [
        (region, funnel.capacity(carer_rows(Region.objects.filter(pk=region.pk)), with_total=False))
        for region in figure_regions(user)
    ]
