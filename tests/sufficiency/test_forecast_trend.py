"""Entries with a trend (and seasons), chosen by backtest and damped (issue 16, point 1)."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest

from sufficiency.forecasting import backtest, fit, to_columns
from sufficiency.forecasting.entries import DAMPING, FLAT, SEASONAL, TREND, EntryPath
from tests.sufficiency.histories import changing_history

CUTOFF = date(2024, 3, 31)
FIT_FROM = date(2021, 3, 31)


def _total_error(columns, *, trend: bool) -> float:
    result = backtest(columns, cutoff=CUTOFF, horizons_weeks=(52,), trend=trend)
    total = next(r for r in result.rows if r.category == "all")
    return total.error_percent


@pytest.mark.parametrize("growth", [0.15, -0.10])
def test_the_model_follows_a_known_trend_in_entries(growth):
    columns = to_columns(changing_history(3000, growth=growth))
    path = fit(columns, start=FIT_FROM, end=CUTOFF).entry_path
    assert path.method == TREND
    assert path.slope * 52 == pytest.approx(math.log(1 + growth), abs=0.06)
    with_trend, flat = _total_error(columns, trend=True), _total_error(columns, trend=False)
    assert with_trend < 8  # damped: a falling trend is followed most of the way
    assert with_trend < flat / 2


def test_steady_entries_are_forecast_flat():
    columns = to_columns(changing_history(3000))
    path = fit(columns, start=FIT_FROM, end=CUTOFF).entry_path
    assert path.method == FLAT
    assert _total_error(columns, trend=True) < 2


def test_a_trend_is_damped_so_it_never_runs_away():
    path = EntryPath(method=TREND, slope=0.01)  # 1% a week: 68% a year if it ran on
    factors = path.multipliers(52 * 10)
    ceiling = math.exp(0.01 * DAMPING / (1 - DAMPING))
    assert factors[52] < 1.01**52
    assert factors[-1] <= ceiling
    assert factors[-1] == pytest.approx(ceiling, rel=1e-3)
    assert np.all(np.diff(factors[1:]) >= 0)


def test_seasons_are_found_where_the_history_has_them_and_fall_in_the_right_quarters():
    # Peaks a quarter of a year after the history starts: every July, lows every January.
    columns = to_columns(changing_history(3000, season=0.3))
    path = fit(columns, start=FIT_FROM, end=CUTOFF).entry_path
    assert path.method == SEASONAL
    april_june, july_sept, oct_dec, jan_march = path.season
    assert min(april_june, july_sept) > 1.1
    assert max(oct_dec, jan_march) < 0.9


def test_the_previous_version_keeps_entries_flat():
    columns = to_columns(changing_history(3000, growth=0.15))
    model = fit(columns, start=FIT_FROM, end=CUTOFF, trend=False)
    assert model.entry_path.method == FLAT
    assert model.version == "weekly-markov-3"
    assert np.all(model.entry_path.multipliers(104)[1:] == 1.0)
