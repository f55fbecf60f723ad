"""Ages by the calendar, in completed years, as the DfE and the law count them.

Someone is N on their Nth birthday (Family Law Reform Act 1969 s9: an age is attained at the
start of the anniversary of the birth), and someone born on 29 February has their birthday on
1 March in a common year. Never divide days by 365.25: on an 18th birthday with four leap days
in the 18 years that gives 17.998, so a child leaving care on the day is counted as leaving at 17.

One module for every age worked on the platform: pure (no Django, no app), so the forecast,
matching, the 903 work and the demo data can all import it. The array forms work on day
numbers (days since 1 January 1970, as numpy's ``datetime64[D]``) so the national forecast
stays vectorised.
"""

from __future__ import annotations

import calendar
from datetime import date
from functools import cache, lru_cache

import numpy as np

EPOCH = date(1970, 1, 1)  # day number 0 of the array forms
_EPOCH_ORDINAL = EPOCH.toordinal()


def birthday_in(birth: date, year: int) -> date:
    """The birthday in ``year`` of someone born on ``birth`` (29 February -> 1 March in a
    common year)."""
    if (birth.month, birth.day) == (2, 29) and not calendar.isleap(year):
        return date(year, 3, 1)
    return birth.replace(year=year)


def date_of_age(birth: date, years: int) -> date:
    """The day someone born on ``birth`` turns ``years`` old."""
    return birthday_in(birth, birth.year + years)


def age_on(birth: date, day: date) -> int:
    """Completed years on ``day`` (negative before the birth)."""
    years = day.year - birth.year
    return years if day >= birthday_in(birth, day.year) else years - 1


def day_number(day: date) -> int:
    """Days since 1 January 1970: the unit of the array forms."""
    return day.toordinal() - _EPOCH_ORDINAL


def ages_on(birth_days: np.ndarray, days: np.ndarray | int) -> np.ndarray:
    """``age_on`` for arrays of day numbers (``days`` may be one day number): int64 years."""
    # A date as one number, year * 512 + month * 32 + day: the difference of two, floored by
    # 512, is the difference in years less one when the (month, day) is not reached yet.
    # 29 February (2, 29) lies between 28 February and 1 March, so a 29 February birthday is
    # reached on 1 March in a common year.
    return (_date_keys(days) - _date_keys(birth_days)) >> 9  # >> 9: floor division by 512


def days_of_age(birth_days: np.ndarray, years: int) -> np.ndarray:
    """``date_of_age`` for an array of day numbers: the day numbers of the birthdays."""
    births = np.asarray(birth_days, dtype=np.int64)
    if _in_table(births):
        return births + _birthday_offsets(years)[births - _TABLE_FROM]
    year, month, day = _civil(births)
    return _days_from_civil(year + years, month, day)


# Lookup tables over 1900-2199, built on first use: a gather is several times faster than the
# calendar arithmetic below, which serves days outside them.
_TABLE_FROM = day_number(date(1900, 1, 1))
_TABLE_TO = day_number(date(2200, 1, 1))


def _in_table(days: np.ndarray) -> bool:
    return days.size == 0 or (days.min() >= _TABLE_FROM and days.max() < _TABLE_TO)


@cache
def _key_table() -> np.ndarray:
    return _date_key(np.arange(_TABLE_FROM, _TABLE_TO, dtype=np.int64))


@lru_cache(maxsize=32)  # 0.9 MB a table; the forecast asks for 9 ages
def _birthday_offsets(years: int) -> np.ndarray:
    """Days from each day of the table to its ``years``-th anniversary."""
    days = np.arange(_TABLE_FROM, _TABLE_TO, dtype=np.int64)
    year, month, day = _civil(days)
    return _days_from_civil(year + years, month, day) - days


def _date_keys(days: np.ndarray | int) -> np.ndarray:
    days = np.asarray(days, dtype=np.int64)
    if _in_table(days):
        return _key_table()[days - _TABLE_FROM]
    return _date_key(days)


# Integer calendar arithmetic (H. Hinnant, "chrono-Compatible Low-Level Date Algorithms"), for
# the tables and for days outside them. Years count from 1 March, so 29 February is a year's
# last day and "29 February" of a common year is 1 March.
_DAYS_0000_03_01_TO_EPOCH = 719_468
_DAYS_IN_400_YEARS = 146_097


def _civil(days: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(year, month, day) arrays of day numbers."""
    z = days + _DAYS_0000_03_01_TO_EPOCH
    era = z // _DAYS_IN_400_YEARS
    day_of_era = z - era * _DAYS_IN_400_YEARS
    year_of_era = (
        day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096
    ) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    month_from_march = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * month_from_march + 2) // 5 + 1
    month = np.where(month_from_march < 10, month_from_march + 3, month_from_march - 9)
    year = year_of_era + era * 400 + (month <= 2)
    return year, month, day


def _days_from_civil(year: np.ndarray, month: np.ndarray, day: np.ndarray) -> np.ndarray:
    """Day numbers of (year, month, day) arrays; a day past the month's end runs on into the
    next month (29 February of a common year is 1 March)."""
    year = year - (month <= 2)
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * np.where(month > 2, month - 3, month + 9) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * _DAYS_IN_400_YEARS + day_of_era - _DAYS_0000_03_01_TO_EPOCH


def _date_key(days: np.ndarray) -> np.ndarray:
    year, month, day = _civil(days.astype(np.int64, copy=False))
    return year * 512 + month * 32 + day
