"""Widening intervals by how far forecasts have actually missed (rolling backtests).

The model's intervals hold the process's variance and the doubt in its rates, not the ways the
world departs from the model (entries that accelerate, rates that drift). Each horizon's
factor is how much the standard deviation must be stretched for 80% of past forecasts'
misses to fall inside the 80% interval: the 80th percentile of |actual - forecast| / sd over
the outcomes known, divided by 1.28, and never below 1 (intervals are widened, not narrowed).
Totals and categories get their own factors. ``online_coverage`` measures it honestly: each
forecast is widened only by the misses already known on its cut-off day.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import numpy as np

from sufficiency.forecasting.backtest import ALL
from sufficiency.forecasting.projection import Z80, Z95

MIN_OUTCOMES = 4
_Z = {80: Z80, 95: Z95}


def _z(outcome) -> float:
    return abs(outcome.actual - outcome.predicted) / outcome.sd if outcome.sd > 0 else 0.0


def factor(outcomes: Sequence) -> float:
    """The stretch of the sd that makes 80% of these outcomes' misses fit (at least 1)."""
    if len(outcomes) < MIN_OUTCOMES:
        return 1.0
    return max(1.0, float(np.quantile([_z(o) for o in outcomes], 0.8)) / Z80)


def _kind(outcome) -> bool:
    return outcome.group == ALL


def factors(outcomes: Sequence, *, total: bool) -> dict[int, float]:
    """Per horizon (weeks), the factor for totals (``total``) or for categories."""
    horizons = sorted({o.horizon_weeks for o in outcomes})
    return {
        h: factor([o for o in outcomes if o.horizon_weeks == h and _kind(o) == total])
        for h in horizons
    }


def weekly(by_horizon: dict[int, float], weeks: int) -> np.ndarray:
    """Factors for weeks 0..weeks: 1 at week 0, straight lines between the horizons, the last
    horizon's beyond it."""
    if not by_horizon:
        return np.ones(weeks + 1)
    xs = [0, *by_horizon]
    ys = [1.0, *by_horizon.values()]
    return np.interp(np.arange(weeks + 1), xs, ys)


def online_coverage(outcomes: Sequence, level: int, *, total: bool) -> float | None:
    """Share of outcomes inside their ``level``% interval widened by the factor of the
    outcomes of the same horizon and kind already observed by their cut-off."""
    rows = [o for o in outcomes if _kind(o) == total]
    if not rows:
        return None
    inside = 0
    for o in rows:
        known = [
            p
            for p in rows
            if p.horizon_weeks == o.horizon_weeks
            and p.cutoff + timedelta(weeks=p.horizon_weeks) <= o.cutoff
        ]
        inside += abs(o.actual - o.predicted) <= _Z[level] * o.sd * factor(known)
    return inside / len(rows)
