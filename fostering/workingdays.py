"""Working days in England and Wales: weekdays that are not bank holidays. Pure: no I/O.

Bank holidays follow the Banking and Financial Dealings Act 1971 rules (with the early
May holiday added in 1978), computed for any year, plus the one-off changes made by
royal proclamation (``ONE_OFF``). A holiday falling on a weekend is replaced by the
next weekday that is not already a holiday ("substitute day").

Counting convention, as in "within 5 working days of receipt": the start day itself is
never counted, so ``add_working_days(friday, 1)`` is the next Monday (if it is not a
bank holiday), and ``working_days_between(a, add_working_days(a, n)) == n``.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

DAY = timedelta(days=1)

# Changes by proclamation: holidays moved (from -> to) and extra holidays, by year.
MOVED: dict[date, date] = {
    date(1995, 5, 1): date(1995, 5, 8),  # VE Day 50th anniversary
    date(2002, 5, 27): date(2002, 6, 4),  # Golden Jubilee
    date(2012, 5, 28): date(2012, 6, 4),  # Diamond Jubilee
    date(2020, 5, 4): date(2020, 5, 8),  # VE Day 75th anniversary
    date(2022, 5, 30): date(2022, 6, 2),  # Platinum Jubilee
}
EXTRA: frozenset[date] = frozenset(
    {
        date(1999, 12, 31),  # Millennium
        date(2002, 6, 3),  # Golden Jubilee
        date(2011, 4, 29),  # Royal wedding
        date(2012, 6, 5),  # Diamond Jubilee
        date(2022, 6, 3),  # Platinum Jubilee
        date(2022, 9, 19),  # State funeral of Queen Elizabeth II
        date(2023, 5, 8),  # Coronation of King Charles III
    }
)


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (the anonymous "Meeus/Jones/Butcher" computus)."""
    a = year % 19  # place in the 19-year Metonic cycle
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30  # days from 21 March to the Paschal full moon
    i, k = divmod(c, 4)
    weekday = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * weekday) // 451
    month, day = divmod(h + weekday - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(7 - first.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    last = date(year + month // 12, month % 12 + 1, 1) - DAY
    return last - timedelta(days=last.weekday())


def _observed(day: date, taken: set[date]) -> date:
    """The day itself, or (on a weekend) the next weekday not already a holiday."""
    while day.weekday() >= 5 or (day in taken):
        day += DAY
    return day


@lru_cache(maxsize=256)
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays of ``year``, substitute days and one-offs included."""
    easter = easter_sunday(year)
    fixed = {
        easter - 2 * DAY,  # Good Friday
        easter + DAY,  # Easter Monday
        _first_monday(year, 5),  # Early May
        _last_monday(year, 5),  # Spring
        _last_monday(year, 8),  # Summer
    }
    taken = {MOVED.get(day, day) for day in fixed}
    taken.add(_observed(date(year, 1, 1), set()))
    # Weekday holidays are placed before weekend ones take substitutes, so a Sunday
    # Christmas Day is made up on Tuesday 27th (Monday is Boxing Day itself); then
    # Christmas before Boxing Day, so after a Saturday Christmas they take Monday, Tuesday.
    christmas = (date(year, 12, 25), date(year, 12, 26))
    taken.update(day for day in christmas if day.weekday() < 5)
    for day in christmas:
        if day.weekday() >= 5:
            taken.add(_observed(day, taken))
    taken.update(day for day in EXTRA if day.year == year)
    return frozenset(taken)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (before it when ``n`` is negative).

    ``start`` itself never counts; ``n == 0`` gives ``start`` back unchanged.
    """
    step = DAY if n >= 0 else -DAY
    day, left = start, abs(n)
    while left:
        day += step
        if is_working_day(day):
            left -= 1
    return day


def working_days_between(a: date, b: date) -> int:
    """Working days after ``a`` up to and including ``b`` (negative when ``b`` is before ``a``)."""
    if b < a:
        return -working_days_between(b, a)
    count, day = 0, a
    while day < b:
        day += DAY
        count += is_working_day(day)
    return count


def latest_start_overdue_by(today: date, n: int) -> date:
    """The latest start date whose ``n``-working-day deadline is already behind ``today``.

    Deadlines never move earlier as the start moves later, so every clock started on or
    before this date is overdue, and every later one is not: a database can filter on it.
    """
    # Every start from n working days before today on still has its deadline ahead.
    start = add_working_days(today, -n) - DAY
    while add_working_days(start, n) >= today:
        start -= DAY
    return start
