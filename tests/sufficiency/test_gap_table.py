"""The gap table, need table, measures and version differences against hand-computed tables."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from sufficiency import frozen, gaps, measures
from sufficiency.gaps import PlacedChild, PlannedPlaces

AREAS = ["Bolton", "Bury"]
DEMAND = {
    ("Bolton", "residential", 0): 10.0,
    ("Bolton", "residential", 52): 12.0,
    ("Bolton", "residential", 104): 15.0,
    ("Bury", "residential", 0): 4.0,
    ("Bury", "residential", 52): 5.0,
    ("Bury", "residential", 104): 6.0,
    ("Bolton", "fostering_other", 0): 20.0,
    ("Bolton", "fostering_other", 52): 22.0,
    ("Bolton", "fostering_other", 104): 25.0,
}
PLACES = {
    "Bolton": {"childrens_home": 8, "ifa": 10, gaps.FOSTER_CARERS: 5, "supported": 3},
    "Bury": {"childrens_home": 6},
}
VACANCIES = {"Bolton": {"childrens_home": 1, gaps.FOSTER_CARERS: 2}}
PLACED = [
    PlacedChild("Bolton", "residential", "complex", True, 35.0),
    PlacedChild("Bolton", "residential", "core", False, 10.0),
    PlacedChild("Bury", "residential", "core", False, None),
    PlacedChild("Bury", "fostering_other", "core", True, 25.0),
]
PIPELINE = [
    PlannedPlaces("Bolton", "residential", "complex", 2, 30, "approved"),
    PlannedPlaces("Bolton", "residential", "complex", 3, 80, "building"),
    PlannedPlaces("Bury", "residential", "core", 4, 10, "idea"),  # an idea: not counted
    PlannedPlaces("Bury", "supported", "core", 2, None, "approved"),  # no date: not counted
]

# area, category: demand now/12/24, places, vacancies, outside region, over 20 miles,
# planned 12/24, gap now/12/24, trend: worked out by hand from the inputs above.
EXPECTED = [
    ("Bolton", "fostering_other", 20, 22, 25, 15, 2, 0, 0, 0, 0, 5, 7, 10, "worsening"),
    ("Bolton", "residential", 10, 12, 15, 8, 1, 1, 1, 2, 5, 2, 2, 2, "steady"),
    ("Bolton", "supported", 0, 0, 0, 3, 0, 0, 0, 0, 0, -3, -3, -3, "steady"),
    ("Bury", "fostering_other", 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, "steady"),
    ("Bury", "residential", 4, 5, 6, 6, 0, 0, 0, 0, 0, -2, -1, 0, "worsening"),
    ("Bury", "supported", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "steady"),
    (gaps.REGION, "fostering_other", 20, 22, 25, 15, 2, 1, 1, 0, 0, 5, 7, 10, "worsening"),
    (gaps.REGION, "residential", 14, 17, 21, 14, 1, 1, 1, 2, 5, 0, 1, 2, "worsening"),
    (gaps.REGION, "supported", 0, 0, 0, 3, 0, 0, 0, 0, 0, -3, -3, -3, "steady"),
]


def _table():
    return gaps.gap_table(
        areas=AREAS,
        demand=DEMAND,
        places=PLACES,
        vacancies=VACANCIES,
        placed=PLACED,
        pipeline=PIPELINE,
    )


def test_the_gap_table_matches_the_hand_computed_one():
    rows = [
        (
            r.area, r.category, r.demand_now, r.demand_12, r.demand_24, r.places, r.vacancies,
            r.placed_outside_region, r.placed_over_20_miles, r.planned_12, r.planned_24,
            r.gap_now, r.gap_12, r.gap_24, r.trend,
        )
        for r in _table()
    ]  # fmt: skip
    assert rows == EXPECTED


def test_the_region_rows_are_the_sum_of_the_councils():
    rows = _table()
    for category in gaps.SETTING_TYPES_OF_CATEGORY:
        councils = [r for r in rows if r.category == category and r.area != gaps.REGION]
        region = next(r for r in rows if r.category == category and r.area == gaps.REGION)
        assert region.gap_12 == sum(r.gap_12 for r in councils)
        assert region.places == sum(r.places for r in councils)


@pytest.mark.parametrize(
    ("week", "expected"),
    [
        (29, {}),  # nothing open yet
        (30, {("Bolton", "residential"): 2}),
        (104, {("Bolton", "residential"): 5}),  # ideas and undated projects never count
    ],
)
def test_planned_places_count_from_their_opening_week(week, expected):
    assert gaps.planned_by(PIPELINE, week) == expected


def test_the_need_table_counts_children_placed_and_places_planned_by_need():
    rows = {
        (r.category, r.need_level): (r.placed, r.placed_outside_region, r.placed_over_20_miles,
                                     r.planned, r.proposed)
        for r in gaps.need_table(PLACED, PIPELINE, ("core", "enhanced", "complex"))
    }  # fmt: skip
    assert rows[("residential", "complex")] == (1, 1, 1, 5, 0)
    assert rows[("residential", "core")] == (2, 0, 0, 0, 4)
    assert rows[("fostering_other", "core")] == (1, 1, 1, 0, 0)
    assert rows[("supported", "core")] == (0, 0, 0, 2, 0)
    assert rows[("residential", "enhanced")] == (0, 0, 0, 0, 0)


def _fact(start, end, kind, miles, outside, cost):
    return measures.PlacementFact(start, end, kind, miles, outside, Decimal(cost))


def test_measures_on_a_day_match_the_hand_computed_shares():
    facts = [
        _fact(date(2025, 1, 1), None, "childrens_home", 30.0, True, "6000"),
        _fact(date(2025, 1, 1), None, "ifa", 5.0, False, "900"),
        _fact(date(2025, 2, 1), date(2025, 3, 1), "ifa", 5.0, False, "800"),  # ended before
        _fact(date(2025, 1, 1), None, "la_fostering", None, False, "400"),
        _fact(date(2025, 1, 1), None, "childrens_home", 12.0, False, "5001"),
    ]
    row = measures.measure_on(facts, date(2025, 3, 31))
    assert row.placed == 4
    assert row.within_20_miles == 66.7  # 2 of 3 with a known distance
    assert row.outside_region == 25.0
    assert row.family_based == 50.0
    assert row.residential == 50.0
    assert row.weekly_cost == {
        "fostering_other": Decimal("650.00"),
        "residential": Decimal("5500.50"),
        "supported": None,
    }


def test_quarter_ends_are_the_last_eight_before_today():
    ends = measures.quarter_ends(date(2026, 12, 2))
    assert ends[0] == date(2024, 12, 31) and ends[-1] == date(2026, 9, 30)
    assert len(ends) == 8


def test_changes_list_sections_figures_and_projects_that_moved():
    before = frozen.freeze(
        as_of="2026-01-01", forecast=None, rows=_table(), needs=[], pipeline=[{"name": "Old"}],
        measure_rows=[], actions=[], prices=[],
    )  # fmt: skip
    rows = _table()
    rows[0] = dataclasses.replace(rows[0], places=18)
    after = frozen.freeze(
        as_of="2026-02-01", forecast=None, rows=rows, needs=[], pipeline=[{"name": "New"}],
        measure_rows=[], actions=[], prices=[],
    )  # fmt: skip
    changed = frozen.changes(before, {"context": "a"}, after, {"context": "b"})
    assert changed["sections"] == ["context"]
    assert changed["figures"] == [
        {"area": "Bolton", "category": "fostering_other", "field": "places", "before": 15,
         "after": 18},
    ]  # fmt: skip
    assert changed["projects_added"] == ["New"] and changed["projects_removed"] == ["Old"]
    assert frozen.changes(None, None, after, {})["first"] is True


def test_market_needs_ask_for_councils_short_of_places():
    rows = [frozen.gap_row(r) for r in _table()]
    far = {"placed_outside_region": 1, "placed_over_20_miles": 1}
    needs = frozen.market_needs(
        rows, [{"category": "fostering_other", "need_level": "core", **far}]
    )
    assert needs == [
        {"council": "Bolton", "category": "fostering_other", "places": 7, "need_levels": ["core"]},
        {"council": "Bolton", "category": "residential", "places": 2, "need_levels": []},
    ]
