"""Cost with its doubt (issue 16, item 4): count draws carried through to cost."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from sufficiency import cost_draws as cd


def test_costs_add_up_to_the_agreements_they_came_from():
    agreed = {
        "residential": [Decimal("5000.00"), Decimal("6200.50"), Decimal("4800.00")],
        "fostering_other": [Decimal("900.00"), Decimal("1100.00")],
    }
    rng = np.random.default_rng(1)
    units = cd.unit_costs(agreed, {}, 4000, rng)
    # The counts are the agreements themselves, every draw: the mean cost is their sum.
    counts = {c: np.full(4000, float(len(prices))) for c, prices in agreed.items()}
    total = cd.summarise(cd.cost_draws(counts, units, week=0))
    expected = float(sum(sum(p) for p in agreed.values()))
    assert total.mean == pytest.approx(expected, rel=0.01)
    assert total.lower80 < expected < total.upper80
    assert total.annual == pytest.approx(total.mean * 52)


def test_one_agreement_has_no_price_spread_and_rate_card_fills_a_gap():
    rng = np.random.default_rng(2)
    units = cd.unit_costs({"residential": [Decimal("5000")]}, {"supported": 1500}, 10, rng)
    assert set(units) == {"residential", "supported"}
    counts = {"residential": np.full(10, 2.0), "supported": np.full(10, 3.0), "other": np.ones(10)}
    draws = cd.cost_draws(counts, units, week=0)
    assert np.allclose(draws, 2 * 5000 + 3 * 1500)  # "other" has no price: left out


def test_count_spread_carries_through():
    rng = np.random.default_rng(3)
    units = {"residential": np.full(1000, 5000.0)}
    counts = {"residential": rng.poisson(10, 1000).astype(float)}
    summary = cd.summarise(cd.cost_draws(counts, units, week=0))
    assert summary.lower95 < summary.lower80 < summary.mean < summary.upper80 < summary.upper95


def test_inflation_compounds_weekly():
    assert cd.inflation_factor(10.0, 52) == pytest.approx(1.10)
    assert cd.inflation_factor(10.0, 104) == pytest.approx(1.21)
    assert cd.inflation_factor(10.0, 1) == pytest.approx(1.10 ** (1 / 52))
    units = {"residential": np.full(5, 100.0)}
    counts = {"residential": np.full(5, 1.0)}
    assert np.allclose(cd.cost_draws(counts, units, week=104, annual_inflation=10.0), 121.0)


def test_mix_shift_moves_the_right_share():
    entries = {"residential": 50.0, "fostering_other": 200.0, "supported": 30.0}
    shifted = cd.shift_mix(entries, source="residential", target="fostering_other", share=0.1)
    assert shifted == {"residential": 45.0, "fostering_other": 205.0, "supported": 30.0}
    assert sum(shifted.values()) == sum(entries.values())
    with pytest.raises(ValueError):
        cd.shift_mix(entries, source="residential", target="fostering_other", share=1.5)


def test_total_cost_by_week_from_a_runs_figures():
    means = {("residential", 52): 10.0, ("fostering_other", 52): 20.0, ("other", 52): 5.0}
    ranges = {("residential", 52): (10.0, 10.0), ("fostering_other", 52): (20.0, 20.0)}
    agreed = {"residential": [5000.0, 5000.0]}
    rows = cd.total_cost_by_week(
        means, ranges, agreed, {"fostering_other": 1000.0}, [52], annual_inflation=10.0
    )
    assert [week for week, _ in rows] == [52]
    assert rows[0][1].mean == pytest.approx((10 * 5000 + 20 * 1000) * 1.10)


def test_many_agreements_draw_the_bootstrap_means_normal_limit():
    rng = np.random.default_rng(4)
    prices = list(rng.uniform(1000, 3000, 1000))
    draws = cd.unit_cost_draws(prices, 5000, rng)
    assert draws.mean() == pytest.approx(np.mean(prices), rel=0.001)
    assert draws.std() == pytest.approx(np.std(prices) / np.sqrt(1000), rel=0.05)
