"""Episodes as plain records, and as numpy columns for the vectorised estimators."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

from rcc.kit.ages import ages_on, day_number
from sufficiency.forecasting.states import (
    BAND_STARTS,
    CARE_ENDS_AT,
    CATEGORIES,
    STATES,
    category_for_place,
)

OPEN = np.iinfo(np.int64).max // 4  # an episode still open ends "never"
_BAND_ENDS = np.array((*BAND_STARTS[1:], CARE_ENDS_AT))


@dataclass
class Episode:
    """One 903-style episode: a child in one placement from ``start`` until ``end`` (None: open)."""

    child_id: object
    birth_date: date
    start: date
    end: date | None
    place: str


@dataclass(frozen=True)
class Columns:
    """Episodes sorted by child then start, one numpy array per field (days since 1970)."""

    child: np.ndarray
    birth: np.ndarray
    start: np.ndarray
    end: np.ndarray
    category: np.ndarray

    def __len__(self) -> int:
        return len(self.child)


_CATEGORY_NUMBER = {name: i for i, name in enumerate(CATEGORIES)}


def to_columns(episodes: Iterable[Episode]) -> Columns:
    rows = list(episodes)
    ids: dict[object, int] = {}
    child = np.fromiter((ids.setdefault(e.child_id, len(ids)) for e in rows), np.int64, len(rows))
    birth = np.fromiter((day_number(e.birth_date) for e in rows), np.int64, len(rows))
    start = np.fromiter((day_number(e.start) for e in rows), np.int64, len(rows))
    end = np.fromiter(
        (OPEN if e.end is None else day_number(e.end) for e in rows), np.int64, len(rows)
    )
    codes: dict[str, int] = {}
    category = np.fromiter(
        (codes.setdefault(e.place, _CATEGORY_NUMBER[category_for_place(e.place)]) for e in rows),
        np.int64,
        len(rows),
    )
    order = np.lexsort((start, child))
    return Columns(child[order], birth[order], start[order], end[order], category[order])


def band_at(birth: np.ndarray, day: np.ndarray | int) -> np.ndarray:
    """Age band number on ``day``: 0..3, -1 before birth, 4 from the 18th birthday.

    Ages by the calendar (``rcc.kit.ages``): a child is 18 on the 18th birthday, so an episode
    ending that day ends at 18, not in the 16-17 band."""
    years = ages_on(birth, day)
    band = np.searchsorted(_BAND_ENDS, years, side="right")
    return np.where(years < 0, -1, band)


def stock_counts(columns: Columns, day: date) -> np.ndarray:
    """Children in care on ``day`` per state (an array over STATES)."""
    when = day_number(day)
    open_now = (columns.start <= when) & (columns.end > when)
    # A child counted once even if bad data gives them two open episodes.
    child = columns.child[open_now]
    keep = np.ones(len(child), dtype=bool)
    keep[:-1] = child[:-1] != child[1:]
    band = band_at(columns.birth[open_now][keep], when)
    category = columns.category[open_now][keep]
    valid = (band >= 0) & (band < len(BAND_STARTS))
    state = band[valid] * len(CATEGORIES) + category[valid]
    return np.bincount(state, minlength=len(STATES)).astype(float)


def stock_at(episodes: Iterable[Episode], day: date) -> dict[tuple[str, str], int]:
    """Children in care on ``day`` by (age band, category): the stock a projection starts from."""
    return stock_at_columns(to_columns(episodes), day)


def stock_at_columns(columns: Columns, day: date) -> dict[tuple[str, str], int]:
    counts = stock_counts(columns, day)
    return {state: int(n) for state, n in zip(STATES, counts, strict=True) if n}
