"""The forecast works ages by the calendar: leaving care at 18 is ageing, never an exit too."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from rcc.kit.ages import date_of_age
from sufficiency.forecasting import STATES, Episode, fit, stock_at
from sufficiency.forecasting.states import OUT

SUPPORTED_16_17 = STATES.index(("16-17", "supported"))
DAY = timedelta(days=1)
BIRTHS = [
    date(2005, 6, 15),  # four leap days in its 18 years: 17.998 years of 365.25 days at 18
    date(2006, 6, 15),  # five leap days
    date(2004, 2, 29),  # turns 18 on 1 March 2022
    date(2004, 3, 1),
    date(2006, 3, 1),  # 29 February 2024 is its last day of 17
]


def _fit_on_leaving(birth: date, end: date):
    """50 children in supported accommodation from their 16th birthday until ``end``."""
    episodes = [Episode(i, birth, date_of_age(birth, 16), end, "K3") for i in range(50)]
    return fit(episodes, start=date_of_age(birth, 16), end=date_of_age(birth, 18) + 30 * DAY)


@pytest.mark.parametrize("birth", BIRTHS)
def test_fit_counts_no_exit_for_an_episode_ending_on_the_18th_birthday(birth):
    model = _fit_on_leaving(birth, date_of_age(birth, 18))
    assert model.moves[:, OUT].sum() == 0  # ageing out of 16-17 models it
    # Two years in the band, to the day: the model saw every day of 16 and 17.
    weeks = (date_of_age(birth, 18) - date_of_age(birth, 16)).days / 7
    assert model.exposure_weeks[SUPPORTED_16_17] == pytest.approx(50 * weeks)


@pytest.mark.parametrize("birth", BIRTHS)
def test_fit_counts_an_exit_for_an_episode_ending_the_day_before_the_18th_birthday(birth):
    model = _fit_on_leaving(birth, date_of_age(birth, 18) - DAY)
    assert model.moves[SUPPORTED_16_17, OUT] == pytest.approx(model.moves[SUPPORTED_16_17].sum())
    assert model.moves[SUPPORTED_16_17, OUT] > 0


@pytest.mark.parametrize("birth", [date(2004, 2, 29), date(2004, 3, 1), date(2009, 8, 20)])
@pytest.mark.parametrize(
    ("years", "band_before", "band_on"),
    [
        (1, "0-4", "0-4"),  # the forecast's first band runs from birth to 4
        (5, "0-4", "5-9"),
        (10, "5-9", "10-15"),
        (16, "10-15", "16-17"),
        (18, "16-17", None),  # out of the forecast's care ages on the 18th birthday
    ],
)
def test_a_child_changes_band_on_the_birthday(birth, years, band_before, band_on):
    open_episode = [Episode(1, birth, birth, None, "U4")]
    birthday = date_of_age(birth, years)
    assert stock_at(open_episode, birthday - DAY) == {(band_before, "fostering_other"): 1}
    expected = {(band_on, "fostering_other"): 1} if band_on else {}
    assert stock_at(open_episode, birthday) == expected


def test_entries_and_exposure_change_band_on_the_16th_birthday():
    birth = date(2008, 2, 29)
    sixteen = date_of_age(birth, 16)  # 29 February 2024: a leap year
    episodes = [
        Episode(1, birth, sixteen - DAY, date(2024, 6, 1), "K2"),  # enters at 15
        Episode(2, birth, sixteen, date(2024, 6, 1), "K2"),  # enters at 16
    ]
    model = fit(episodes, start=date(2024, 1, 1), end=date(2025, 1, 1))
    assert model.entries[STATES.index(("10-15", "residential"))] > 0
    assert model.entries[STATES.index(("16-17", "residential"))] > 0
    assert model.exposure_weeks[STATES.index(("10-15", "residential"))] == pytest.approx(1 / 7)
