"""Estimating a weekly Markov model of children in care from episodes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from rcc.kit.ages import days_of_age
from sufficiency.forecasting.entries import EntryPath, choose
from sufficiency.forecasting.episodes import (
    Columns,
    Episode,
    band_at,
    day_number,
    to_columns,
)
from sufficiency.forecasting.states import (
    BAND_STARTS,
    BAND_YEARS,
    CARE_ENDS_AT,
    CATEGORIES,
    N_STATES,
    OUT,
)

# 2: ageing estimated per state; 3: ages by the calendar; 4: entries with a damped trend (and
# seasons) chosen by backtest, intervals with the doubt in the fitted rates
MODEL_VERSION = "weekly-markov-4"
PREVIOUS_VERSION = "weekly-markov-3"
N_BANDS = len(BAND_STARTS)
N_CATS = len(CATEGORIES)
# Child-weeks a state needs (two child-years) before its own ageing rate replaces the flat one.
MIN_AGEING_EXPOSURE = 104.0


@dataclass(frozen=True)
class Model:
    """A fitted model.

    ``moves[i, j]``: the weekly probability that a child in state ``i`` moves to state ``j``
    (column ``OUT`` = leaves care), from observed moves and exits only, *without* ageing.
    ``ageing[i]``: the weekly probability of moving up an age band (out of care from 16-17),
    estimated per state from the ages observed in it (``estimated_ageing``).
    ``entries[i]``: the mean number of children entering care into state ``i`` a week over
    the window; ``entry_path`` scales it week by week ahead (flat, or a damped trend).
    ``events[i, j]``: the moves and exits counted (the evidence behind ``moves``), and
    ``entry_counts[i]`` the entries, from which the intervals draw the doubt in the rates.
    """

    moves: np.ndarray
    ageing: np.ndarray
    entries: np.ndarray
    exposure_weeks: np.ndarray
    start: date
    end: date
    version: str = MODEL_VERSION
    entry_path: EntryPath = field(default_factory=EntryPath)
    events: np.ndarray | None = None
    entry_counts: np.ndarray | None = None

    def transition_matrix(self) -> np.ndarray:
        """The one-week matrix over STATES + OUT (rows sum to 1), ageing included."""
        matrix = np.zeros((N_STATES + 1, N_STATES + 1))
        matrix[:N_STATES] = self.moves
        stay = 1.0 - self.moves.sum(axis=1)
        aged = self.ageing * stay
        matrix[np.arange(N_STATES), np.arange(N_STATES)] = stay - aged
        for state in range(N_STATES):
            target = state + N_CATS if state + N_CATS < N_STATES else OUT
            matrix[state, target] += aged[state]
        matrix[OUT, OUT] = 1.0
        return matrix


def ageing_probabilities() -> np.ndarray:
    """Flat weekly probability of ageing out of each state's band: 1 / (52 x years in the band).

    Right if children were spread evenly over the ages in a band: 1/(52 x width) of them would
    reach the band's upper birthday each week. ``fit`` uses it only as the fallback for states
    with too little exposure to estimate their own (see ``estimated_ageing``).
    """
    per_band = np.array([1.0 / (52.0 * years) for years in BAND_YEARS])
    return np.repeat(per_band, N_CATS)


def estimated_ageing(
    last_year_weeks: np.ndarray, exposure: np.ndarray, *, min_exposure: float = MIN_AGEING_EXPOSURE
) -> np.ndarray:
    """Weekly probability of ageing out of each state's band, from where ages actually lie.

    A child in the last year of age of a band crosses its upper birthday within 52 weeks, so
    in a steady population the weekly flow out of the band is (children in the last year) / 52:
    the probability is the share of the state's child-weeks spent in the band's last year,
    divided by 52. A band skewed to its top (16-17-year-olds in supported accommodation, mostly
    17) thus ages out faster than the flat 1/(52 x width). States with fewer than
    ``min_exposure`` child-weeks keep the flat rate.
    """
    flat = ageing_probabilities()
    share = np.divide(last_year_weeks, exposure, out=np.zeros_like(exposure), where=exposure > 0)
    return np.where(exposure >= min_exposure, np.clip(share, 0.0, 1.0) / 52.0, flat)


def fit(
    episodes: Iterable[Episode] | Columns, *, start: date, end: date, trend: bool = True
) -> Model:
    """Estimate weekly transition probabilities and entry rates from the window [start, end).

    For every state (age band x category) the model counts the time children spent in it
    (exposure) and the events that ended a spell in it inside the window: a move to another
    category (an episode ending on the day the next begins), or leaving care (no next
    episode that day). Rates are events / exposure weeks; a state's weekly probabilities are
    competing risks: ``p_ij = r_ij / r_i * (1 - exp(-r_i))``. Entries are spells starting
    care in the window, per state, per week. Leaving care at 18 is not counted as an exit:
    ageing out of the 16-17 band models it. Each state's weekly ageing probability is
    estimated from the window too: the share of its child-weeks spent in the band's last year
    of age, divided by 52 (see ``estimated_ageing``); a state with under
    ``MIN_AGEING_EXPOSURE`` child-weeks falls back to the flat 1/(52 x band width).
    Entries ahead follow the path ``entries.choose`` picks by backtest (``trend=False``: flat,
    as in ``PREVIOUS_VERSION``).
    """
    columns = episodes if isinstance(episodes, Columns) else to_columns(episodes)
    w0, w1 = day_number(start), day_number(end)
    weeks = max((w1 - w0) / 7.0, 1e-9)
    exposure, last_year = _exposure_weeks(columns, w0, w1)
    events = _event_counts(columns, w0, w1)
    rates = _pooled_where_unobserved(events, exposure)
    total = rates.sum(axis=1)
    leave = 1.0 - np.exp(-total)
    moves = np.divide(
        rates * leave[:, None], total[:, None], out=np.zeros_like(rates), where=total[:, None] > 0
    )
    entry_counts, week_counts = _entry_counts(columns, w0, w1)
    return Model(
        moves=moves,
        ageing=estimated_ageing(last_year, exposure),
        entries=entry_counts / weeks,
        exposure_weeks=exposure,
        start=start,
        end=end,
        version=MODEL_VERSION if trend else PREVIOUS_VERSION,
        entry_path=choose(week_counts) if trend else EntryPath(),
        events=events,
        entry_counts=entry_counts,
    )


def _pooled_where_unobserved(events: np.ndarray, exposure: np.ndarray) -> np.ndarray:
    """Weekly rates per state; a state nobody was in during the window (so no evidence)
    borrows its category's rates pooled over all age bands, rather than "never leaves"."""
    rates = np.divide(
        events, exposure[:, None], out=np.zeros_like(events), where=exposure[:, None] > 0
    )
    by_band = events[:, :N_STATES].reshape(N_BANDS, N_CATS, N_BANDS, N_CATS)
    # Moves pooled by (from category, to category), ignoring the band; exits by category.
    moves = np.einsum("acbd->cd", by_band)
    exits = events[:, OUT].reshape(N_BANDS, N_CATS).sum(axis=0)
    weeks = exposure.reshape(N_BANDS, N_CATS).sum(axis=0)
    pooled = np.divide(
        np.column_stack([moves, exits]),
        weeks[:, None],
        out=np.zeros((N_CATS, N_CATS + 1)),
        where=weeks[:, None] > 0,
    )
    for state in np.flatnonzero(exposure <= 0):
        band, category = divmod(state, N_CATS)
        rates[state, band * N_CATS : (band + 1) * N_CATS] = pooled[category, :N_CATS]
        rates[state, OUT] = pooled[category, N_CATS]
    return rates


def _exposure_weeks(columns: Columns, w0: int, w1: int) -> tuple[np.ndarray, np.ndarray]:
    """Child-weeks per state in the window, and those of them in the band's last year of age."""
    inside = (columns.start < w1) & (columns.end > w0)  # only these have exposure
    lo = np.maximum(columns.start[inside], w0)
    hi = np.minimum(columns.end[inside], w1)
    birth, category = columns.birth[inside], columns.category[inside]
    exposure = np.zeros(N_STATES)
    last_year = np.zeros(N_STATES)
    bounds = (*BAND_STARTS, CARE_ENDS_AT)
    # Each birthday that starts a band or a band's last year, by the calendar, once.
    birthdays = {
        years: days_of_age(birth, years) for years in {*bounds, *(end - 1 for end in bounds[1:])}
    }

    def days_between(birthday_lo: int, birthday_hi: int) -> np.ndarray:
        band_lo, band_hi = birthdays[birthday_lo], birthdays[birthday_hi]
        days = np.clip(np.minimum(hi, band_hi) - np.maximum(lo, band_lo), 0, None)
        return np.bincount(category, weights=days, minlength=N_CATS)

    for band in range(N_BANDS):
        states = slice(band * N_CATS, (band + 1) * N_CATS)
        exposure[states] = days_between(bounds[band], bounds[band + 1])
        last_year[states] = days_between(bounds[band + 1] - 1, bounds[band + 1])
    return exposure / 7.0, last_year / 7.0


def _continues(columns: Columns) -> np.ndarray:
    """For each episode: does the same child's next episode start on the day it ends?"""
    follows = np.zeros(len(columns), dtype=bool)
    same_child = columns.child[1:] == columns.child[:-1]
    follows[:-1] = same_child & (columns.start[1:] == columns.end[:-1])
    return follows


def _event_counts(columns: Columns, w0: int, w1: int) -> np.ndarray:
    counts = np.zeros((N_STATES, N_STATES + 1))
    ended = (columns.end >= w0) & (columns.end < w1)
    band = band_at(columns.birth, np.minimum(columns.end, w1))
    in_care_age = (band >= 0) & (band < N_BANDS)
    source = band * N_CATS + columns.category
    follows = _continues(columns)
    next_category = np.empty_like(columns.category)
    next_category[:-1] = columns.category[1:]
    next_category[-1:] = -1
    moved = ended & in_care_age & follows & (next_category != columns.category)
    np.add.at(counts, (source[moved], band[moved] * N_CATS + next_category[moved]), 1)
    left = ended & in_care_age & ~follows
    np.add.at(counts, (source[left], np.full(left.sum(), OUT)), 1)
    return counts


def _entry_counts(columns: Columns, w0: int, w1: int) -> tuple[np.ndarray, np.ndarray]:
    """Entries in the window per state, and per whole week back from its end (oldest first)."""
    continued = np.zeros(len(columns), dtype=bool)
    continued[1:] = _continues(columns)[:-1]
    began = ~continued & (columns.start >= w0) & (columns.start < w1)
    band = band_at(columns.birth[began], columns.start[began])
    valid = (band >= 0) & (band < N_BANDS)
    state = band[valid] * N_CATS + columns.category[began][valid]
    weeks = (w1 - w0) // 7
    back = (w1 - 1 - columns.start[began][valid]) // 7
    week_counts = np.bincount(back[back < weeks], minlength=weeks)[:weeks][::-1]
    return np.bincount(state, minlength=N_STATES).astype(float), week_counts.astype(float)
