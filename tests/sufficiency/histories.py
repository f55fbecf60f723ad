"""Small generated care histories whose entries change in a known way (for the model's tests)."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np

from rcc.kit.ages import date_of_age
from sufficiency.forecasting import Episode

PLACES = ("U4", "U1", "K2", "H5", "P1")
SHARES = (0.5, 0.2, 0.12, 0.1, 0.08)


def changing_history(
    per_year: float,
    *,
    growth: float = 0.0,
    years: int = 6,
    end: date = date(2025, 3, 31),
    season: float = 0.0,
    mean_weeks: float = 60.0,
    seed: int = 16,
) -> list[Episode]:
    """Children entering care over ``years`` to ``end`` at ``per_year`` a year at the start,
    growing by ``growth`` a year (0.1: 10% more each year), with a yearly swing of ``season``
    (0.3: 30% more at the peak), each for one episode of exponential length (mean
    ``mean_weeks``, ending by the 18th birthday), aged 0-17 on entry."""
    rng = np.random.default_rng(seed)
    days = int(years * 365.25)
    first = end - timedelta(days=days)
    t = np.arange(days) / 365.25
    rate = per_year / 365.25 * (1 + growth) ** t * (1 + season * np.sin(2 * np.pi * t))
    arrivals = np.repeat(np.arange(days), rng.poisson(rate))
    episodes = []
    for child, day in enumerate(arrivals):
        start = first + timedelta(days=int(day))
        birth = start - timedelta(days=int(rng.integers(0, 17 * 365)))
        stop = start + timedelta(days=1 + int(rng.exponential(7 * mean_weeks)))
        stop = min(stop, date_of_age(birth, 18))
        place = PLACES[rng.choice(len(PLACES), p=SHARES)]
        episodes.append(Episode(child, birth, start, stop if stop < end else None, place))
    return episodes
