"""Projected weekly cost of the forecast, by placement category, at the region's own prices.

Pure: takes plain forecast means and price observations, returns plain rows. No Django here.

Cost = projected mean children x the region's median agreed weekly price of the placement type
that serves the category: the median of core-need prices, or of every need level when the
region has no core price of that type. Medians come from ``providers.prices`` (inclusive
quartiles, rounded to pence), so they match the price transparency page.

Simplification, on purpose: "fostering: other carers" is priced at independent fostering
agency (IFA) prices, though many of those children live with the councils' own carers, who
cost less. The figure is therefore an upper estimate for fostering. Family and friends
fostering, placed with parents, adoption and "other" have no market price and are shown as
not priced (and left out of the total).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from providers.prices import PriceObservation, summarise
from sufficiency.forecasting.states import CATEGORIES

CORE = "core"
TOTAL = "all"
HORIZON_WEEKS = (26, 52, 104)  # 6, 12 and 24 months
PLACEMENT_TYPE_OF_CATEGORY = {
    "fostering_other": "ifa",
    "residential": "childrens_home",
    "supported": "supported",
}
PENCE = Decimal("0.01")


@dataclass(frozen=True)
class CostRow:
    category: str  # a forecast category, or "all" for the total of the priced ones
    week: int
    children: float  # projected mean children in care in that week
    placement_type: str | None  # None: no market price for this category
    weekly_price: Decimal | None  # the region's median price; None when not priced
    weekly_cost: Decimal | None  # children x price, to the penny; None when not priced
    # The 80% interval of the children x price (the total: the categories' bounds added up,
    # so wider than the total's own interval); None when not priced or not known
    cost_lower80: Decimal | None = None
    cost_upper80: Decimal | None = None

    @property
    def is_priced(self) -> bool:
        return self.weekly_cost is not None


def median_prices(observations: Iterable[PriceObservation]) -> dict[str, Decimal]:
    """Per placement type: the median core-need price, else the median of every need level."""
    by_type: dict[str, list[PriceObservation]] = defaultdict(list)
    for observation in observations:
        by_type[observation.placement_type].append(observation)
    return {kind: _median(group) for kind, group in by_type.items()}


def _median(group: list[PriceObservation]) -> Decimal:
    core = [o.weekly_price for o in group if o.need_level == CORE]
    summary = summarise(core or [o.weekly_price for o in group])
    assert summary is not None  # the group is never empty
    return summary.median


def projected_costs(
    means: Mapping[tuple[str, int], float],
    prices: Mapping[str, Decimal],
    weeks: Iterable[int] = HORIZON_WEEKS,
    ranges: Mapping[tuple[str, int], tuple[float, float]] | None = None,
) -> list[CostRow]:
    """One row per (week, category) present in ``means``, then the week's priced total.

    ``means`` maps (category, week) to the projected mean children; ``prices`` maps a
    placement type to its weekly price (``median_prices``); ``ranges`` (category, week) to
    the 80% interval of the children, priced the same way.
    """
    ranges = ranges or {}
    rows: list[CostRow] = []
    for week in weeks:
        found = [
            _row(c, week, means[(c, week)], prices, ranges.get((c, week)))
            for c in CATEGORIES
            if (c, week) in means
        ]
        rows += found
        if found:
            rows.append(_total(week, found))
    return rows


def _row(
    category: str,
    week: int,
    children: float,
    prices: Mapping[str, Decimal],
    bounds: tuple[float, float] | None = None,
) -> CostRow:
    kind = PLACEMENT_TYPE_OF_CATEGORY.get(category)
    price = prices.get(kind) if kind else None
    if price is None:
        return CostRow(category, week, children, kind, None, None)
    cost = _pence(Decimal(str(children)) * price)
    lower, upper = (_pence(Decimal(str(b)) * price) for b in bounds) if bounds else (None, None)
    return CostRow(category, week, children, kind, price, cost, lower, upper)


def _total(week: int, rows: list[CostRow]) -> CostRow:
    priced = [row for row in rows if row.weekly_cost is not None]
    cost = sum((row.weekly_cost or Decimal(0) for row in priced), Decimal("0.00"))
    children = sum(row.children for row in priced)
    known = priced and all(row.cost_lower80 is not None for row in priced)
    lower = sum((row.cost_lower80 or Decimal(0) for row in priced), Decimal("0.00"))
    upper = sum((row.cost_upper80 or Decimal(0) for row in priced), Decimal("0.00"))
    return CostRow(
        TOTAL,
        week,
        children,
        None,
        None,
        cost if priced else None,
        lower if known else None,
        upper if known else None,
    )


def _pence(value: Decimal) -> Decimal:
    return value.quantize(PENCE, rounding=ROUND_HALF_UP)
