"""Ages by the calendar (rcc.kit.ages): tables of birth date and day -> completed years."""

from __future__ import annotations

import random
from datetime import date, timedelta

import numpy as np
import pytest

from rcc.kit.ages import (
    age_on,
    ages_on,
    birthday_in,
    date_of_age,
    day_number,
    days_of_age,
)

LEAP_DAY_2008 = date(2008, 2, 29)
FIRST_MARCH_2008 = date(2008, 3, 1)
# 18 years holding four leap days (2008, 2012, 2016, 2020): the 18th birthday is 6,574 days
# after the birth, 17.998 years of 365.25 days. Five leap days: 6,575 days, exactly 18.0.
FOUR_LEAP_DAYS = date(2005, 6, 15)
FIVE_LEAP_DAYS = date(2006, 6, 15)

AGES = [
    # born, on, completed years
    (LEAP_DAY_2008, date(2008, 2, 28), -1),
    (LEAP_DAY_2008, LEAP_DAY_2008, 0),
    (LEAP_DAY_2008, date(2009, 2, 28), 0),
    (LEAP_DAY_2008, date(2009, 3, 1), 1),  # 1 March in a common year
    (LEAP_DAY_2008, date(2012, 2, 28), 3),
    (LEAP_DAY_2008, date(2012, 2, 29), 4),  # 29 February in a leap year
    (LEAP_DAY_2008, date(2026, 2, 28), 17),
    (LEAP_DAY_2008, date(2026, 3, 1), 18),
    (FIRST_MARCH_2008, date(2009, 2, 28), 0),
    (FIRST_MARCH_2008, date(2009, 3, 1), 1),
    (FIRST_MARCH_2008, date(2012, 2, 29), 3),
    (FIRST_MARCH_2008, date(2012, 3, 1), 4),
    (FIRST_MARCH_2008, date(2026, 2, 28), 17),
    (FIRST_MARCH_2008, date(2026, 3, 1), 18),
    (date(2007, 3, 1), date(2024, 2, 29), 16),
    (date(2007, 3, 1), date(2024, 3, 1), 17),
    (date(2007, 2, 28), date(2024, 2, 28), 17),
    (FOUR_LEAP_DAYS, date(2023, 6, 14), 17),
    (FOUR_LEAP_DAYS, date(2023, 6, 15), 18),
    (FIVE_LEAP_DAYS, date(2024, 6, 14), 17),
    (FIVE_LEAP_DAYS, date(2024, 6, 15), 18),
    (date(2010, 12, 31), date(2011, 1, 1), 0),
    (date(2010, 12, 31), date(2011, 12, 31), 1),
    (date(2000, 2, 29), date(2100, 2, 28), 99),  # 2100 is not a leap year
    (date(2000, 2, 29), date(2100, 3, 1), 100),
]


@pytest.mark.parametrize(("born", "on", "years"), AGES)
def test_age_on_counts_completed_years_by_the_calendar(born, on, years):
    assert age_on(born, on) == years


@pytest.mark.parametrize(("born", "on", "years"), AGES)
def test_ages_on_arrays_agree_with_age_on(born, on, years):
    assert ages_on(np.array([day_number(born)]), day_number(on)).tolist() == [years]
    assert ages_on(np.array([day_number(born)]), np.array([day_number(on)])).tolist() == [years]


@pytest.mark.parametrize(
    ("born", "year", "birthday"),
    [
        (LEAP_DAY_2008, 2026, date(2026, 3, 1)),
        (LEAP_DAY_2008, 2028, date(2028, 2, 29)),
        (LEAP_DAY_2008, 2100, date(2100, 3, 1)),
        (FIRST_MARCH_2008, 2026, date(2026, 3, 1)),
        (FIRST_MARCH_2008, 2028, date(2028, 3, 1)),
        (date(2008, 2, 28), 2028, date(2028, 2, 28)),
    ],
)
def test_a_birthday_on_29_february_falls_on_1_march_in_a_common_year(born, year, birthday):
    assert birthday_in(born, year) == birthday


@pytest.mark.parametrize(
    ("born", "years", "day"),
    [
        (LEAP_DAY_2008, 1, date(2009, 3, 1)),
        (LEAP_DAY_2008, 16, date(2024, 2, 29)),
        (LEAP_DAY_2008, 18, date(2026, 3, 1)),
        (FIRST_MARCH_2008, 18, date(2026, 3, 1)),
        (FOUR_LEAP_DAYS, 18, FOUR_LEAP_DAYS + timedelta(days=6574)),
        (FIVE_LEAP_DAYS, 18, FIVE_LEAP_DAYS + timedelta(days=6575)),
        (date(2010, 7, 4), 0, date(2010, 7, 4)),
    ],
)
def test_date_of_age_is_the_day_someone_turns_that_age(born, years, day):
    assert date_of_age(born, years) == day
    assert age_on(born, day) == years
    assert age_on(born, day - timedelta(days=1)) == years - 1
    assert days_of_age(np.array([day_number(born)]), years).tolist() == [day_number(day)]


def _random_pairs(first: date, days: int, n: int = 20_000) -> tuple[list[date], list[date]]:
    rng = random.Random(18)
    births = [first + timedelta(days=rng.randrange(days)) for _ in range(n)]
    return births, [b + timedelta(days=rng.randrange(-400, 7000)) for b in births]


@pytest.mark.parametrize(
    "first",
    [date(1990, 1, 1), date(1850, 1, 1), date(2190, 1, 1)],  # the lookup tables end at 1900-2199
)
def test_the_array_forms_agree_with_the_scalar_ones_everywhere(first):
    births, days = _random_pairs(first, 20 * 366)
    birth_days = np.array([day_number(b) for b in births])
    expected = [age_on(b, d) for b, d in zip(births, days, strict=True)]
    assert ages_on(birth_days, np.array([day_number(d) for d in days])).tolist() == expected
    for years in (1, 5, 10, 16, 18):
        expected_days = [day_number(date_of_age(b, years)) for b in births]
        assert days_of_age(birth_days, years).tolist() == expected_days


def test_the_array_forms_take_empty_arrays():
    assert ages_on(np.array([], dtype=np.int64), 0).tolist() == []
    assert days_of_age(np.array([], dtype=np.int64), 18).tolist() == []
