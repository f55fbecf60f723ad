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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

GAP_WEEK = 52  # demand at 12 months
SETTING_TYPES_OF_CATEGORY = {
    "fostering_other": ("ifa",),
    "residential": ("childrens_home",),
    "supported": ("supported",),
}
FOSTER_CARERS = "foster_carers"  # the key of the carers' places in a supply mapping


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
    means: Mapping[tuple[str, int], float],
    children: Mapping[tuple[str, str], int],
    councils: Sequence[str],
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
