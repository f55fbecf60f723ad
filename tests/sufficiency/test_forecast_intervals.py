"""Intervals that include the doubt in the fitted rates, and rolling-origin backtests
(issue 16, points 2 and 3)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from sufficiency.forecasting import calibration, fit, project, stock_at_columns, to_columns
from sufficiency.forecasting.rolling import (
    Outcome,
    coverage,
    cutoffs,
    rolling_backtest,
    summary,
)
from tests.sufficiency.histories import changing_history

END = date(2025, 3, 31)


def _outcome(actual, lower80, upper80, lower95=None, upper95=None, *, predicted=100.0, h=52):
    return Outcome(
        cutoff=date(2024, 1, 1),
        horizon_weeks=h,
        group="all",
        predicted=predicted,
        actual=actual,
        lower80=lower80,
        upper80=upper80,
        lower95=lower80 - 10 if lower95 is None else lower95,
        upper95=upper80 + 10 if upper95 is None else upper95,
        carried=100,
        previous=100.0,
    )


def test_coverage_counts_the_actuals_inside_their_interval_edges_included():
    outcomes = [
        _outcome(100, 90, 110),  # inside both
        _outcome(90, 90, 110),  # on the 80% edge: inside
        _outcome(115, 90, 110),  # outside 80%, inside 95% (80 to 120)
        _outcome(130, 90, 110),  # outside both
    ]
    assert coverage(outcomes, 80) == 0.5
    assert coverage(outcomes, 95) == 0.75
    assert coverage([], 80) is None


def test_the_summary_says_how_often_forecasts_came_within_a_threshold():
    # Errors 1%, 2%, 3%, 10%: three quarters within 3% (the 75th percentile, rounded up to 5).
    outcomes = [_outcome(100, 0, 1000, predicted=p) for p in (101, 98, 103, 110)]
    total = summary(outcomes)["52"]["all"]
    assert total["forecasts"] == 4
    assert total["error"] == pytest.approx(4.0)
    assert total["carried_error"] == 0.0
    assert total["within"] == 5
    assert total["times"] == 3
    assert total["coverage80"] == 1.0


def _relative_width(years: int) -> float:
    columns = to_columns(changing_history(3000, years=years))
    model = fit(columns, start=date(END.year - years, 3, 31), end=END)
    total = project(model, stock_at_columns(columns, END), weeks=52).overall()
    return (total.upper80[52] - total.lower80[52]) / total.mean[52]


def test_intervals_widen_with_less_data():
    assert _relative_width(1) > 1.2 * _relative_width(3)


def test_intervals_include_the_doubt_in_the_rates():
    columns = to_columns(changing_history(3000, years=4))
    model = fit(columns, start=date(2022, 3, 31), end=END)
    stock = stock_at_columns(columns, END)
    with_doubt = project(model, stock, weeks=52).overall()
    process_only = project(model, stock, weeks=52, draws=0).overall()
    assert with_doubt.mean[52] == pytest.approx(process_only.mean[52])
    assert with_doubt.sd[52] > 1.1 * process_only.sd[52]


def test_cutoffs_are_every_quarter_back_from_the_last_observed_horizon():
    days = cutoffs(END, 52)
    assert len(days) == 12
    assert days[0] == date(2024, 4, 1)  # 52 weeks before 31 March 2025
    assert (days[0] - days[1]).days == 91


@pytest.mark.parametrize("growth", [0.15, 0.0])
def test_rolling_backtests_hold_the_intervals_coverage_and_beat_the_baselines(growth):
    columns = to_columns(changing_history(3000, years=8, growth=growth))
    result = summary(rolling_backtest(columns, end=END))
    for h in ("13", "26", "52"):
        categories = result[h]["categories"]
        assert categories["forecasts"] == 84  # 12 cut-offs x 7 categories
        assert 0.7 <= categories["coverage80"] <= 0.9
        assert 0.88 <= categories["coverage95"] <= 0.99
    total = result["52"]["all"]
    assert total["forecasts"] == 12
    if growth:
        assert total["error"] < total["carried_error"] / 3
        assert total["error"] < total["previous_error"] / 3


# Calibration by past misses ---------------------------------------------------------------------
def _miss(z: float, *, cutoff=date(2024, 1, 1), h=13, group="all"):
    """An outcome that missed by ``z`` standard deviations (sd 10)."""
    return Outcome(
        cutoff=cutoff,
        horizon_weeks=h,
        group=group,
        predicted=100.0,
        actual=int(100 + 10 * z),
        lower80=0.0,
        upper80=0.0,
        lower95=0.0,
        upper95=0.0,
        carried=100,
        previous=100.0,
        sd=10.0,
    )


def test_intervals_are_widened_until_eight_in_ten_past_misses_fit_and_never_narrowed():
    wide = [_miss(z) for z in (0, 1, 2, 3, 4)]  # 80th percentile of |z|: 3.2
    assert calibration.factor(wide) == pytest.approx(3.2 / 1.2815515655446004)
    assert calibration.factor([_miss(0)] * 5) == 1.0
    assert calibration.factor(wide[:3]) == 1.0  # too few to judge
    by_horizon = calibration.factors([*wide, _miss(9, group="residential")], total=True)
    assert by_horizon == {13: pytest.approx(2.497, abs=1e-3)}
    weekly = calibration.weekly({13: 3.0, 52: 2.0}, 104)
    assert weekly[0] == 1.0
    assert weekly[13] == 3.0
    assert weekly[104] == 2.0


def test_online_coverage_widens_each_forecast_only_by_misses_known_on_its_cut_off():
    first = date(2023, 1, 2)
    early = [_miss(3, cutoff=first + timedelta(weeks=k)) for k in range(4)]  # all outside
    late = _miss(3, cutoff=first + timedelta(weeks=20))  # after the 4 early ones resolved
    assert coverage([*early, late], 80) == 0.0
    assert calibration.online_coverage([*early, late], 80, total=True) == pytest.approx(0.2)
