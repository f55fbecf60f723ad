"""Reads behind the gap analysis: demand from the region's latest forecast, supply, children
placed away and the new-provision pipeline, handed to the pure ``sufficiency.gaps``.

Every function takes a region the caller was already allowed to see (``region_for``) and
returns counts, never a child. Queries are a fixed number whatever the region's size.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Sum
from django.http import Http404

from fostering.models import ApprovedCarer
from placements.models import Placement
from providers.models import NeedLevel, Setting, Vacancy
from rcc import access
from rcc.models import LocalAuthority, Region
from sufficiency import gaps, measures
from sufficiency.models.forecast import ALL, ForecastRun
from sufficiency.models.provision import ProvisionProject
from sufficiency.selectors import forecast as selectors

NEED_LEVELS = tuple(NeedLevel.values)


def region_for(user: Any) -> Region:
    """The one region whose sufficiency the user works on (analysts and commissioners)."""
    if not access.can(user, access.VIEW_SUFFICIENCY):
        raise Http404
    region = access.regions_for(user).first()
    if region is None:
        raise Http404
    return region


def latest_run(region: Region) -> ForecastRun | None:
    return ForecastRun.objects.filter(region=region).baseline().done().newest_first().first()


@dataclass
class GapAnalysis:
    region: Region
    run: ForecastRun | None
    rows: list[gaps.GapTableRow] = field(default_factory=list)
    needs: list[gaps.NeedRow] = field(default_factory=list)
    pipeline: list[ProvisionProject] = field(default_factory=list)

    @property
    def region_rows(self) -> list[gaps.GapTableRow]:
        return [row for row in self.rows if row.area == gaps.REGION]

    @property
    def council_rows(self) -> list[gaps.GapTableRow]:
        return [row for row in self.rows if row.area != gaps.REGION]


def gap_analysis(region: Region) -> GapAnalysis:
    run = latest_run(region)
    projects = pipeline(region)
    if run is None:
        return GapAnalysis(region, None, pipeline=projects)
    councils = list(_council_names(region))
    placed = placed_children(region)
    planned = [_planned(project, run.as_of) for project in projects]
    rows = gaps.gap_table(
        areas=councils,
        demand=council_demand(run, councils),
        places=selectors.council_places(run),
        vacancies=council_vacancies(region),
        placed=placed,
        pipeline=planned,
    )
    return GapAnalysis(region, run, rows, gaps.need_table(placed, planned, NEED_LEVELS), projects)


def _council_names(region: Region) -> list[str]:
    return list(
        LocalAuthority.objects.filter(region=region).order_by("name").values_list("name", flat=True)
    )


def council_demand(run: ForecastRun, councils: list[str]) -> dict[tuple[str, str, int], float]:
    """(council, category, week) -> expected children now, in 12 and in 24 months."""
    means = {
        key: mean for key, mean in selectors.means_at(run, gaps.HORIZONS).items() if key[0] != ALL
    }
    return gaps.allocate(means, selectors.council_children(run), councils)


def council_vacancies(region: Region) -> dict[str, dict[str, int]]:
    """Council -> open vacancy places by setting type (councils' own fostering as carers)."""
    rows = (
        Vacancy.objects.open()
        .filter(setting__local_authority__region=region, setting__status=Setting.Status.ACTIVE)
        .values("setting__local_authority__name", "setting__setting_type")
        .annotate(places=Sum("places"))
        .order_by()
    )
    vacancies: dict[str, dict[str, int]] = defaultdict(dict)
    for row in rows:
        kind = row["setting__setting_type"]
        kind = gaps.FOSTER_CARERS if kind == "la_fostering" else kind
        council = vacancies[row["setting__local_authority__name"]]
        council[kind] = council.get(kind, 0) + (row["places"] or 0)
    return dict(vacancies)


def placed_children(region: Region) -> list[gaps.PlacedChild]:
    """Children of the region's councils placed now, with where (one query)."""
    rows = (
        Placement.objects.filter(local_authority__region=region, status=Placement.Status.ACTIVE)
        .values_list(
            "local_authority__name",
            "placement_type",
            "need_level",
            "setting__local_authority__region_id",
            "miles_from_home",
        )
        .order_by()
    )
    return [
        gaps.PlacedChild(council, measures.CATEGORY_OF_TYPE[kind], need, where != region.pk, miles)
        for council, kind, need, where, miles in rows
        if kind in measures.CATEGORY_OF_TYPE
    ]


def pipeline(region: Region) -> list[ProvisionProject]:
    """Every project of the region not yet open or cancelled, by expected opening date."""
    return list(
        ProvisionProject.objects.filter(region=region)
        .live()
        .select_related("local_authority")
        .order_by("expected_open_on", "name")
    )


def _planned(project: ProvisionProject, as_of: date) -> gaps.PlannedPlaces:
    weeks = None
    if project.expected_open_on is not None:
        weeks = max(0, (project.expected_open_on - as_of).days // 7)
    return gaps.PlannedPlaces(
        project.local_authority.name,
        project.category,
        project.need_level,
        project.places,
        weeks,
        project.stage,
    )


# Drilling down into one cell -----------------------------------------------------------------
@dataclass
class Cell:
    row: gaps.GapTableRow
    council_rows: list[gaps.GapTableRow]  # the region's cell: its councils' rows
    settings: list[Setting]
    carers: dict[str, int]
    children_now: int  # the council's children in the category on the forecast's day
    region_children_now: int
    projects: list[ProvisionProject]


def cell(analysis: GapAnalysis, *, area: str, category: str) -> Cell:
    """The numbers behind one (council, category) cell, or 404 for one not in the table."""
    found = [r for r in analysis.rows if r.area == area and r.category == category]
    if not found or analysis.run is None:
        raise Http404
    run = analysis.run
    children = selectors.council_children(run)
    in_region = sum(n for (_, c), n in children.items() if c == category)
    kinds = gaps.SETTING_TYPES_OF_CATEGORY[category]
    settings = Setting.objects.in_region(analysis.region.pk).active().filter(setting_type__in=kinds)
    carers = ApprovedCarer.objects.filter(local_authority__region=analysis.region, is_active=True)
    if area != gaps.REGION:
        settings = settings.filter(local_authority__name=area)
        carers = carers.filter(local_authority__name=area)
    projects = [p for p in analysis.pipeline if p.category == category]
    return Cell(
        row=found[0],
        council_rows=[r for r in analysis.council_rows if r.category == category]
        if area == gaps.REGION
        else [],
        settings=list(settings.select_related("provider", "local_authority").order_by("name")),
        carers=carers.aggregate(count=Count("pk"), places=Sum("max_children"))
        if category == "fostering_other"
        else {},
        children_now=in_region if area == gaps.REGION else children.get((area, category), 0),
        region_children_now=in_region,
        projects=[p for p in projects if area in (gaps.REGION, p.local_authority.name)],
    )


def price_ranges(region: Region) -> list[dict[str, Any]]:
    """Quartiles of the agreed weekly prices of the region's current placements, by type and
    need level: the price range the market position statement states."""
    from providers.prices import summarise

    rows = (
        Placement.objects.filter(local_authority__region=region, status=Placement.Status.ACTIVE)
        .exclude(placement_type="la_fostering")
        .values_list("placement_type", "need_level", "agreed_weekly_cost")
        .order_by()
    )
    grouped: dict[tuple[str, str], list] = defaultdict(list)
    for kind, need, cost in rows:
        grouped[(kind, need)].append(cost)
    ranges = []
    for (kind, need), prices in sorted(grouped.items()):
        summary = summarise(prices)
        if summary is not None:
            ranges.append(
                {
                    "placement_type": kind,
                    "need_level": need,
                    "count": summary.count,
                    "lower_quartile": str(summary.lower_quartile),
                    "median": str(summary.median),
                    "upper_quartile": str(summary.upper_quartile),
                }
            )
    return ranges
