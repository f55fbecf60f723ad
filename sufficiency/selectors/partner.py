"""Reads for partners' datasets, each starting from ``rcc.access.partner_datasets_for``.

Everything here is an aggregate: quarterly figures by council and measure, totals for the
region, and the number of children in care at each quarter's end. No child is ever listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404

from rcc import access
from rcc.models import Region
from sufficiency.models.partner import PartnerFigure
from sufficiency.partner_data import KINDS, Kind, quarter_end, quarter_label
from sufficiency.selectors.inputs import children_in_care_on


@dataclass
class QuarterFigures:
    """One quarter of a kind of dataset for a region, beside the children in care then."""

    quarter: str
    totals: dict[str, int] = field(default_factory=dict)  # measure -> sum of the known values
    suppressed: dict[str, int] = field(default_factory=dict)  # measure -> councils suppressed
    children_in_care: int = 0

    @property
    def label(self) -> str:
        return quarter_label(self.quarter)

    @property
    def end(self) -> date:
        return quarter_end(self.quarter)


def datasets(user: Any) -> QuerySet:
    return access.partner_datasets_for(user)


def figures_of(dataset: Any) -> QuerySet:
    """The figures of a dataset the caller already holds through ``get_dataset_for_user``."""
    return PartnerFigure.objects.filter(dataset=dataset).select_related("local_authority")


def get_kind(slug: str) -> Kind:
    if slug not in KINDS:
        raise Http404
    return KINDS[slug]


def chart_regions(user: Any) -> QuerySet[Region]:
    """Regions whose partner figures the user may chart: their own (admins: every region)."""
    if not access.can(user, access.VIEW_PARTNER_DATA):
        return Region.objects.none()
    return access.regions_for(user).order_by("name")


def get_chart_region(user: Any, slug: str | None) -> Region:
    regions = chart_regions(user)
    region = regions.filter(slug=slug).first() if slug else regions.first()
    if region is None:
        raise Http404
    return region


def quarterly_figures(user: Any, region: Region, kind: Kind) -> list[QuarterFigures]:
    """Each quarter the region's partners have sent figures of ``kind`` for, oldest first."""
    in_scope = datasets(user).filter(region=region, kind=kind.slug).values("pk")
    sums = (
        PartnerFigure.objects.filter(dataset__in=in_scope)
        .values("quarter", "measure")
        .annotate(total=Sum("value"), suppressed=Count("pk", filter=Q(value__isnull=True)))
        .order_by("quarter", "measure")
    )
    quarters: dict[str, QuarterFigures] = {}
    for row in sums:
        figures = quarters.setdefault(row["quarter"], QuarterFigures(row["quarter"]))
        figures.totals[row["measure"]] = row["total"] or 0
        figures.suppressed[row["measure"]] = row["suppressed"]
    counts = children_in_care_on([region.pk], [q.end for q in quarters.values()])
    for figures in quarters.values():
        figures.children_in_care = counts[figures.end]
    return list(quarters.values())
