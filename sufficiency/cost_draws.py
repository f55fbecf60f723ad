"""Cost with its doubt: the simulation's count draws carried through to cost (issue 16, item 4).

Pure and vectorised (NumPy, no Django, no per-child loops): works on arrays of draws.

    cost (one draw, one week) = sum over categories of children x unit cost x inflation

- the unit cost of a category is the mean of the region's agreed weekly costs of its current
  placements (``Placement.agreed_weekly_cost``), so that n children cost exactly what their n
  agreements add up to; its spread is a bootstrap of that mean (resample the agreements with
  replacement), one resample per count draw;
- inflation is an annual percentage compounding weekly: factor (1 + p/100) ** (week / 52);
- a scenario may move a share of one category's entries to another (``shift_mix``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

WEEKS_IN_YEAR = 52
EXACT_BOOTSTRAP_UP_TO = 200  # agreements; above, the bootstrap mean's normal limit


@dataclass(frozen=True)
class CostSummary:
    """A week's projected weekly cost: the mean of the draws and their 80% and 95% intervals,
    in pounds; ``annual`` is the mean weekly cost x 52."""

    mean: float
    lower80: float
    upper80: float
    lower95: float
    upper95: float

    @property
    def annual(self) -> float:
        return self.mean * WEEKS_IN_YEAR


def inflation_factor(annual_percent: float, week: int | np.ndarray) -> float | np.ndarray:
    """The price multiplier after ``week`` weeks at ``annual_percent`` a year, compounded weekly."""
    weekly = (1.0 + annual_percent / 100.0) ** (1.0 / WEEKS_IN_YEAR)
    return weekly**week


def unit_cost_draws(
    agreed: Sequence[Decimal | float], draws: int, rng: np.random.Generator
) -> np.ndarray:
    """``draws`` bootstrap means of the agreed weekly costs (empty agreements: all NaN)."""
    prices = np.asarray([float(p) for p in agreed], dtype=float)
    if prices.size == 0:
        return np.full(draws, np.nan)
    if prices.size > EXACT_BOOTSTRAP_UP_TO:
        # The bootstrap mean of many prices is normal to within a hair (central limit
        # theorem): draw it directly rather than resampling draws x n prices.
        spread = prices.std() / np.sqrt(prices.size)
        return rng.normal(prices.mean(), spread, draws)
    picks = rng.integers(0, prices.size, size=(draws, prices.size))
    return prices[picks].mean(axis=1)


def unit_costs(
    agreed_by_category: Mapping[str, Sequence[Decimal | float]],
    fallback: Mapping[str, Decimal | float],
    draws: int,
    rng: np.random.Generator,
) -> dict[str, np.ndarray]:
    """Per category: bootstrap draws of its agreed costs; a category with no agreements takes
    the rate card's price in ``fallback`` (no spread); with neither it is left out (not priced)."""
    result: dict[str, np.ndarray] = {}
    for category in set(agreed_by_category) | set(fallback):
        agreed = agreed_by_category.get(category) or ()
        if agreed:
            result[category] = unit_cost_draws(agreed, draws, rng)
        elif category in fallback:
            result[category] = np.full(draws, float(fallback[category]))
    return result


def cost_draws(
    counts: Mapping[str, np.ndarray],
    units: Mapping[str, np.ndarray],
    *,
    week: int,
    annual_inflation: float = 0.0,
) -> np.ndarray:
    """One week's total weekly cost per draw: sum over priced categories of count x unit x
    inflation. ``counts[c]`` and ``units[c]`` are arrays of the same number of draws."""
    factor = inflation_factor(annual_inflation, week)
    priced = [c for c in counts if c in units]
    if not priced:
        return np.zeros(0)
    total = np.zeros_like(np.asarray(counts[priced[0]], dtype=float))
    for category in priced:
        total = total + np.asarray(counts[category], dtype=float) * units[category]
    return total * factor


def summarise(draws: np.ndarray) -> CostSummary:
    """Mean and central 80% and 95% intervals of cost draws."""
    lo95, lo80, hi80, hi95 = np.percentile(draws, [2.5, 10, 90, 97.5])
    return CostSummary(float(draws.mean()), float(lo80), float(hi80), float(lo95), float(hi95))


def shift_mix(
    entries: Mapping[str, float], *, source: str, target: str, share: float
) -> dict[str, float]:
    """Move ``share`` (0 to 1) of ``source``'s entries to ``target``; the total is unchanged."""
    if not 0.0 <= share <= 1.0:
        raise ValueError("share must be between 0 and 1")
    moved = entries.get(source, 0.0) * share
    result = dict(entries)
    result[source] = entries.get(source, 0.0) - moved
    result[target] = entries.get(target, 0.0) + moved
    return result


Z80 = 1.2815515655446004  # the normal's 90th percentile: an 80% interval is mean +- Z80 sd


def total_cost_by_week(
    means: Mapping[tuple[str, int], float],
    ranges: Mapping[tuple[str, int], tuple[float, float]],
    agreed_by_category: Mapping[str, Sequence[Decimal | float]],
    fallback: Mapping[str, Decimal | float],
    weeks: Sequence[int],
    *,
    annual_inflation: float = 0.0,
    draws: int = 2000,
    seed: int = 0,
) -> list[tuple[int, CostSummary]]:
    """Per week, the priced categories' weekly cost with its intervals, from a run's stored
    figures: each category's children drawn from a normal with the run's mean and 80% interval
    (never below zero), times bootstrap draws of its unit cost, inflated to that week."""
    rng = np.random.default_rng(seed)
    units = unit_costs(agreed_by_category, fallback, draws, rng)
    result = []
    for week in weeks:
        counts: dict[str, np.ndarray] = {}
        for category in units:
            if (category, week) not in means:
                continue
            mean = means[(category, week)]
            lower, upper = ranges.get((category, week), (mean, mean))
            sd = max(upper - lower, 0.0) / (2 * Z80)
            counts[category] = np.clip(rng.normal(mean, sd, draws), 0.0, None)
        if counts:
            cost = cost_draws(counts, units, week=week, annual_inflation=annual_inflation)
            result.append((week, summarise(cost)))
    return result
