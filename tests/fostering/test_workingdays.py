"""Working days against the bank holidays gov.uk publishes for England and Wales."""

from __future__ import annotations

from datetime import date

import pytest

from fostering.workingdays import (
    add_working_days,
    bank_holidays,
    easter_sunday,
    is_working_day,
    latest_start_overdue_by,
    working_days_between,
)


def d(text: str) -> date:
    return date.fromisoformat(text)


# https://www.gov.uk/bank-holidays (and its archive), England and Wales.
PUBLISHED = {
    2020: "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28",
    2021: "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28",
    2022: "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27",
    2023: "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26",
    2024: "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26",
    2025: "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26",
    2026: "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28",
    2027: "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28",
}


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_bank_holidays_match_the_published_dates(year):
    expected = {d(f"{year}-{md}") for md in PUBLISHED[year].split()}
    assert bank_holidays(year) == expected


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (1818, "1818-03-22"),  # the earliest possible date
        (1943, "1943-04-25"),  # the latest possible date
        (2000, "2000-04-23"),
        (2008, "2008-03-23"),
        (2011, "2011-04-24"),
        (2019, "2019-04-21"),
        (2038, "2038-04-25"),
        (2285, "2285-03-22"),
    ],
)
def test_easter_sunday(year, expected):
    assert easter_sunday(year) == d(expected)


@pytest.mark.parametrize(
    ("day", "holiday"),
    [
        ("2011-04-29", True),  # royal wedding, a one-off
        ("2012-05-28", False),  # spring holiday moved to 4 June for the Diamond Jubilee
        ("2012-06-04", True),
        ("2012-06-05", True),
        ("2020-05-04", False),  # early May moved to VE Day
        ("2022-05-30", False),  # spring holiday moved to 2 June
        ("2016-12-27", True),  # Christmas on a Sunday: made up on Tuesday
        ("2010-12-28", True),  # Christmas on a Saturday: Boxing Day made up on Tuesday
        ("2017-01-02", True),  # New Year's Day on a Sunday
    ],
)
def test_rules_and_one_off_changes_in_other_years(day, holiday):
    assert (d(day) in bank_holidays(d(day).year)) is holiday


@pytest.mark.parametrize(
    ("day", "working"),
    [
        ("2025-12-24", True),
        ("2025-12-25", False),
        ("2025-12-27", False),  # a Saturday
        ("2025-12-29", True),
        ("2026-04-03", False),  # Good Friday
        ("2026-04-07", True),
    ],
)
def test_is_working_day(day, working):
    assert is_working_day(d(day)) is working


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        ("2025-06-02", 0, "2025-06-02"),  # the start day itself is never counted
        ("2025-06-02", 1, "2025-06-03"),
        ("2025-06-06", 1, "2025-06-09"),  # Friday to Monday
        ("2025-06-07", 1, "2025-06-09"),  # received on a Saturday
        ("2026-04-02", 1, "2026-04-07"),  # over Easter
        ("2026-04-01", 5, "2026-04-10"),
        ("2025-12-24", 1, "2025-12-29"),  # over Christmas
        ("2026-12-24", 3, "2026-12-31"),  # Boxing Day on a Saturday: Monday 28th is off
        ("2022-06-01", 1, "2022-06-06"),  # Platinum Jubilee Thursday and Friday
        ("2025-01-06", 40, "2025-03-03"),
        ("2025-06-09", -1, "2025-06-06"),  # backwards
        ("2026-04-07", -2, "2026-04-01"),
    ],
)
def test_add_working_days(start, n, expected):
    assert add_working_days(d(start), n) == d(expected)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2025-06-02", "2025-06-02", 0),
        ("2025-06-06", "2025-06-09", 1),
        ("2025-06-06", "2025-06-08", 0),  # only the weekend between
        ("2026-04-02", "2026-04-07", 1),
        ("2025-12-19", "2026-01-02", 7),
        ("2025-06-09", "2025-06-06", -1),
    ],
)
def test_working_days_between(a, b, expected):
    assert working_days_between(d(a), d(b)) == expected


@pytest.mark.parametrize("n", [0, 1, 5, 40])
def test_adding_then_counting_gives_the_same_number(n):
    for start in (d("2025-12-19"), d("2026-04-02"), d("2022-05-31")):
        assert working_days_between(start, add_working_days(start, n)) == n


@pytest.mark.parametrize("n", [0, 1, 5, 7])
@pytest.mark.parametrize("today", ["2026-04-07", "2026-04-08", "2025-12-29", "2026-01-05"])
def test_latest_start_overdue_by_splits_overdue_from_not(n, today):
    today = d(today)
    cut = latest_start_overdue_by(today, n)
    assert add_working_days(cut, n) < today
    for later in range(1, 15):
        start = date.fromordinal(cut.toordinal() + later)
        assert add_working_days(start, n) >= today
