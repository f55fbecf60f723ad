"""Projecting the stock forward, with its variance, under a baseline or a scenario."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

import numpy as np

from sufficiency.forecasting.model import N_CATS, Model
from sufficiency.forecasting.states import CATEGORIES, N_STATES, OUT, STATE_INDEX, STATES, State
from sufficiency.forecasting.uncertainty import DRAWS, draw_means

Z80 = 1.2815515655446004
Z95 = 1.959963984540054
CATEGORY_NUMBER = {name: i for i, name in enumerate(CATEGORIES)}


@dataclass(frozen=True)
class Scenario:
    """Changes to the fitted rates.

    ``entry_multipliers``: entries into a category x factor (0.9 = 10% fewer).
    ``exit_multipliers``: the weekly probability of leaving care from a category x factor.
    ``moves_per_year``: (from, to, n): step about n children a year from one category to
    another (same age band). It becomes a weekly probability n / 52 / (children in the
    "from" category at the start), so it is a rate, not a guarantee, as the stock changes.
    """

    entry_multipliers: Mapping[str, float] = field(default_factory=dict)
    exit_multipliers: Mapping[str, float] = field(default_factory=dict)
    moves_per_year: list[tuple[str, str, int]] = field(default_factory=list)
    # Prices rise by this % a year, compounding weekly: costs only (``sufficiency.cost_draws``)
    cost_inflation: float = 0.0
    # (from, to, share): move that share (0 to 1) of the entries into one category to another,
    # age band by age band (the mix changes, the number entering care does not)
    entry_shares: list[tuple[str, str, float]] = field(default_factory=list)


@dataclass(frozen=True)
class Interval:
    """Mean, variance and normal intervals (clipped at 0) of one quantity, week by week."""

    mean: np.ndarray
    variance: np.ndarray

    @property
    def sd(self) -> np.ndarray:
        return np.sqrt(np.maximum(self.variance, 0.0))

    def lower(self, z: float) -> np.ndarray:
        return np.maximum(self.mean - z * self.sd, 0.0)

    def upper(self, z: float) -> np.ndarray:
        return np.maximum(self.mean + z * self.sd, 0.0)

    @property
    def lower80(self) -> np.ndarray:
        return self.lower(Z80)

    @property
    def upper80(self) -> np.ndarray:
        return self.upper(Z80)

    @property
    def lower95(self) -> np.ndarray:
        return self.lower(Z95)

    @property
    def upper95(self) -> np.ndarray:
        return self.upper(Z95)


@dataclass(frozen=True)
class Projection:
    """Week 0 (the start stock) to week ``weeks``.

    Each child in the start stock moves independently through the chain, so the children
    from state ``i`` found in a set ``S`` at week t are binomial(n_i, p_iS(t)); entries are
    Poisson, and their thinning through the chain is Poisson too (variance = mean). Hence
    Var(N_S(t)) = sum_i n_i p_iS(t) (1 - p_iS(t)) + E[entrants in S at t], exactly, for any
    set of states (a category's total over bands as well as a single state), given the rates;
    entrants' variance is scaled by ``dispersion`` when entries scatter more than Poisson.
    ``draws`` (draws x weeks+1 x STATES, see ``uncertainty.draw_means``) are the expected
    counts under rates drawn from their evidence: their variance across draws, the doubt in
    the rates, is added (law of total variance). Without draws the intervals hold the
    process's variance only (the previous model version's).
    """

    weeks: int
    stock: np.ndarray  # start counts per state
    reach: np.ndarray  # (weeks+1, N_STATES, N_STATES+1): P(state i at 0 -> j at t)
    entrants: np.ndarray  # (weeks+1, N_STATES+1): expected entrants in j at t
    draws: np.ndarray | None = None
    dispersion: float = 1.0
    # sd stretched week by week by past misses (``calibration``): all children, and any part
    calibration: tuple[np.ndarray, np.ndarray] | None = None

    def total(self, states: Iterable[State]) -> Interval:
        index = [STATE_INDEX[s] for s in states]
        p = self.reach[:, :, index].sum(axis=2)
        entrants = self.entrants[:, index].sum(axis=1)
        mean = p @ self.stock + entrants
        variance = (p * (1.0 - p)) @ self.stock + entrants * self.dispersion
        if self.draws is not None:
            variance = variance + self.draws[:, :, index].sum(axis=2).var(axis=0)
        if self.calibration is not None:
            whole, part = self.calibration
            variance = variance * (whole if len(set(index)) == N_STATES else part) ** 2
        return Interval(mean=mean, variance=variance)

    def state(self, state: State) -> Interval:
        return self.total([state])

    def category(self, category: str) -> Interval:
        return self.total([s for s in STATES if s[1] == category])

    def band(self, band: str) -> Interval:
        return self.total([s for s in STATES if s[0] == band])

    def overall(self) -> Interval:
        return self.total(STATES)

    @property
    def mean(self) -> np.ndarray:
        """(weeks+1, N_STATES) expected children per state."""
        return (
            np.einsum("i,tij->tj", self.stock, self.reach[:, :, :N_STATES])
            + (self.entrants[:, :N_STATES])
        )

    @property
    def variance(self) -> np.ndarray:
        p = self.reach[:, :, :N_STATES]
        variance = np.einsum("i,tij->tj", self.stock, p * (1.0 - p))
        variance = variance + self.entrants[:, :N_STATES] * self.dispersion
        if self.draws is not None:
            variance = variance + self.draws.var(axis=0)
        if self.calibration is not None:
            variance = variance * self.calibration[1][:, None] ** 2
        return variance


def project(
    model: Model,
    stock: Mapping[State, int],
    *,
    weeks: int,
    scenario: Scenario | None = None,
    draws: int = DRAWS,
) -> Projection:
    """Project ``stock`` (children per state now) ``weeks`` weeks ahead; entries follow the
    model's entry path; ``draws`` sets of rates drawn from their evidence give the doubt in
    the rates (0: the process's variance only)."""
    counts = np.zeros(N_STATES)
    for state, n in stock.items():
        counts[STATE_INDEX[state]] += n
    if scenario is not None:
        model = apply_scenario(model, scenario, counts)
    matrix = model.transition_matrix()
    reach = np.empty((weeks + 1, N_STATES, N_STATES + 1))
    reach[0] = np.eye(N_STATES, N_STATES + 1)
    entrants = np.zeros((weeks + 1, N_STATES + 1))
    arrivals = np.append(model.entries, 0.0)
    factors = model.entry_path.multipliers(weeks)
    for week in range(1, weeks + 1):
        reach[week] = reach[week - 1] @ matrix
        entrants[week] = entrants[week - 1] @ matrix + arrivals * factors[week]
    uncertain = draws > 0 and model.events is not None
    return Projection(
        weeks=weeks,
        stock=counts,
        reach=reach,
        entrants=entrants,
        draws=draw_means(model, counts, weeks=weeks, draws=draws) if uncertain else None,
        dispersion=model.entry_path.dispersion if uncertain else 1.0,
    )


def apply_scenario(model: Model, scenario: Scenario, stock: np.ndarray) -> Model:
    """The model with a scenario's multipliers and extra moves applied."""
    entries = model.entries.copy()
    moves = model.moves.copy()
    for category, factor in scenario.entry_multipliers.items():
        entries[_columns_of(category)] *= max(float(factor), 0.0)
    for source, target, share in scenario.entry_shares:
        moved = entries[_columns_of(source)] * min(max(float(share), 0.0), 1.0)
        entries[_columns_of(source)] -= moved
        entries[_columns_of(target)] += moved
    for category, factor in scenario.exit_multipliers.items():
        moves[_columns_of(category), OUT] *= max(float(factor), 0.0)
    for source, target, per_year in scenario.moves_per_year:
        rows = _columns_of(source)
        in_source = stock[rows].sum()
        if in_source <= 0 or per_year == 0:
            continue
        extra = per_year / 52.0 / in_source
        moves[rows, _columns_of(target)] += extra
    # Keep every row a probability distribution (a scenario cannot move more than everyone).
    total = moves.sum(axis=1)
    over = total > 1.0
    moves[over] /= total[over, None]
    return replace(model, moves=np.maximum(moves, 0.0), entries=entries)


def _columns_of(category: str) -> np.ndarray:
    return np.arange(CATEGORY_NUMBER[category], N_STATES, N_CATS)
