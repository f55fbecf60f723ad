"""The region's headline sufficiency measures over time, from its placements. Pure: no Django.

At each date (the end of a quarter) the placements active that day are counted:
- *within 20 miles*: miles from home known and at most 20, as a share of those with a distance;
- *outside the region*: the setting is in a council of another region, as a share of all;
- *family-based*: fostering (independent agencies and councils' own carers);
- *residential*: children's homes, secure children's homes and residential schools;
- *average weekly cost*: the mean agreed weekly cost of the active placements of each category.
Shares are percentages to one decimal place (None with nothing to divide by); money to pence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

NEAR_MILES = 20
PENCE = Decimal("0.01")
FAMILY_BASED = ("ifa", "la_fostering")
RESIDENTIAL = ("childrens_home", "secure", "residential_school")
CATEGORY_OF_TYPE = {
    "childrens_home": "residential",
    "secure": "residential",
    "residential_school": "residential",
    "ifa": "fostering_other",
    "la_fostering": "fostering_other",
    "supported": "supported",
}
COST_CATEGORIES = ("fostering_other", "residential", "supported")


@dataclass(frozen=True)
class PlacementFact:
    start_date: date
    end_date: date | None
    placement_type: str  # a setting type
    miles_from_home: float | None
    outside_region: bool
    agreed_weekly_cost: Decimal

    def is_active_on(self, day: date) -> bool:
        return self.start_date <= day and (self.end_date is None or self.end_date > day)


@dataclass(frozen=True)
class MeasureRow:
    on: date
    placed: int
    within_20_miles: float | None  # percent of those with a known distance
    outside_region: float | None  # percent of all placed
    family_based: float | None
    residential: float | None
    weekly_cost: dict[str, Decimal | None] = field(default_factory=dict)  # category -> mean


def quarter_ends(today: date, count: int = 8) -> list[date]:
    """The last ``count`` quarter ends on or before ``today``, oldest first."""
    ends: list[date] = []
    year, month = today.year, ((today.month - 1) // 3) * 3  # the quarter before this one ends
    while len(ends) < count:
        if month == 0:
            year, month = year - 1, 12
        ends.append(_month_end(year, month))
        month -= 3
    return sorted(ends)


def _month_end(year: int, month: int) -> date:
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def measures(facts: Sequence[PlacementFact], dates: Iterable[date]) -> list[MeasureRow]:
    return [measure_on(facts, day) for day in dates]


def measure_on(facts: Sequence[PlacementFact], day: date) -> MeasureRow:
    active = [f for f in facts if f.is_active_on(day)]
    known = [f.miles_from_home for f in active if f.miles_from_home is not None]
    costs: dict[str, Decimal | None] = {}
    for category in COST_CATEGORIES:
        paid = [
            f.agreed_weekly_cost
            for f in active
            if CATEGORY_OF_TYPE.get(f.placement_type) == category
        ]
        costs[category] = (
            (sum(paid, Decimal(0)) / len(paid)).quantize(PENCE, ROUND_HALF_UP) if paid else None
        )
    return MeasureRow(
        on=day,
        placed=len(active),
        within_20_miles=_percent(sum(1 for m in known if m <= NEAR_MILES), len(known)),
        outside_region=_percent(sum(1 for f in active if f.outside_region), len(active)),
        family_based=_percent(
            sum(1 for f in active if f.placement_type in FAMILY_BASED), len(active)
        ),
        residential=_percent(
            sum(1 for f in active if f.placement_type in RESIDENTIAL), len(active)
        ),
        weekly_cost=costs,
    )


def _percent(part: int, whole: int) -> float | None:
    if not whole:
        return None
    return float((Decimal(part) * 100 / whole).quantize(Decimal("0.1"), ROUND_HALF_UP))
