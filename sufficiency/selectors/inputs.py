"""The one loader of sufficiency's inputs: read once, then handed on as plain data.

The forecast, the run page's costs and council tables, the gap analysis and the strategy's
frozen figures all start here. Each read is its own function, named for the data it reads
(and so for the app whose selectors it will belong to): care episodes and the stock of
children in care and placed now (placements), supply (providers' settings and vacancies,
fostering's carers), and planned provision (this app's projects). What comes out is dicts,
lists and frozen rows: the pure modules (``forecasting``, ``gaps``, ``costs``) are never
handed a queryset.

Every function takes regions the caller was already allowed to see and returns counts, never
a child. Queries are a fixed number whatever the regions' size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from fostering.models import ApprovedCarer
from placements.models import CareEpisode, Placement
from providers.models import Setting, Vacancy
from rcc.models import LocalAuthority, Region
from sufficiency import costs, gaps, measures
from sufficiency import forecasting as fc
from sufficiency.forecasting.states import category_for_place
from sufficiency.models.forecast import ALL, ForecastRun
from sufficiency.models.provision import ProvisionProject

WEEKS = tuple(sorted({*gaps.HORIZONS, *costs.HORIZON_WEEKS}))  # every week a table reads

Places = dict[str, dict[str, int]]  # council name -> setting type (or FOSTER_CARERS) -> places


# Placements' data: episodes, the stock of children in care, children placed now -------------
def episodes_for_regions(region_ids: Collection[int]) -> list[fc.Episode]:
    """Every care episode of the regions' councils' children: the forecast's history."""
    rows = CareEpisode.objects.filter(child__local_authority__region_id__in=region_ids).values_list(
        "child_id", "child__date_of_birth", "start_date", "end_date", "placement_type"
    )
    return [fc.Episode(*row) for row in rows.iterator(chunk_size=5000)]


def stock_for_regions(region_ids: Collection[int], *, on: date) -> dict[tuple[str, str], int]:
    """(council name, category) -> children in care on ``on``, from one query of open
    episodes grouped by council and 903 PLACE code."""
    rows = (
        CareEpisode.objects.filter(
            child__local_authority__region_id__in=region_ids, start_date__lte=on
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=on))
        .values("child__local_authority__name", "placement_type")
        .annotate(children=Count("child", distinct=True))
        .order_by()
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        key = (row["child__local_authority__name"], category_for_place(row["placement_type"]))
        counts[key] += row["children"]
    return dict(counts)


def children_in_care_on(region_ids: Collection[int], dates: list[date]) -> dict[date, int]:
    """Children of the regions' councils in care on each date, in one aggregate query.

    An episode counts on a day from its start up to, not including, the day it ended
    (the 903's convention: a child whose care ended that day is no longer looked after).
    """
    if not dates:
        return {}
    counts = CareEpisode.objects.filter(child__local_authority__region_id__in=region_ids).aggregate(
        **{f"on_{day:%Y%m%d}": _open_on(day) for day in dates}
    )
    return {day: counts[f"on_{day:%Y%m%d}"] for day in dates}


def _open_on(day: date) -> Count:
    open_then = Q(start_date__lte=day) & (Q(end_date__isnull=True) | Q(end_date__gt=day))
    return Count("child", filter=open_then, distinct=True)


def agreed_costs_for_regions(region_ids: Collection[int]) -> dict[str, list[Decimal]]:
    """The agreed weekly costs of the regions' current placements, grouped by the forecast
    category their placement type prices (``costs.PLACEMENT_TYPE_OF_CATEGORY``; one query)."""
    category_of = {kind: c for c, kind in costs.PLACEMENT_TYPE_OF_CATEGORY.items()}
    rows = (
        Placement.objects.filter(local_authority__region_id__in=region_ids, end_date__isnull=True)
        .values_list("placement_type", "agreed_weekly_cost")
        .order_by()
    )
    result: dict[str, list[Decimal]] = defaultdict(list)
    for kind, cost in rows:
        if kind in category_of:
            result[category_of[kind]].append(cost)
    return dict(result)


def placed_for_regions(region_ids: Collection[int]) -> list[gaps.PlacedChild]:
    """Children of the regions' councils placed now, with where (one query)."""
    rows = (
        Placement.objects.filter(
            local_authority__region_id__in=region_ids, status=Placement.Status.ACTIVE
        )
        .values_list(
            "local_authority__name",
            "placement_type",
            "need_level",
            "local_authority__region_id",
            "setting__local_authority__region_id",
            "miles_from_home",
        )
        .order_by()
    )
    return [
        gaps.PlacedChild(council, measures.CATEGORY_OF_TYPE[kind], need, where != home, miles)
        for council, kind, need, home, where, miles in rows
        if kind in measures.CATEGORY_OF_TYPE
    ]


def placement_facts_for_regions(region_ids: Collection[int]) -> list[measures.PlacementFact]:
    """Every placement of the regions' councils that started (one query, plain rows)."""
    rows = (
        Placement.objects.filter(
            local_authority__region_id__in=region_ids,
            status__in=[Placement.Status.ACTIVE, Placement.Status.ENDED],
        )
        .values_list(
            "start_date",
            "end_date",
            "placement_type",
            "miles_from_home",
            "local_authority__region_id",
            "setting__local_authority__region_id",
            "agreed_weekly_cost",
        )
        .order_by()
    )
    return [
        measures.PlacementFact(start, end, kind, miles, where != home, cost)
        for start, end, kind, miles, home, where, cost in rows
    ]


def placement_prices_for_regions(region_ids: Collection[int]) -> list[tuple[str, str, Decimal]]:
    """(placement type, need level, agreed weekly price) of each current placement of the
    regions' councils, councils' own fostering left out (it has no market price)."""
    return list(
        Placement.objects.filter(
            local_authority__region_id__in=region_ids, status=Placement.Status.ACTIVE
        )
        .exclude(placement_type="la_fostering")
        .values_list("placement_type", "need_level", "agreed_weekly_cost")
        .order_by()
    )


# Supply: providers' settings and vacancies, fostering's carers -------------------------------
@dataclass(frozen=True)
class Supply:
    """Places and open vacancies in the regions' councils, by the council they are in.

    Keys are setting types, and ``gaps.FOSTER_CARERS`` for the councils' active approved foster
    carers (their places are their ``max_children``; their vacancies are open vacancies of
    councils' own fostering)."""

    places: Places = field(default_factory=dict)
    vacancies: Places = field(default_factory=dict)
    carers: dict[str, int] = field(default_factory=dict)  # council -> active approved carers

    def region_places(self) -> dict[str, int]:
        """Places of every council together, keyed as ``places``."""
        total: dict[str, int] = {}
        for council in self.places.values():
            for kind, count in council.items():
                total[kind] = total.get(kind, 0) + count
        return total


def supply_for_regions(region_ids: Collection[int]) -> Supply:
    """Registered places of active settings, places and number of active approved foster
    carers, and open vacancy places of active settings: three queries."""
    places: Places = defaultdict(dict)
    settings = (
        Setting.objects.filter(local_authority__region_id__in=region_ids)
        .active()
        .values("local_authority__name", "setting_type")
        .annotate(places=Sum("registered_places"))
        .order_by()
    )
    for row in settings:
        _add(places, row["local_authority__name"], row["setting_type"], row["places"])
    carers = (
        ApprovedCarer.objects.filter(local_authority__region_id__in=region_ids, is_active=True)
        .values("local_authority__name")
        .annotate(places=Sum("max_children"), carers=Count("pk"))
        .order_by()
    )
    counts = {}
    for row in carers:
        _add(places, row["local_authority__name"], gaps.FOSTER_CARERS, row["places"])
        counts[row["local_authority__name"]] = row["carers"]
    return Supply(dict(places), _vacancies(region_ids), counts)


def _vacancies(region_ids: Collection[int]) -> Places:
    rows = (
        Vacancy.objects.open()
        .filter(
            setting__local_authority__region_id__in=region_ids,
            setting__status=Setting.Status.ACTIVE,
        )
        .values("setting__local_authority__name", "setting__setting_type")
        .annotate(places=Sum("places"))
        .order_by()
    )
    vacancies: Places = defaultdict(dict)
    for row in rows:
        kind = row["setting__setting_type"]
        kind = gaps.FOSTER_CARERS if kind == "la_fostering" else kind
        _add(vacancies, row["setting__local_authority__name"], kind, row["places"])
    return dict(vacancies)


def _add(places: Places, council: str, kind: str, count: int | None) -> None:
    places[council][kind] = places[council].get(kind, 0) + (count or 0)


# This app's data: councils, forecast means, planned provision --------------------------------
def councils_for_regions(region_ids: Collection[int]) -> dict[str, str]:
    """Name -> GSS code of the regions' councils, by name."""
    return dict(
        LocalAuthority.objects.filter(region_id__in=region_ids)
        .order_by("name")
        .values_list("name", "gss_code")
    )


def forecast_means(run: ForecastRun, weeks: Collection[int]) -> dict[tuple[str, int], float]:
    """(category, week) -> the run's projected mean children at ``weeks``, every age together
    (the total of all categories left out)."""
    rows = (
        run.figures.filter(age_band=ALL, week__in=weeks)
        .exclude(category=ALL)
        .values_list("category", "week", "mean")
    )
    return {(category, week): mean for category, week, mean in rows}


def forecast_ranges(
    run: ForecastRun, weeks: Collection[int]
) -> dict[tuple[str, int], tuple[float, float]]:
    """(category, week) -> the run's 80% interval of children at ``weeks``, every age."""
    rows = (
        run.figures.filter(age_band=ALL, week__in=weeks)
        .exclude(category=ALL)
        .values_list("category", "week", "lower80", "upper80")
    )
    return {(category, week): (lower, upper) for category, week, lower, upper in rows}


def planned_provision(region_ids: Collection[int]) -> list[ProvisionProject]:
    """Every project of the regions not yet open or cancelled, by expected opening date."""
    return list(
        ProvisionProject.objects.filter(region_id__in=region_ids)
        .live()
        .select_related("local_authority")
        .order_by("expected_open_on", "name")
    )


def planned_places(project: ProvisionProject, as_of: date) -> gaps.PlannedPlaces:
    """A project's places, opening so many weeks after ``as_of`` (None: no date yet)."""
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


# Everything at once --------------------------------------------------------------------------
@dataclass(frozen=True)
class Inputs:
    """What a region's sufficiency figures are computed from, as of a forecast run's day."""

    councils: dict[str, str] = field(default_factory=dict)  # name -> GSS code, by name
    means: dict[tuple[str, int], float] = field(default_factory=dict)  # at ``WEEKS``
    ranges: dict[tuple[str, int], tuple[float, float]] = field(default_factory=dict)  # 80%
    children: dict[tuple[str, str], int] = field(default_factory=dict)  # on the run's day
    supply: Supply = field(default_factory=Supply)
    placed: list[gaps.PlacedChild] = field(default_factory=list)
    projects: list[ProvisionProject] = field(default_factory=list)  # for the pages' tables
    planned: list[gaps.PlannedPlaces] = field(default_factory=list)  # the projects' places


def load(region: Region, run: ForecastRun | None) -> Inputs:
    """Every input of ``region``'s figures; with no forecast run, only its planned provision."""
    ids = [region.pk]
    projects = planned_provision(ids)
    if run is None:
        return Inputs(projects=projects)
    return Inputs(
        councils=councils_for_regions(ids),
        means=forecast_means(run, WEEKS),
        ranges=forecast_ranges(run, WEEKS),
        children=stock_for_regions(ids, on=run.as_of),
        supply=supply_for_regions(ids),
        placed=placed_for_regions(ids),
        projects=projects,
        planned=[planned_places(project, run.as_of) for project in projects],
    )
