"""Outcome figures (pure): tables of rows in, hand-worked figures out."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction

import pytest

from placements.outcomes import (
    CouncilOutcomes,
    DeclineCount,
    Distance,
    DistributionRow,
    Endings,
    OutOfArea,
    PlacementRow,
    Responses,
    RouteCost,
    TimeToPlacement,
    distance,
    endings,
    outcomes,
    responses,
    time_to_placement,
)

TODAY = date(2026, 6, 30)


def row(
    council="Bolton",
    start=date(2025, 1, 10),
    end=None,
    submitted=None,
    miles=None,
    outside=False,
    unplanned=False,
    route="spot",
    cost="5000",
) -> PlacementRow:
    start, end, submitted = (_day(v) for v in (start, end, submitted))
    return PlacementRow(
        council, start, end, submitted, miles, outside, unplanned, route, Decimal(cost)
    )


def _day(value: str | date | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


def hours(value: float) -> timedelta:
    return timedelta(hours=value)


# Five placements over two councils; every figure below is worked by hand from these.
PLACEMENTS = [
    # (council, start, end, first submitted, miles, outside, unplanned, route, weekly cost)
    # A: 10 days from referral; 5 miles; Bolton's own area; still going after 12+ months.
    ("Bolton", "2025-01-10", None, "2024-12-31", 5.0, False, False, "framework", "5000"),
    # B: 28 days; 25 miles, outside; broke down within its first year.
    ("Bolton", "2025-03-01", "2025-08-01", "2025-02-01", 25.0, True, True, "spot", "7000"),
    # C: no referral (recorded from an existing agreement); distance unknown; too new to judge.
    ("Bury", "2026-05-01", None, None, None, True, False, "spot", "6500"),
    # D: 12 days; exactly 20 miles (within); broke down, but after its first anniversary.
    ("Bury", "2024-06-01", "2025-07-01", "2024-05-20", 20.0, False, True, "framework", "5200"),
    # E: 1 day; 40 miles, outside; ended to plan after two weeks.
    ("Bury", "2026-06-01", "2026-06-15", "2026-05-31", 40.0, True, False, "spot", "7100.10"),
]
DISTRIBUTIONS = [
    DistributionRow("Acorn Care", hours(3)),
    DistributionRow("Acorn Care", hours(24)),
    DistributionRow("Acorn Care", None),  # never answered
    DistributionRow("Birch Homes", hours(1.5)),
]
DECLINES = ["no_vacancy", "needs", "no_vacancy", "risks", "needs", "no_vacancy"]


@pytest.fixture
def figures():
    placements = [row(*values) for values in PLACEMENTS]
    return outcomes(placements, DISTRIBUTIONS, DECLINES, today=TODAY, everyone="All")


def test_the_region_overall(figures):
    assert figures.overall == CouncilOutcomes(
        council="All",
        # days 1, 10, 12, 28: median (10 + 12) / 2, mean 51 / 4 = 12.75
        time=TimeToPlacement(4, Decimal("11.0"), Decimal("12.8")),
        distance=Distance(placements=5, within=2, beyond=2, unknown=1),
        out_of_area=OutOfArea(placements=5, outside=3),
        endings=Endings(observed=4, unplanned=1),  # C is too new; only B broke down early
    )
    assert figures.overall.distance.share_within == Fraction(1, 2)
    assert figures.overall.out_of_area.share_outside == Fraction(3, 5)
    assert figures.overall.endings.share_unplanned == Fraction(1, 4)


def test_each_council_in_name_order(figures):
    bolton, bury = figures.councils
    assert bolton == CouncilOutcomes(
        "Bolton",
        TimeToPlacement(2, Decimal("19.0"), Decimal("19.0")),
        Distance(2, 1, 1, 0),
        OutOfArea(2, 1),
        Endings(2, 1),
    )
    assert bury == CouncilOutcomes(
        "Bury",
        TimeToPlacement(2, Decimal("6.5"), Decimal("6.5")),
        Distance(3, 1, 1, 1),
        OutOfArea(3, 2),
        Endings(2, 0),
    )


def test_provider_responses(figures):
    assert figures.responses == Responses("All", sent=4, responded=3, median_hours=Decimal("3.0"))
    assert figures.responses.rate == Fraction(3, 4)
    assert figures.providers == [
        Responses("Acorn Care", 3, 2, Decimal("13.5")),  # median of 3 and 24 hours
        Responses("Birch Homes", 1, 1, Decimal("1.5")),
    ]


def test_decline_reasons_most_common_first(figures):
    assert figures.declines == [
        DeclineCount("no_vacancy", 3, Fraction(1, 2)),
        DeclineCount("needs", 2, Fraction(1, 3)),
        DeclineCount("risks", 1, Fraction(1, 6)),
    ]


def test_framework_and_spot_shares_and_average_costs(figures):
    assert figures.routes == [
        RouteCost("framework", 2, Fraction(2, 5), Decimal("5100.00")),
        # (7,000 + 6,500 + 7,100.10) / 3 = 6,866.70
        RouteCost("spot", 3, Fraction(3, 5), Decimal("6866.70")),
    ]


def test_nothing_to_measure_gives_no_figures_rather_than_zero():
    empty = outcomes([], [], [], today=TODAY)
    assert empty.overall.time == TimeToPlacement(0, None, None)
    assert empty.overall.distance.share_within is None
    assert empty.overall.out_of_area.share_outside is None
    assert empty.overall.endings.share_unplanned is None
    assert empty.responses.rate is None and empty.responses.median_hours is None
    assert empty.councils == [] and empty.providers == [] and empty.declines == []
    assert empty.routes == []


@pytest.mark.parametrize(
    ("start", "end", "unplanned", "expected"),
    [
        (date(2025, 6, 30), None, False, (1, 0)),  # its first anniversary is today
        (date(2025, 7, 1), None, False, (0, 0)),  # a day short of a year, still going
        (date(2026, 6, 1), date(2026, 6, 20), True, (1, 1)),  # new, but already broke down
        (date(2025, 1, 1), date(2026, 1, 1), True, (1, 1)),  # broke down on the anniversary
        (date(2025, 1, 1), date(2026, 1, 2), True, (1, 0)),  # a day after it
        (date(2025, 1, 1), date(2025, 3, 1), False, (1, 0)),  # ended early, to plan
        (date(2024, 2, 29), date(2025, 3, 1), True, (1, 1)),  # leap day: anniversary 1 March
        (date(2024, 2, 29), date(2025, 3, 2), True, (1, 0)),
    ],
)
def test_unplanned_endings_within_12_months(start, end, unplanned, expected):
    result = endings([row(start=start, end=end, unplanned=unplanned)], today=TODAY)
    assert (result.observed, result.unplanned) == expected


@pytest.mark.parametrize(
    ("miles", "expected"),
    [
        ([0.0, 19.9, 20.0], Distance(3, 3, 0, 0)),
        ([20.1, 150.0], Distance(2, 0, 2, 0)),
        ([None, None, 3.0], Distance(3, 1, 0, 2)),
    ],
)
def test_distance_counts_20_miles_as_within(miles, expected):
    assert distance([row(miles=m) for m in miles]) == expected


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ([7], TimeToPlacement(1, Decimal("7.0"), Decimal("7.0"))),
        ([1, 2, 4], TimeToPlacement(3, Decimal("2.0"), Decimal("2.3"))),  # 7 / 3
        ([0, 1], TimeToPlacement(2, Decimal("0.5"), Decimal("0.5"))),
        ([5, 6], TimeToPlacement(2, Decimal("5.5"), Decimal("5.5"))),
    ],
)
def test_days_from_referral_to_start(days, expected):
    start = date(2026, 3, 1)
    rows = [row(start=start, submitted=date.fromordinal(start.toordinal() - d)) for d in days]
    assert time_to_placement([*rows, row(submitted=None)]) == expected


def test_response_hours_round_to_a_tenth():
    twenty_minutes = timedelta(minutes=20)  # 0.333 hours
    result = responses([DistributionRow("Acorn", twenty_minutes)], provider="Acorn")
    assert result.median_hours == Decimal("0.3") and result.rate == 1
