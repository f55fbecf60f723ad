"""How good would the forecast have been? Fit before a cut-off, compare with what happened."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from sufficiency.forecasting.episodes import Columns, Episode, stock_counts, to_columns
from sufficiency.forecasting.model import fit
from sufficiency.forecasting.projection import project
from sufficiency.forecasting.states import CATEGORIES, STATES

FIT_YEARS = 3
ALL = "all"


@dataclass(frozen=True)
class BacktestRow:
    category: str  # a category, or "all"
    horizon_weeks: int
    predicted: float
    actual: int
    lower80: float
    upper80: float
    lower95: float = 0.0
    upper95: float = 0.0

    @property
    def error_percent(self) -> float | None:
        if not self.actual:
            return None
        return abs(self.predicted - self.actual) / self.actual * 100.0

    @property
    def inside80(self) -> bool:
        return self.lower80 <= self.actual <= self.upper80

    @property
    def inside95(self) -> bool:
        return self.lower95 <= self.actual <= self.upper95


@dataclass(frozen=True)
class Backtest:
    cutoff: date
    rows: list[BacktestRow]

    def mape(self, horizon_weeks: int) -> float | None:
        """Mean absolute percentage error over the categories (not the total) at a horizon."""
        errors = [
            r.error_percent
            for r in self.rows
            if r.horizon_weeks == horizon_weeks and r.category != ALL
        ]
        errors = [e for e in errors if e is not None]
        return float(np.mean(errors)) if errors else None

    def coverage80(self, horizon_weeks: int) -> float | None:
        """Share of the categories' actual counts inside the 80% interval."""
        rows = [r for r in self.rows if r.horizon_weeks == horizon_weeks and r.category != ALL]
        return sum(r.inside80 for r in rows) / len(rows) if rows else None

    @property
    def horizons(self) -> list[int]:
        return sorted({r.horizon_weeks for r in self.rows})

    def as_dict(self) -> dict:
        return {
            "cutoff": self.cutoff.isoformat(),
            "horizons": {
                str(h): {"mape": self.mape(h), "coverage80": self.coverage80(h)}
                for h in self.horizons
            },
            "rows": [
                {
                    "category": r.category,
                    "horizon_weeks": r.horizon_weeks,
                    "predicted": round(r.predicted, 2),
                    "actual": r.actual,
                    "lower80": round(r.lower80, 2),
                    "upper80": round(r.upper80, 2),
                    "error_percent": r.error_percent,
                }
                for r in self.rows
            ],
        }


def backtest(
    episodes: Iterable[Episode] | Columns,
    *,
    cutoff: date,
    horizons_weeks: Sequence[int] = (26, 52, 104),
    observed_until: date | None = None,
    trend: bool = True,
    draws: int | None = None,
) -> Backtest:
    """Fit on the ``FIT_YEARS`` before ``cutoff``, project from the stock at ``cutoff`` and
    compare each category with the actual stock ``h`` weeks later. Horizons beyond
    ``observed_until`` (the end of the data, when given) are left out. ``trend=False`` and
    ``draws=0``: the previous model version (flat entries, the process's variance only)."""
    columns = episodes if isinstance(episodes, Columns) else to_columns(episodes)
    start = cutoff.replace(year=cutoff.year - FIT_YEARS)
    model = fit(columns, start=start, end=cutoff, trend=trend)
    start_stock = stock_counts(columns, cutoff)
    stock = {s: int(n) for s, n in zip(STATES, start_stock, strict=True)}
    horizons = [
        h
        for h in horizons_weeks
        if observed_until is None or cutoff + timedelta(weeks=h) <= observed_until
    ]
    if not horizons:
        return Backtest(cutoff=cutoff, rows=[])
    chosen = {} if draws is None else {"draws": draws}
    projection = project(model, stock, weeks=max(horizons), **chosen)
    rows = []
    for h in horizons:
        actual = stock_counts(columns, cutoff + timedelta(weeks=h))
        for category in (*CATEGORIES, ALL):
            members = [i for i, s in enumerate(STATES) if category in (ALL, s[1])]
            forecast = projection.total([STATES[i] for i in members])
            rows.append(
                BacktestRow(
                    category=category,
                    horizon_weeks=h,
                    predicted=float(forecast.mean[h]),
                    actual=int(actual[members].sum()),
                    lower80=float(forecast.lower80[h]),
                    upper80=float(forecast.upper80[h]),
                    lower95=float(forecast.lower95[h]),
                    upper95=float(forecast.upper95[h]),
                )
            )
    return Backtest(cutoff=cutoff, rows=rows)
