"""The pure forecasting package: hand-checkable populations with known rates."""

from __future__ import annotations

import math
import random
import time
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest

from rcc.kit.ages import date_of_age
from sufficiency.forecasting import (
    AGE_BANDS,
    CATEGORIES,
    STATES,
    Episode,
    Model,
    Scenario,
    backtest,
    category_for_place,
    fit,
    project,
    stock_at,
)
from sufficiency.forecasting.model import ageing_probabilities
from sufficiency.forecasting.projection import apply_scenario
from sufficiency.forecasting.states import N_STATES, OUT

N = len(STATES)
FOSTERING = ("0-4", "fostering_other")


def _model(*, exit_per_week=0.0, entries=None, ageing=False) -> Model:
    moves = np.zeros((N, N + 1))
    moves[:, OUT] = exit_per_week
    return Model(
        moves=moves,
        ageing=ageing_probabilities() if ageing else np.zeros(N),
        entries=np.zeros(N) if entries is None else entries,
        exposure_weeks=np.ones(N),
        start=date(2020, 1, 1),
        end=date(2023, 1, 1),
    )


def _entries(state, per_week) -> np.ndarray:
    entries = np.zeros(N)
    entries[STATES.index(state)] = per_week
    return entries


# Codes to categories ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("code", "category"),
    [
        ("U1", "fostering_connected"),
        ("U3", "fostering_connected"),
        ("U4", "fostering_other"),
        ("U6", "fostering_other"),
        ("K1", "residential"),
        ("K2", "residential"),
        ("R1", "residential"),
        ("R2", "residential"),
        ("R5", "residential"),
        ("S1", "residential"),
        ("K3", "supported"),
        ("H5", "supported"),
        ("P2", "supported"),
        ("P1", "with_parents"),
        ("A3", "adoption"),
        ("A6", "adoption"),
        ("R3", "other"),
        ("T1", "other"),
        ("Z11", "other"),
        ("", "other"),
    ],
)
def test_place_codes_fall_into_the_demand_categories(code, category):
    assert category_for_place(code) == category


def test_states_are_every_age_band_by_every_category():
    assert len(STATES) == len(AGE_BANDS) * len(CATEGORIES) == 28


# A closed population ---------------------------------------------------------------------------
def test_a_closed_population_decays_at_its_exit_rate_with_binomial_variance():
    projection = project(_model(exit_per_week=0.01), {FOSTERING: 1000}, weeks=52)
    staying = 0.99**52
    result = projection.state(FOSTERING)
    assert result.mean[52] == pytest.approx(1000 * staying)
    assert result.variance[52] == pytest.approx(1000 * staying * (1 - staying))
    assert result.lower80[52] < result.mean[52] < result.upper80[52] < result.upper95[52]


def _closed_cohort(children: int, weekly_exit: float, seed: int = 1) -> list[Episode]:
    """Children all in care on 1 Jan 2020, each leaving after an exponential stay."""
    rng = random.Random(seed)
    begin = date(2020, 1, 1)
    episodes = []
    for child in range(children):
        stay = rng.expovariate(weekly_exit / 7)  # days
        episodes.append(
            Episode(child, date(2015, 6, 1), begin, begin + timedelta(days=int(stay) + 1), "U4")
        )
    return episodes


def test_a_fitted_closed_population_converges_to_the_analytic_expectation():
    episodes = _closed_cohort(20_000, weekly_exit=0.02)
    # The window opens the day after they all came into care: no entries in it.
    model = fit(episodes, start=date(2020, 1, 2), end=date(2021, 1, 1))
    assert model.entries.sum() == 0
    state = ("5-9", "fostering_other")
    # Ageing takes some into 10-15, never observed: it borrows the category's pooled rate.
    assert model.moves[STATES.index(state), OUT] == pytest.approx(1 - math.exp(-0.02), rel=0.05)
    projection = project(model, {state: 5000}, weeks=104).overall()
    fitted = 1 - model.moves[STATES.index(state), OUT]
    assert projection.mean[104] == pytest.approx(5000 * fitted**104, rel=0.02)
    assert projection.mean[104] == pytest.approx(5000 * math.exp(-0.02 * 104), rel=0.06)


# Ageing ---------------------------------------------------------------------------------------
def test_ageing_moves_children_up_a_band_at_one_over_the_band_width_a_week():
    projection = project(_model(ageing=True), {FOSTERING: 1000}, weeks=260)
    still_young = projection.state(FOSTERING).mean
    assert still_young[52] == pytest.approx(1000 * (1 - 1 / 260) ** 52)
    older = projection.total([("5-9", "fostering_other"), ("10-15", "fostering_other")]).mean
    # The memoryless chain lets a few hop two bands in a year: hence 1%, not exact.
    assert older[52] == pytest.approx(1000 - still_young[52], rel=0.01)
    assert projection.overall().mean[52] == pytest.approx(1000, rel=1e-3)  # none leave <18
    # A band five years wide empties with a mean stay of five years (260 weeks).
    assert still_young[260] == pytest.approx(1000 * math.exp(-1), rel=0.01)


def test_children_of_sixteen_and_seventeen_age_out_of_care_over_two_years():
    projection = project(_model(ageing=True), {("16-17", "supported"): 520}, weeks=52)
    assert projection.overall().mean[52] == pytest.approx(520 * (1 - 1 / 104) ** 52)


def test_fitting_ignores_leaving_care_at_eighteen_because_ageing_models_it():
    birth = date(2003, 3, 1)
    episodes = [Episode(i, birth, date(2019, 1, 1), date(2021, 3, 2), "K3") for i in range(50)]
    model = fit(episodes, start=date(2019, 1, 1), end=date(2022, 1, 1))
    assert model.moves.sum() == 0
    assert model.exposure_weeks[STATES.index(("16-17", "supported"))] > 0


def _in_care_between_birthdays(children: int, first: int, last: int = 18) -> list[Episode]:
    """Children in supported accommodation from their ``first`` to their ``last`` birthday,
    born one a day over eight years, so that any day in 2020 sees a steady population."""
    episodes = []
    for child in range(children):
        birth = date(1998, 1, 1) + timedelta(days=child * 8 * 365 // children)
        start, end = date_of_age(birth, first), date_of_age(birth, last)
        episodes.append(Episode(child, birth, start, end, "K3"))
    return episodes


SUPPORTED_16_17 = STATES.index(("16-17", "supported"))


def test_a_band_skewed_to_its_last_year_ages_out_faster_than_the_flat_rate():
    # Everyone in 16-17 supported accommodation is already 17: all of them turn 18 within a year.
    episodes = _in_care_between_birthdays(2_000, first=17)
    model = fit(episodes, start=date(2020, 1, 1), end=date(2021, 1, 1))
    assert model.moves.sum() == 0  # leaving at 18 is ageing, not an exit
    assert model.ageing[SUPPORTED_16_17] == pytest.approx(1 / 52, rel=0.01)
    assert model.ageing[SUPPORTED_16_17] > 1.9 * ageing_probabilities()[SUPPORTED_16_17]
    # Today's children only (no entrants): none of them is in care a year on. The memoryless
    # chain keeps (1 - 1/52)^52 of them, against (1 - 1/104)^52 at the flat rate.
    stock = stock_at(episodes, date(2021, 1, 1))
    fitted = project(replace(model, entries=np.zeros(N)), stock, weeks=52).overall().mean[52]
    flat = project(_model(ageing=True), stock, weeks=52).overall().mean[52]
    assert fitted == pytest.approx(stock[("16-17", "supported")] * (1 - 1 / 52) ** 52, rel=0.02)
    assert fitted < 0.65 * flat


def test_a_band_with_ages_spread_evenly_ages_at_the_flat_rate():
    episodes = _in_care_between_birthdays(2_000, first=16)
    model = fit(episodes, start=date(2020, 1, 1), end=date(2021, 1, 1))
    assert model.ageing[SUPPORTED_16_17] == pytest.approx(1 / 104, rel=0.02)


def test_states_with_too_little_exposure_keep_the_flat_ageing_rate():
    episodes = _in_care_between_birthdays(2_000, first=17)
    one_child = [Episode("x", date(2012, 6, 1), date(2019, 5, 1), date(2020, 3, 1), "K2")]
    model = fit([*episodes, *one_child], start=date(2020, 1, 1), end=date(2021, 1, 1))
    flat = ageing_probabilities()
    residential_5_9 = STATES.index(("5-9", "residential"))
    assert 0 < model.exposure_weeks[residential_5_9] < 104
    assert model.ageing[residential_5_9] == flat[residential_5_9]
    unseen = model.exposure_weeks == 0
    assert np.array_equal(model.ageing[unseen], flat[unseen])


# Entries --------------------------------------------------------------------------------------
def test_entries_at_a_known_rate_reach_entries_over_exit_rate():
    model = _model(exit_per_week=0.02, entries=_entries(FOSTERING, 5.0))
    result = project(model, {}, weeks=1500).state(FOSTERING)
    assert result.mean[-1] == pytest.approx(5.0 / 0.02, rel=1e-3)
    assert result.variance[-1] == pytest.approx(result.mean[-1])  # Poisson at steady state


def test_fitted_entry_rates_are_entries_per_week_by_state():
    episodes = [
        Episode(i, date(2012, 1, 1), date(2020, 1, 1) + timedelta(days=i), None, "K2")
        for i in range(364)
    ]
    model = fit(episodes, start=date(2020, 1, 1), end=date(2020, 12, 30))
    assert model.entries[STATES.index(("5-9", "residential"))] == pytest.approx(7.0, rel=0.01)


def test_a_move_is_an_episode_ending_the_day_the_next_begins():
    move_day = date(2020, 6, 1)
    episodes = []
    for i in range(10):
        episodes.append(Episode(i, date(2010, 1, 1), date(2019, 1, 1), move_day, "K2"))
        episodes.append(Episode(i, date(2010, 1, 1), move_day, None, "U4"))
    model = fit(episodes, start=date(2020, 1, 1), end=date(2021, 1, 1))
    residential = STATES.index(("10-15", "residential"))
    assert model.moves[residential, STATES.index(("10-15", "fostering_other"))] > 0
    assert model.moves[residential, OUT] == 0
    assert model.entries.sum() == 0


# Scenarios ------------------------------------------------------------------------------------
def _steady_model() -> Model:
    entries = np.zeros(N)
    entries[STATES.index(("10-15", "residential"))] = 1.0
    entries[STATES.index(("10-15", "fostering_other"))] = 3.0
    return _model(exit_per_week=0.01, entries=entries)


STOCK = {("10-15", "residential"): 100, ("10-15", "fostering_other"): 300}


def test_fewer_residential_entries_mean_fewer_children_in_residential_homes_only():
    base = project(_steady_model(), STOCK, weeks=52)
    fewer = project(
        _steady_model(), STOCK, weeks=52, scenario=Scenario(entry_multipliers={"residential": 0.9})
    )
    assert fewer.category("residential").mean[52] < base.category("residential").mean[52]
    assert fewer.category("fostering_other").mean[52] == pytest.approx(
        base.category("fostering_other").mean[52]
    )


def test_higher_exit_rates_shrink_the_category():
    base = project(_steady_model(), STOCK, weeks=52)
    faster = project(
        _steady_model(), STOCK, weeks=52, scenario=Scenario(exit_multipliers={"residential": 2})
    )
    assert faster.category("residential").mean[52] < base.category("residential").mean[52]


def test_stepping_twenty_children_a_year_moves_about_twenty_between_categories():
    base = project(_steady_model(), STOCK, weeks=52)
    step = project(
        _steady_model(),
        STOCK,
        weeks=52,
        scenario=Scenario(moves_per_year=[("residential", "fostering_other", 20)]),
    )
    fewer = base.category("residential").mean[52] - step.category("residential").mean[52]
    more = step.category("fostering_other").mean[52] - base.category("fostering_other").mean[52]
    # A rate set from the starting stock: as the category shrinks, slightly fewer move.
    assert 13 < fewer < 20
    assert more == pytest.approx(fewer, rel=0.1)
    assert step.overall().mean[52] == pytest.approx(base.overall().mean[52], rel=0.01)


def test_moving_a_tenth_of_residential_entries_to_fostering_moves_that_share():
    model = _steady_model()
    stock = np.zeros_like(model.entries)
    shifted = apply_scenario(
        model, Scenario(entry_shares=[("residential", "fostering_other", 0.1)]), stock
    )
    res = np.arange(CATEGORIES.index("residential"), len(STATES), len(CATEGORIES))
    fos = np.arange(CATEGORIES.index("fostering_other"), len(STATES), len(CATEGORIES))
    assert shifted.entries[res] == pytest.approx(model.entries[res] * 0.9)
    assert shifted.entries[fos] == pytest.approx(model.entries[fos] + model.entries[res] * 0.1)
    assert shifted.entries.sum() == pytest.approx(model.entries.sum())


# Synthetic history ----------------------------------------------------------------------------
MEAN_WEEKS = {"U1": 60, "U4": 80, "K2": 40, "K3": 50, "P1": 30, "A5": 20, "R3": 10}
PLACES = tuple(MEAN_WEEKS)
WEIGHTS = (20, 45, 12, 5, 8, 4, 6)


def synthetic_history(children: int, *, years: int, end: date, seed: int = 7) -> list[Episode]:
    """Entries spread evenly over ``years`` before ``end``, each child with a chain of
    episodes of exponential length; 30% of endings are moves, the rest leave care."""
    rng = random.Random(seed)
    first = end - timedelta(days=int(years * 365.25))
    span = (end - first).days
    episodes = []
    for child in range(children):
        start = first + timedelta(days=rng.randrange(span))
        birth = start - timedelta(days=rng.randrange(17 * 365))
        eighteen = date_of_age(birth, 18)
        place = rng.choices(PLACES, WEIGHTS)[0]
        while True:
            stop = start + timedelta(days=1 + int(rng.expovariate(1 / (7 * MEAN_WEEKS[place]))))
            stop = min(stop, eighteen)
            episodes.append(Episode(child, birth, start, stop if stop < end else None, place))
            if stop >= end or stop >= eighteen or rng.random() > 0.3:
                break
            start, place = stop, rng.choices(PLACES, WEIGHTS)[0]
    return episodes


def test_a_backtest_on_stable_synthetic_rates_has_a_small_error():
    end = date(2025, 3, 31)
    episodes = synthetic_history(30_000, years=10, end=end)
    result = backtest(episodes, cutoff=date(2024, 3, 31), horizons_weeks=(26, 52))
    assert result.mape(26) < 8
    assert result.mape(52) < 10
    assert result.coverage80(52) >= 0.5
    total = next(r for r in result.rows if r.category == "all" and r.horizon_weeks == 52)
    assert total.error_percent < 5


def test_a_backtest_leaves_out_horizons_beyond_the_data():
    episodes = synthetic_history(2_000, years=5, end=date(2025, 3, 31))
    result = backtest(
        episodes,
        cutoff=date(2024, 9, 30),
        horizons_weeks=(26, 52),
        observed_until=date(2025, 3, 31),
    )
    assert result.horizons == [26]


def test_stock_at_counts_each_child_in_care_on_the_day_once():
    episodes = [
        Episode(1, date(2010, 1, 1), date(2020, 1, 1), date(2020, 6, 1), "U4"),
        Episode(1, date(2010, 1, 1), date(2020, 6, 1), None, "K2"),
        Episode(2, date(2019, 1, 1), date(2020, 1, 1), date(2020, 3, 1), "U1"),
    ]
    assert stock_at(episodes, date(2020, 6, 1)) == {("10-15", "residential"): 1}
    assert stock_at(episodes, date(2020, 2, 1)) == {
        ("10-15", "fostering_other"): 1,
        ("0-4", "fostering_connected"): 1,
    }


def test_fit_and_project_eighty_thousand_children_over_five_years_takes_seconds():
    end = date(2025, 3, 31)
    episodes = synthetic_history(80_000, years=5, end=end)
    began = time.perf_counter()
    model = fit(episodes, start=date(2022, 3, 31), end=end)
    projection = project(model, stock_at(episodes, end), weeks=104)
    for category in CATEGORIES:
        projection.category(category)
    elapsed = time.perf_counter() - began
    print(f"fit + project, {len(episodes):,} episodes of 80,000 children: {elapsed:.2f} s")
    assert elapsed < 20
    assert projection.overall().mean[104] > 0
    assert N_STATES == 28
