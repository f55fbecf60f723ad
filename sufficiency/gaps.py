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
"""

from __future__ import annotations

from collections.abc import Mapping
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
