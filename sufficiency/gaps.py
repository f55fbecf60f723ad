"""Demand against current supply, per placement category: the region's sufficiency gap.

Pure: takes the forecast means at 12 months and counted places, returns plain rows. No Django.

Supply of each category:
- residential: registered places of the region's active children's homes;
- supported: registered places of its active supported accommodation;
- fostering (other carers): places of the councils' active approved foster carers (their
  ``max_children``) plus registered places of active independent fostering agencies.

Family and friends fostering is left out on purpose: those carers are approved for a named
child, so they are not places the region can commission. Placed with parents, adoption and
"other" have no supply to count. Places are capacity, not vacancies: a positive gap means the
forecast needs more places than the region has in total, whoever fills them today.

By council: ``allocate`` shares the region's forecast out by each council's current share of
the region's children in each category (not a model per council), and ``council_gaps`` sets
each council's share against the places in that council, by the same rules.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

from sufficiency.forecasting.states import CATEGORIES

GAP_WEEK = 52  # demand at 12 months
COUNCIL_WEEKS = (52, 104)  # the forecast page's council table: 12 and 24 months
SETTING_TYPES_OF_CATEGORY = {
    "fostering_other": ("ifa",),
    "residential": ("childrens_home",),
    "supported": ("supported",),
}
FOSTER_CARERS = "foster_carers"  # the key of the carers' places in a supply mapping
Means = Mapping[tuple[str, int], float]  # (category, week) -> forecast mean children
Children = Mapping[tuple[str, str], int]  # (council, category) -> children in care now


@dataclass(frozen=True)
class GapRow:
    category: str
    demand: float  # forecast mean children at 12 months
    supply: int  # places counted for the category
    gap: float  # demand - supply: positive means too few places

    @property
    def is_shortfall(self) -> bool:
        return self.gap > 0


def supply_by_category(places: Mapping[str, int]) -> dict[str, int]:
    """Places per category from places per setting type (and ``FOSTER_CARERS``)."""
    supply = {
        category: sum(places.get(kind, 0) for kind in kinds)
        for category, kinds in SETTING_TYPES_OF_CATEGORY.items()
    }
    supply["fostering_other"] += places.get(FOSTER_CARERS, 0)
    return supply


def demand_at(means: Means, week: int) -> dict[str, float]:
    """Category -> the forecast mean in ``week``."""
    return {category: mean for (category, at), mean in means.items() if at == week}


def gaps(demand: Mapping[str, float], places: Mapping[str, int]) -> list[GapRow]:
    """One row per category with supply, in the forecast's category order."""
    supply = supply_by_category(places)
    return [
        GapRow(category, demand.get(category, 0.0), count, demand.get(category, 0.0) - count)
        for category, count in supply.items()
    ]


# By council ----------------------------------------------------------------------------------
# The region's forecast shared out to its councils, and each council's demand against the
# places in it. No model per council: each council gets its current share of the region's
# children in each category.


def allocate(
    means: Means, children: Children, councils: Sequence[str]
) -> dict[tuple[str, str, int], float]:
    """(council, category, week) -> expected children, from the region's (category, week)
    means and each council's children in care now by category (``children``).

    A council's share of a category is its share of the region's children in that category
    now; a category with no children region-wide is split by councils' shares of all children
    now, and with no children at all, equally.
    """
    if not councils:
        return {}
    totals = {council: 0 for council in councils}
    by_category: dict[str, int] = {}
    for (council, category), count in children.items():
        if council in totals:
            totals[council] += count
            by_category[category] = by_category.get(category, 0) + count
    everyone = sum(totals.values())
    allocated: dict[tuple[str, str, int], float] = {}
    for (category, week), mean in means.items():
        in_category = by_category.get(category, 0)
        for council in councils:
            if in_category:
                share = children.get((council, category), 0) / in_category
            elif everyone:
                share = totals[council] / everyone
            else:
                share = 1 / len(councils)
            allocated[(council, category, week)] = mean * share
    return allocated


def _at(means: Means, weeks: Collection[int]) -> dict[tuple[str, int], float]:
    return {key: mean for key, mean in means.items() if key[1] in weeks}


@dataclass(frozen=True)
class CouncilDemandRow:
    council: str
    gss_code: str
    category: str
    after_12_months: float
    after_24_months: float


def council_demand(
    councils: Mapping[str, str], means: Means, children: Children
) -> list[CouncilDemandRow]:
    """Expected children per council (name -> GSS code, in order) and category at 12 and 24
    months: the region's forecast allocated by each council's current share."""
    allocated = allocate(_at(means, COUNCIL_WEEKS), children, list(councils))
    found = {category for _, category, _ in allocated}
    categories = [c for c in CATEGORIES if c in found] + sorted(found - set(CATEGORIES))
    twelve, twenty_four = COUNCIL_WEEKS
    return [
        CouncilDemandRow(
            council,
            gss_code,
            category,
            allocated.get((council, category, twelve), 0.0),
            allocated.get((council, category, twenty_four), 0.0),
        )
        for council, gss_code in councils.items()
        for category in categories
    ]


def council_demand_at(
    councils: Sequence[str], means: Means, children: Children, week: int = GAP_WEEK
) -> dict[str, dict[str, float]]:
    """Council -> category -> its share of the forecast mean in ``week`` (every council)."""
    demand: dict[str, dict[str, float]] = {council: {} for council in councils}
    for (council, category, _), mean in allocate(_at(means, (week,)), children, councils).items():
        demand[council][category] = mean
    return demand


@dataclass(frozen=True)
class CouncilGapRow:
    council: str
    category: str
    demand: float  # the council's share of the forecast mean at 12 months
    supply: int  # places in the council for the category
    gap: float

    @property
    def is_shortfall(self) -> bool:
        return self.gap > 0


def council_gaps(
    demand: Mapping[str, Mapping[str, float]], places: Mapping[str, Mapping[str, int]]
) -> list[CouncilGapRow]:
    """One row per council (in ``demand``'s order) and category with supply: the same rules as
    the region's ``gaps``, applied to each council's demand and the places in that council."""
    return [
        CouncilGapRow(council, row.category, row.demand, row.supply, row.gap)
        for council, council_demand in demand.items()
        for row in gaps(council_demand, places.get(council, {}))
    ]


# The gap table of the sufficiency strategy ---------------------------------------------------
# Demand, supply and the new-provision pipeline in; one row per council and category (and a row
# per category for the whole region) out. Every figure of a row can be checked by hand from the
# inputs: nothing is estimated here beyond what the forecast and its allocation already did.

REGION = "All councils"  # the area of the region's total rows
HORIZONS = (0, 52, 104)  # now, 12 and 24 months (weeks from the forecast's as-of date)
NEAR_MILES = 20
STEADY = 1.0  # a change of the gap within one place either way is "steady"
COMMITTED_STAGES = ("approved", "building", "registering")  # planned places counted in gaps


@dataclass(frozen=True)
class PlacedChild:
    """One child placed now (an active placement), for the counts beside supply."""

    area: str  # the child's council
    category: str
    need_level: str
    outside_region: bool  # the setting is in a council of another region
    miles: float | None  # from home; None when unknown


@dataclass(frozen=True)
class PlannedPlaces:
    """A new-provision project's places, where and when they are expected to open."""

    area: str  # the council the setting will be in
    category: str
    need_level: str
    places: int
    opens_week: int | None  # weeks from the forecast's as-of date; None: no date yet
    stage: str

    @property
    def is_committed(self) -> bool:
        return self.stage in COMMITTED_STAGES and self.opens_week is not None


@dataclass(frozen=True)
class GapTableRow:
    area: str
    category: str
    demand_now: float
    demand_12: float
    demand_24: float
    places: int  # capacity counted for the category (see ``supply_by_category``)
    vacancies: int  # open vacancy places reported now
    placed_outside_region: int
    placed_over_20_miles: int
    planned_12: int  # committed places expected open within 12 months
    planned_24: int  # ... within 24 months
    gap_now: float  # demand now - places
    gap_12: float  # demand at 12 months - places - planned within 12 months
    gap_24: float  # demand at 24 months - places - planned within 24 months

    @property
    def trend(self) -> str:
        """From now to 24 months: does the region fall further short of places (worsening),
        come closer to enough (improving), or stay within a place of where it is (steady)?"""
        change = self.gap_24 - self.gap_now
        if change > STEADY:
            return "worsening"
        if change < -STEADY:
            return "improving"
        return "steady"

    @property
    def is_shortfall(self) -> bool:
        return self.gap_12 > 0


def planned_by(pipeline: Sequence[PlannedPlaces], week: int) -> dict[tuple[str, str], int]:
    """(area, category) -> committed places expected open on or before ``week``."""
    planned: dict[tuple[str, str], int] = {}
    for entry in pipeline:
        if entry.is_committed and entry.opens_week is not None and entry.opens_week <= week:
            key = (entry.area, entry.category)
            planned[key] = planned.get(key, 0) + entry.places
    return planned


def _placed_counts(placed: Sequence[PlacedChild]) -> dict[tuple[str, str], tuple[int, int]]:
    counts: dict[tuple[str, str], tuple[int, int]] = {}
    for child in placed:
        outside, far = counts.get((child.area, child.category), (0, 0))
        is_far = child.miles is not None and child.miles > NEAR_MILES
        counts[(child.area, child.category)] = (outside + child.outside_region, far + is_far)
    return counts


def gap_table(
    *,
    areas: Sequence[str],
    demand: Mapping[tuple[str, str, int], float],
    places: Mapping[str, Mapping[str, int]],
    vacancies: Mapping[str, Mapping[str, int]],
    placed: Sequence[PlacedChild],
    pipeline: Sequence[PlannedPlaces],
) -> list[GapTableRow]:
    """One row per area (in ``areas``' order) and category with supply, then the region's rows.

    ``demand``: (area, category, week) -> expected children at the weeks of ``HORIZONS``;
    ``places`` and ``vacancies``: area -> places keyed by setting type (and ``FOSTER_CARERS``
    for places); ``placed``: children placed now; ``pipeline``: new-provision projects.
    """
    supply = {area: supply_by_category(places.get(area, {})) for area in areas}
    free = {area: supply_by_category(vacancies.get(area, {})) for area in areas}
    away = _placed_counts(placed)
    planned_12, planned_24 = planned_by(pipeline, HORIZONS[1]), planned_by(pipeline, HORIZONS[2])
    rows = []
    for area in areas:
        for category, count in supply[area].items():
            key = (area, category)
            now, at_12, at_24 = (demand.get((area, category, week), 0.0) for week in HORIZONS)
            p12, p24 = planned_12.get(key, 0), planned_24.get(key, 0)
            rows.append(
                GapTableRow(
                    area, category, now, at_12, at_24, count, free[area][category],
                    *away.get(key, (0, 0)), p12, p24,
                    now - count, at_12 - count - p12, at_24 - count - p24,
                )
            )  # fmt: skip
    return rows + region_rows(rows)


def region_rows(rows: Sequence[GapTableRow]) -> list[GapTableRow]:
    """The region's row of each category: the sum of its councils' rows."""
    totals: dict[str, list[float]] = {}
    for row in rows:
        figures = [getattr(row, name) for name in _SUMMED]
        current = totals.setdefault(row.category, [0] * len(_SUMMED))
        totals[row.category] = [a + b for a, b in zip(current, figures, strict=True)]
    return [GapTableRow(REGION, category, *figures) for category, figures in totals.items()]


_SUMMED = (
    "demand_now", "demand_12", "demand_24", "places", "vacancies", "placed_outside_region",
    "placed_over_20_miles", "planned_12", "planned_24", "gap_now", "gap_12", "gap_24",
)  # fmt: skip


@dataclass(frozen=True)
class NeedRow:
    category: str
    need_level: str
    placed: int
    placed_outside_region: int
    placed_over_20_miles: int
    planned: int  # committed places of projects for this need level (any opening date)
    proposed: int  # places of ideas and business cases


def need_table(
    placed: Sequence[PlacedChild], pipeline: Sequence[PlannedPlaces], need_levels: Sequence[str]
) -> list[NeedRow]:
    """Per category with supply and need level: children placed now and places in the pipeline.

    Settings do not record a need level, so places are not split by need: this table says
    where children of each need level are placed and what is being built for them."""
    rows = []
    for category in SETTING_TYPES_OF_CATEGORY:
        for level in need_levels:
            here = [c for c in placed if c.category == category and c.need_level == level]
            plans = [p for p in pipeline if p.category == category and p.need_level == level]
            rows.append(
                NeedRow(
                    category,
                    level,
                    len(here),
                    sum(c.outside_region for c in here),
                    sum(1 for c in here if c.miles is not None and c.miles > NEAR_MILES),
                    sum(p.places for p in plans if p.stage in COMMITTED_STAGES),
                    sum(p.places for p in plans if p.stage in PROPOSED_STAGES),
                )
            )
    return rows


PROPOSED_STAGES = ("idea", "business_case")


def analyse(
    *,
    councils: Sequence[str],
    means: Means,
    children: Children,
    places: Mapping[str, Mapping[str, int]],
    vacancies: Mapping[str, Mapping[str, int]],
    placed: Sequence[PlacedChild],
    pipeline: Sequence[PlannedPlaces],
    need_levels: Sequence[str],
) -> tuple[list[GapTableRow], list[NeedRow]]:
    """The gap table and the need-level table: the forecast ``means`` allocated to
    ``councils`` by their ``children`` in care now, against their places and pipeline."""
    demand = allocate(_at(means, HORIZONS), children, councils)
    table = gap_table(
        areas=councils,
        demand=demand,
        places=places,
        vacancies=vacancies,
        placed=placed,
        pipeline=pipeline,
    )
    return table, need_table(placed, pipeline, need_levels)
