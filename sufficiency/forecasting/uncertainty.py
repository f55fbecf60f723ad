"""The doubt in the fitted rates: the same projection under rates drawn from their evidence.

A rate estimated from ``k`` events is known only to about 1/sqrt(k) of itself; an entry path
fitted to a few years of counts has a level and a slope known only to their standard errors
(``EntryPath.cov``, from how far the counts scatter about the path). ``draw_means`` projects
the start stock forward under ``draws`` sets of rates drawn accordingly (moves, exits and the
entry mix scaled by gamma(k)/k noise; the entries' log level and slope from their normal
posterior) and returns each draw's expected children per state week by week. The spread of
these means across draws is the parameter variance a projection adds to its process variance
(the law of total variance), so intervals widen where the evidence is thin. Seeded: the same
inputs give the same intervals.
"""

from __future__ import annotations

import numpy as np

from sufficiency.forecasting.states import CATEGORIES, N_STATES

DRAWS = 200
SEED = 903


def _gamma_noise(rng: np.random.Generator, counts: np.ndarray, size: tuple) -> np.ndarray:
    """Multiplicative noise with mean 1 and variance 1/k for each count k (1 where k = 0)."""
    shape = np.where(counts > 0, counts, 1.0)
    noise = rng.gamma(np.broadcast_to(shape, size)) / shape
    return np.where(counts > 0, noise, 1.0)


def _matrices(moves: np.ndarray, ageing: np.ndarray, n_cats: int) -> np.ndarray:
    """One-week transition matrices (draws x STATES+1 x STATES+1), as Model.transition_matrix."""
    draws = moves.shape[0]
    total = moves.sum(axis=2, keepdims=True)
    moves = np.where(total > 1.0, moves / np.maximum(total, 1e-12), moves)
    matrix = np.zeros((draws, N_STATES + 1, N_STATES + 1))
    matrix[:, :N_STATES] = moves
    stay = 1.0 - moves.sum(axis=2)
    aged = ageing[None, :] * stay
    states = np.arange(N_STATES)
    matrix[:, states, states] = stay - aged
    target = np.where(states + n_cats < N_STATES, states + n_cats, N_STATES)
    np.add.at(matrix, (slice(None), states, target), aged)
    matrix[:, N_STATES, N_STATES] = 1.0
    return matrix


def draw_means(model, counts: np.ndarray, *, weeks: int, draws: int = DRAWS) -> np.ndarray:
    """(draws, weeks+1, STATES) expected children per state under rates drawn from their
    evidence (``model`` is a ``Model``; ``counts`` the start stock per state)."""
    rng = np.random.default_rng(SEED)
    events = model.events if model.events is not None else np.zeros_like(model.moves)
    moves = model.moves[None] * _gamma_noise(rng, events, (draws, *events.shape))
    matrix = _matrices(moves, model.ageing, len(CATEGORIES))
    entered = model.entry_counts if model.entry_counts is not None else np.zeros(N_STATES)
    mix = model.entries[None] * _gamma_noise(rng, entered, (draws, N_STATES))
    mix *= model.entries.sum() / np.maximum(mix.sum(axis=1, keepdims=True), 1e-12)
    path = model.entry_path
    shift = rng.multivariate_normal(
        [0.0, path.slope], np.asarray(path.cov), size=draws, check_valid="ignore"
    )
    arrivals = np.zeros((draws, N_STATES + 1))
    arrivals[:, :N_STATES] = mix
    factors = np.stack([path.multipliers(weeks, log_level=a, slope=b) for a, b in shift])
    means = np.empty((draws, weeks + 1, N_STATES))
    now = np.zeros((draws, 1, N_STATES + 1))
    now[:, 0, :N_STATES] = counts
    means[:, 0] = counts
    for week in range(1, weeks + 1):
        now = now @ matrix + (arrivals * factors[:, week, None])[:, None, :]
        means[:, week] = now[:, 0, :N_STATES]
    return means
