"""Rolling-origin backtests: how good would the forecast have been, cut off every quarter?

For each horizon (13, 26 and 52 weeks) the model is fitted at each of the ``QUARTERS`` quarterly
cut-offs whose horizon has been observed (the newest ends on ``end``), and its forecast of
every category and of all children in care is set against what happened, beside two
baselines: today's count carried forward, and the previous model version (flat entries, the
process's variance only). ``summary`` gives, per horizon and group, the errors, how often the
80% and 95% intervals held what happened, and the baselines' errors.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from datetime import date, timedelta

import numpy as np

from sufficiency.forecasting import calibration
from sufficiency.forecasting.backtest import ALL, FIT_YEARS
from sufficiency.forecasting.entries import EntryPath
from sufficiency.forecasting.episodes import Columns, stock_counts
from sufficiency.forecasting.model import PREVIOUS_VERSION, fit
from sufficiency.forecasting.projection import project
from sufficiency.forecasting.states import CATEGORIES, STATES

QUARTERS = 12
QUARTER_WEEKS = 13
HORIZONS = (13, 26, 52)
GROUPS = (*CATEGORIES, ALL)
_MEMBERS = {g: [i for i, s in enumerate(STATES) if g in (ALL, s[1])] for g in GROUPS}


@dataclass(frozen=True)
class Outcome:
    """One forecast checked against what happened."""

    cutoff: date
    horizon_weeks: int
    group: str  # a category, or "all"
    predicted: float
    actual: int
    lower80: float
    upper80: float
    lower95: float
    upper95: float
    carried: int  # the count on the cut-off day (the "nothing changes" baseline)
    previous: float  # the previous model version's forecast
    sd: float = 0.0  # the forecast's standard deviation (before any calibration)

    def inside(self, level: int) -> bool:
        lower, upper = (self.lower80, self.upper80) if level == 80 else (self.lower95, self.upper95)
        return lower <= self.actual <= upper


def error_percent(predicted: float, actual: int) -> float | None:
    return abs(predicted - actual) / actual * 100.0 if actual else None


def coverage(outcomes: Iterable[Outcome], level: int) -> float | None:
    """Share of outcomes whose actual count fell inside their ``level``% interval."""
    rows = list(outcomes)
    return sum(o.inside(level) for o in rows) / len(rows) if rows else None


def cutoffs(end: date, horizon_weeks: int, quarters: int = QUARTERS) -> list[date]:
    """Quarterly cut-offs whose ``horizon_weeks`` ahead had happened by ``end``, newest first."""
    last = end - timedelta(weeks=horizon_weeks)
    return [last - timedelta(weeks=QUARTER_WEEKS * k) for k in range(quarters)]


def rolling_backtest(
    columns: Columns,
    *,
    end: date,
    horizons: Sequence[int] = HORIZONS,
    quarters: int = QUARTERS,
) -> list[Outcome]:
    """Every (cut-off, horizon, group) outcome; a cut-off with nobody in care is skipped."""
    wanted: dict[date, list[int]] = {}
    for h in horizons:
        for day in cutoffs(end, h, quarters):
            wanted.setdefault(day, []).append(h)
    outcomes = []
    for day, hs in sorted(wanted.items()):
        now = stock_counts(columns, day)
        if not now.sum():
            continue
        stock = {s: int(n) for s, n in zip(STATES, now, strict=True)}
        model = fit(columns, start=_years_before(day, FIT_YEARS), end=day)
        current = project(model, stock, weeks=max(hs))
        flat = replace(model, entry_path=EntryPath(), version=PREVIOUS_VERSION)
        previous = project(flat, stock, weeks=max(hs), draws=0)
        for h in hs:
            actual = stock_counts(columns, day + timedelta(weeks=h))
            for group in GROUPS:
                members = _MEMBERS[group]
                states = [STATES[i] for i in members]
                forecast = current.total(states)
                outcomes.append(
                    Outcome(
                        cutoff=day,
                        horizon_weeks=h,
                        group=group,
                        predicted=float(forecast.mean[h]),
                        actual=int(actual[members].sum()),
                        lower80=float(forecast.lower80[h]),
                        upper80=float(forecast.upper80[h]),
                        lower95=float(forecast.lower95[h]),
                        upper95=float(forecast.upper95[h]),
                        carried=int(now[members].sum()),
                        previous=float(previous.total(states).mean[h]),
                        sd=float(forecast.sd[h]),
                    )
                )
    return outcomes


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _mean(values: Iterable[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return float(np.mean(kept)) if kept else None


def summary(outcomes: Sequence[Outcome]) -> dict:
    """Per horizon, per group (and "categories": the mean over categories) the forecasts
    checked, mean absolute % error of the model and of both baselines, the 80% and 95%
    coverage (raw, and ``calibrated``: widened by the misses known at each cut-off, see
    ``calibration``), and a threshold most forecasts came within (``within``, ``times``)."""
    result: dict[str, dict] = {}
    for h in sorted({o.horizon_weeks for o in outcomes}):
        at = [o for o in outcomes if o.horizon_weeks == h]
        groups = {g: [o for o in at if o.group == g] for g in GROUPS}
        result[str(h)] = {g: _group_summary(rows) for g, rows in groups.items() if rows}
        by_category = [o for o in at if o.group != ALL]
        result[str(h)]["categories"] = {
            "forecasts": len(by_category),
            "error": _mean(_group_summary(groups[c])["error"] for c in CATEGORIES if groups[c]),
            "carried_error": _mean(
                _group_summary(groups[c])["carried_error"] for c in CATEGORIES if groups[c]
            ),
            "previous_error": _mean(
                _group_summary(groups[c])["previous_error"] for c in CATEGORIES if groups[c]
            ),
            "coverage80": coverage(by_category, 80),
            "coverage95": coverage(by_category, 95),
        }
        for kind, total in ((ALL, True), ("categories", False)):
            if kind in result[str(h)]:
                for level in (80, 95):
                    result[str(h)][kind][f"calibrated{level}"] = calibration.online_coverage(
                        at, level, total=total
                    )
    return result


def _group_summary(rows: Sequence[Outcome]) -> dict:
    errors = [e for e in (error_percent(o.predicted, o.actual) for o in rows) if e is not None]
    within = math.ceil(float(np.percentile(errors, 75))) if errors else None
    return {
        "forecasts": len(rows),
        "error": _mean(errors),
        "carried_error": _mean(error_percent(o.carried, o.actual) for o in rows),
        "previous_error": _mean(error_percent(o.previous, o.actual) for o in rows),
        "coverage80": coverage(rows, 80),
        "coverage95": coverage(rows, 95),
        "within": within,
        "times": sum(e <= within for e in errors) if errors else 0,
        "carried_times": sum(
            (error_percent(o.carried, o.actual) or 0.0) <= (within or 0) for o in rows if o.actual
        ),
    }


def as_dict(outcomes: Sequence[Outcome]) -> dict:
    """For a run's metrics: the summary and every outcome (dates as ISO text)."""
    rows = []
    for o in outcomes:
        row = asdict(o)
        row["cutoff"] = o.cutoff.isoformat()
        for key in ("predicted", "lower80", "upper80", "lower95", "upper95", "previous", "sd"):
            row[key] = round(row[key], 2)
        rows.append(row)
    return {
        "summary": summary(outcomes),
        "factors": {
            ALL: calibration.factors(outcomes, total=True),
            "categories": calibration.factors(outcomes, total=False),
        },
        "rows": rows,
    }
