"""Matching: hard filters with their reasons, scores worked by hand, and shortlist order.

Grid points are metres; 1 mile = 1,609.344 m, so 16,093 m east is 9.9997 miles, shown and
scored as 10.0. Distance points: weight x (50 - miles) / 45, full within 5 miles, none from 50.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from placements.matching import (
    Candidate,
    ChildNeeds,
    Exclusion,
    Factor,
    Match,
    VacancySlot,
    shortlist,
)

REQUIRED_BY = date(2025, 3, 3)
HOME = (400_000, 300_000)


def slot(vacancy_id: int = 10, **overrides) -> VacancySlot:
    fields = {
        "places": 3,
        "available_from": date(2025, 3, 1),
        "available_until": None,
        "age_min": 0,
        "age_max": 18,
    }
    return VacancySlot(vacancy_id=vacancy_id, **(fields | overrides))


# A 12-year-old boy with emotional and behavioural needs, to be placed alone, planned.
CHILD = ChildNeeds(
    age=12,
    sex="male",
    placement_types=frozenset({"childrens_home"}),
    needs=frozenset({"EBD"}),
    sibling_group_size=1,
    emergency=False,
    required_by=REQUIRED_BY,
)

# A children's home that takes him. Unscored extras unknown, so it scores
# 0 home + 0 school + 12 good + 7.5 price not known + 0 spot + 5 stability not known = 24.5.
SETTING = Candidate(
    setting_id=1,
    setting_type="childrens_home",
    status="active",
    age_min=8,
    age_max=17,
    sexes="mixed",
    needs=frozenset({"EBD", "LD"}),
    takes_emergencies=True,
    takes_sibling_groups=True,
    takes_uasc=True,
    takes_parent_and_child=True,
    latest_judgement=2,
    location=None,
    vacancies=(slot(),),
)


def child(**overrides) -> ChildNeeds:
    return replace(CHILD, **overrides)


def setting(setting_id: int = 1, **overrides) -> Candidate:
    return replace(SETTING, setting_id=setting_id, **overrides)


def east(miles_in_metres: int) -> tuple[int, int]:
    """A point this many metres east of the family home."""
    return (HOME[0] + miles_in_metres, HOME[1])


def only_match(child_needs: ChildNeeds, candidate: Candidate) -> Match:
    result = shortlist(child_needs, [candidate])
    assert result.exclusions == ()
    (match,) = result.matches
    return match


def factor(child_needs: ChildNeeds, candidate: Candidate, name: str) -> Factor:
    (found,) = [f for f in only_match(child_needs, candidate).factors if f.name == name]
    return found


def order(result) -> list[int]:
    return [match.setting_id for match in result.matches]


# Hard filters ---------------------------------------------------------------------------------

NO_VACANCY = "no vacancy with 1 place open on 3 March 2025 for a child aged 12"

EXCLUSIONS = [
    pytest.param(
        {},
        {"setting_type": "ifa"},
        "setting type not suitable (independent fostering agency)",
        id="type",
    ),
    pytest.param({}, {"status": "suspended"}, "not active (suspended)", id="suspended"),
    pytest.param({}, {"status": "closed"}, "not active (closed)", id="closed"),
    pytest.param(
        {}, {"latest_judgement": 4}, "latest Ofsted judgement is inadequate", id="inadequate"
    ),
    pytest.param(
        {"age": 7}, {}, "does not take a child aged 7 (ages 8 to 17)", id="younger_than_range"
    ),
    pytest.param(
        {"age": 18}, {}, "does not take a child aged 18 (ages 8 to 17)", id="older_than_range"
    ),
    pytest.param({}, {"sexes": "female"}, "does not take boys (girls only)", id="girls_only"),
    pytest.param(
        {"sex": "female"}, {"sexes": "male"}, "does not take girls (boys only)", id="boys_only"
    ),
    pytest.param(
        {"needs": frozenset({"EBD", "MH", "DA"})}, {}, "not registered for DA, MH", id="needs"
    ),
    pytest.param(
        {"sibling_group_size": 2},
        {"takes_sibling_groups": False},
        "does not take sibling groups (group of 2)",
        id="siblings",
    ),
    pytest.param(
        {"emergency": True},
        {"takes_emergencies": False},
        "does not take emergency placements",
        id="emergency",
    ),
    pytest.param(
        {"is_uasc": True},
        {"takes_uasc": False},
        "does not take unaccompanied asylum-seeking children",
        id="uasc",
    ),
    pytest.param(
        {"parent_and_child": True},
        {"takes_parent_and_child": False},
        "does not take parent and child placements",
        id="parent_and_child",
    ),
    pytest.param({}, {"vacancies": ()}, NO_VACANCY, id="no_vacancies"),
    pytest.param(
        {}, {"vacancies": (slot(available_from=date(2025, 3, 4)),)}, NO_VACANCY, id="opens_late"
    ),
    pytest.param(
        {}, {"vacancies": (slot(available_until=date(2025, 3, 2)),)}, NO_VACANCY, id="closes_early"
    ),
    pytest.param({}, {"vacancies": (slot(age_min=13),)}, NO_VACANCY, id="vacancy_age_range"),
    pytest.param({}, {"vacancies": (slot(places=0),)}, NO_VACANCY, id="no_places_left"),
    pytest.param(
        {"sibling_group_size": 4},
        {},  # the one vacancy has 3 places
        "no vacancy with 4 places open on 3 March 2025 for a child aged 12",
        id="too_few_places_for_siblings",
    ),
    pytest.param(
        {"avoid": (east(3_000),)},  # 3,000 m = 1.86 miles
        {"location": HOME},
        "within 5 miles of a location to avoid (1.9 miles)",
        id="near_location_to_avoid",
    ),
    pytest.param(
        {"avoid": (east(50_000), east(8_046))},  # the nearer one, 4.9996 miles, counts
        {"location": HOME},
        "within 5 miles of a location to avoid (5.0 miles)",
        id="just_inside_avoid_radius",
    ),
    pytest.param(
        {"avoid": (east(16_093),), "avoid_radius_miles": 12.0},
        {"location": HOME},
        "within 12 miles of a location to avoid (10.0 miles)",
        id="wider_avoid_radius",
    ),
]


@pytest.mark.parametrize(("child_overrides", "setting_overrides", "reason"), EXCLUSIONS)
def test_each_hard_filter_excludes_with_its_reason(child_overrides, setting_overrides, reason):
    result = shortlist(child(**child_overrides), [setting(**setting_overrides)])

    assert result.matches == ()
    assert result.exclusions == (Exclusion(setting_id=1, reasons=(reason,)),)


PASSES = [
    pytest.param({"age": 8}, {}, id="youngest_in_range"),
    pytest.param({"age": 17}, {}, id="oldest_in_range"),
    pytest.param({"sex": "female"}, {"sexes": "female"}, id="girl_in_girls_only_home"),
    pytest.param({"needs": frozenset()}, {"needs": frozenset()}, id="no_needs"),
    pytest.param({}, {"takes_sibling_groups": False}, id="alone_needs_no_sibling_groups"),
    pytest.param({}, {"takes_emergencies": False}, id="planned_needs_no_emergencies"),
    pytest.param({}, {"takes_uasc": False}, id="not_uasc"),
    pytest.param({}, {"takes_parent_and_child": False}, id="not_parent_and_child"),
    pytest.param({}, {"latest_judgement": 3}, id="requires_improvement_is_not_excluded"),
    pytest.param({}, {"latest_judgement": None}, id="not_yet_inspected_is_not_excluded"),
    pytest.param({}, {"vacancies": (slot(available_from=REQUIRED_BY),)}, id="opens_on_the_day"),
    pytest.param({}, {"vacancies": (slot(available_until=REQUIRED_BY),)}, id="closes_on_the_day"),
    pytest.param({"sibling_group_size": 3}, {}, id="exactly_enough_places"),
    pytest.param({"avoid": (east(8_048),)}, {"location": HOME}, id="just_outside_avoid_radius"),
    pytest.param({"avoid": (HOME,)}, {"location": None}, id="setting_location_unknown"),
]


@pytest.mark.parametrize(("child_overrides", "setting_overrides"), PASSES)
def test_settings_at_the_edges_of_each_filter_are_matched(child_overrides, setting_overrides):
    result = shortlist(child(**child_overrides), [setting(**setting_overrides)])

    assert result.exclusions == ()
    assert order(result) == [1]


def test_every_failing_reason_is_collected():
    needy = child(age=16, sex="female", needs=frozenset({"EBD", "SI"}), emergency=True)
    home = setting(
        setting_type="secure",
        status="suspended",
        age_min=10,
        age_max=15,
        sexes="male",
        takes_emergencies=False,
        vacancies=(slot(available_from=date(2025, 4, 1)),),
    )

    (exclusion,) = shortlist(needy, [home]).exclusions

    assert exclusion.reasons == (
        "setting type not suitable (secure children's home)",
        "not active (suspended)",
        "does not take a child aged 16 (ages 10 to 15)",
        "does not take girls (boys only)",
        "not registered for SI",
        "does not take emergency placements",
        "no vacancy with 1 place open on 3 March 2025 for a child aged 16",
    )


def test_exclusions_are_in_setting_id_order_and_matches_are_kept_apart():
    settings = [
        setting(5, status="closed"),
        setting(3),
        setting(2, status="closed"),
        setting(9, vacancies=()),
    ]

    result = shortlist(CHILD, settings)

    assert order(result) == [3]
    assert [e.setting_id for e in result.exclusions] == [2, 5, 9]


# Vacancy choice -------------------------------------------------------------------------------

VACANCIES = [
    pytest.param(
        (slot(30, available_from=date(2025, 2, 20)), slot(20, available_from=date(2025, 2, 10))),
        20,
        id="earliest_available",
    ),
    pytest.param(
        (slot(30, available_from=date(2025, 2, 10)), slot(20, available_from=date(2025, 2, 10))),
        20,
        id="same_day_lowest_id",
    ),
    pytest.param(
        (
            slot(5, available_from=date(2025, 1, 1), places=0),
            slot(6, available_from=date(2025, 1, 1), age_min=14),
            slot(7, available_from=date(2025, 1, 1), available_until=date(2025, 2, 28)),
            slot(8, available_from=date(2025, 3, 10)),
            slot(40, available_from=date(2025, 2, 25)),
        ),
        40,
        id="earlier_but_unsuitable_vacancies_are_skipped",
    ),
]


@pytest.mark.parametrize(("vacancies", "chosen"), VACANCIES)
def test_the_earliest_qualifying_vacancy_is_chosen(vacancies, chosen):
    assert only_match(CHILD, setting(vacancies=vacancies)).vacancy_id == chosen


# Scoring, factor by factor --------------------------------------------------------------------

HOME_DISTANCES = [
    pytest.param(0, 0.0, 35.0, id="same_postcode"),
    pytest.param(8_047, 5.0, 35.0, id="5_miles_full"),
    pytest.param(8_690, 5.4, 34.69, id="5_4_miles"),  # 35 x 44.6 / 45 = 34.688
    pytest.param(16_093, 10.0, 31.11, id="10_miles"),  # 35 x 40 / 45 = 31.111
    pytest.param(32_187, 20.0, 23.33, id="20_miles"),  # 35 x 30 / 45 = 23.333
    pytest.param(48_280, 30.0, 15.56, id="30_miles"),  # 35 x 20 / 45 = 15.556
    pytest.param(80_467, 50.0, 0.0, id="50_miles_none"),
    pytest.param(160_934, 100.0, 0.0, id="100_miles_none"),
]


@pytest.mark.parametrize(("metres", "miles", "points"), HOME_DISTANCES)
def test_distance_from_home_tapers_from_5_to_50_miles(metres, miles, points):
    near = setting(location=east(metres))

    assert factor(child(home=HOME), near, "Distance from home") == Factor(
        "Distance from home", points, 35.0, f"{miles:.1f} miles from the family home"
    )
    assert only_match(child(home=HOME), near).miles_from_home == miles


def test_distance_from_school_has_the_same_shape_out_of_15():
    near = setting(location=east(16_093))

    # 15 x (50 - 10) / 45 = 13.333
    assert factor(child(school=HOME), near, "Distance from school") == Factor(
        "Distance from school", 13.33, 15.0, "10.0 miles from school"
    )


UNKNOWN_DISTANCES = [
    pytest.param(None, east(16_093), id="home_unknown"),
    pytest.param(HOME, None, id="setting_location_unknown"),
]


@pytest.mark.parametrize(("home", "location"), UNKNOWN_DISTANCES)
def test_unknown_distance_gets_no_points_and_says_so(home, location):
    match = only_match(child(home=home, school=home), setting(location=location))

    assert match.factors[:2] == (
        Factor("Distance from home", 0.0, 35.0, "distance unknown"),
        Factor("Distance from school", 0.0, 15.0, "distance unknown"),
    )
    assert (match.miles_from_home, match.miles_from_school) == (None, None)


OFSTED = [
    pytest.param(1, 15.0, "Ofsted: outstanding", id="outstanding"),
    pytest.param(2, 12.0, "Ofsted: good", id="good"),
    pytest.param(3, 5.0, "Ofsted: requires improvement to be good", id="requires_improvement"),
    pytest.param(None, 6.0, "not yet inspected by Ofsted", id="not_yet_inspected"),
]


@pytest.mark.parametrize(("judgement", "points", "explanation"), OFSTED)
def test_ofsted_points_follow_the_latest_judgement(judgement, points, explanation):
    found = factor(CHILD, setting(latest_judgement=judgement), "Ofsted")

    assert found == Factor("Ofsted", points, 15.0, explanation)


PRICES = [
    pytest.param("5800", "6000", 15.0, "£5,800 a week, at or below", "£6,000", id="below"),
    pytest.param("6000", "6000", 15.0, "£6,000 a week, at or below", "£6,000", id="at_median"),
    # 10% above: 15 x (1 - 0.10 / 0.5) = 12
    pytest.param("6600", "6000", 12.0, "£6,600 a week, 10% above", "£6,000", id="10_pct_above"),
    # 25% above: 15 x (1 - 0.25 / 0.5) = 7.5
    pytest.param("7500", "6000", 7.5, "£7,500 a week, 25% above", "£6,000", id="25_pct_above"),
    pytest.param("9000", "6000", 0.0, "£9,000 a week, 50% above", "£6,000", id="50_pct_above"),
    pytest.param("12000", "6000", 0.0, "£12,000 a week, 100% above", "£6,000", id="double"),
    # 20.50 / 800 = 2.5625% above: 15 x (1 - 0.025625 / 0.5) = 14.231
    pytest.param("820.50", "800", 14.23, "£820.50 a week, 3% above", "£800", id="pence"),
]


@pytest.mark.parametrize(("price", "median", "points", "start", "median_words"), PRICES)
def test_price_above_the_regional_median_loses_points(price, median, points, start, median_words):
    priced = setting(weekly_price=Decimal(price), regional_median=Decimal(median))

    assert factor(CHILD, priced, "Price") == Factor(
        "Price", points, 15.0, f"{start} the regional median of {median_words}"
    )


@pytest.mark.parametrize(
    ("price", "median"),
    [(None, "6000"), ("6000", None), (None, None)],
    ids=["no_price", "no_median", "neither"],
)
def test_unknown_price_gets_half_the_points(price, median):
    priced = setting(
        weekly_price=None if price is None else Decimal(price),
        regional_median=None if median is None else Decimal(median),
    )

    assert factor(CHILD, priced, "Price") == Factor("Price", 7.5, 15.0, "price not known")


@pytest.mark.parametrize(
    ("on_framework", "points", "explanation"),
    [(True, 10.0, "on a framework"), (False, 0.0, "spot purchase")],
    ids=["framework", "spot"],
)
def test_framework_placements_score_over_spot_purchases(on_framework, points, explanation):
    found = factor(CHILD, setting(on_framework=on_framework), "Framework")

    assert found == Factor("Framework", points, 10.0, explanation)


STABILITY = [
    pytest.param(1.0, 10.0, "100% of placements in the last 3 years did not end unplanned"),
    pytest.param(0.85, 8.5, "85% of placements in the last 3 years did not end unplanned"),
    pytest.param(0.0, 0.0, "0% of placements in the last 3 years did not end unplanned"),
    pytest.param(None, 5.0, "stability not known"),
]


@pytest.mark.parametrize(("stability", "points", "explanation"), STABILITY)
def test_stability_scores_ten_times_the_share_not_ending_unplanned(stability, points, explanation):
    found = factor(CHILD, setting(stability=stability), "Stability")

    assert found == Factor("Stability", points, 10.0, explanation)


def test_a_full_score_worked_by_hand():
    needs = child(home=HOME, school=(HOME[0] + 16_093, HOME[1] + 32_187))
    candidate = setting(
        7,
        location=east(16_093),  # 10.0 miles from home, 20.0 miles from school
        latest_judgement=2,
        weekly_price=Decimal("6600"),
        regional_median=Decimal("6000"),
        on_framework=True,
        stability=0.85,
        vacancies=(slot(70),),
    )

    assert only_match(needs, candidate) == Match(
        setting_id=7,
        vacancy_id=70,
        # 31.11 + 10.0 + 12.0 + 12.0 + 10.0 + 8.5 = 83.61
        score=83.6,
        factors=(
            # 35 x (50 - 10) / 45 = 31.11
            Factor("Distance from home", 31.11, 35.0, "10.0 miles from the family home"),
            # 15 x (50 - 20) / 45 = 10.0
            Factor("Distance from school", 10.0, 15.0, "20.0 miles from school"),
            Factor("Ofsted", 12.0, 15.0, "Ofsted: good"),
            # 10% above the median: 15 x (1 - 0.1 / 0.5) = 12.0
            Factor("Price", 12.0, 15.0, "£6,600 a week, 10% above the regional median of £6,000"),
            Factor("Framework", 10.0, 10.0, "on a framework"),
            # 10 x 0.85 = 8.5
            Factor(
                "Stability",
                8.5,
                10.0,
                "85% of placements in the last 3 years did not end unplanned",
            ),
        ),
        miles_from_home=10.0,
        miles_from_school=20.0,
    )


def test_the_best_possible_setting_scores_100():
    best = setting(
        location=HOME,
        latest_judgement=1,
        weekly_price=Decimal("5000"),
        regional_median=Decimal("6000"),
        on_framework=True,
        stability=1.0,
    )

    assert only_match(child(home=HOME, school=HOME), best).score == 100.0


# Shortlist order ------------------------------------------------------------------------------


def test_a_nearer_setting_outranks_a_farther_one_all_else_equal():
    settings = [setting(1, location=east(32_187)), setting(2, location=east(16_093))]

    result = shortlist(child(home=HOME), settings)

    # 2: 31.11 + 24.5 = 55.6; 1: 23.33 + 24.5 = 47.8 (the base setting scores 24.5)
    assert [(m.setting_id, m.score) for m in result.matches] == [(2, 55.6), (1, 47.8)]


def test_outstanding_outranks_good():
    settings = [setting(1, latest_judgement=2), setting(2, latest_judgement=1)]

    # 2: 15 + 12.5 = 27.5; 1: 12 + 12.5 = 24.5
    assert order(shortlist(CHILD, settings)) == [2, 1]


def test_ties_are_broken_by_miles_from_home_then_setting_id():
    settings = [
        setting(1, location=east(6_437)),  # 4.0 miles, full distance points
        setting(3, location=east(3_219)),  # 2.0 miles
        setting(2, location=east(3_219)),  # 2.0 miles
        setting(5, location=None),  # unknown: 0 distance points ...
        setting(4, location=east(96_561)),  # ... as at 60.0 miles
    ]

    result = shortlist(child(home=HOME), settings)

    assert [(m.setting_id, m.score, m.miles_from_home) for m in result.matches] == [
        (2, 59.5, 2.0),  # 35 + 24.5
        (3, 59.5, 2.0),
        (1, 59.5, 4.0),
        (4, 24.5, 60.0),
        (5, 24.5, None),
    ]


@pytest.mark.parametrize(
    ("limit", "expected"),
    [(None, [3, 2, 1]), (2, [3, 2]), (1, [3]), (0, []), (10, [3, 2, 1])],
    ids=["no_limit", "two", "one", "zero", "more_than_there_are"],
)
def test_limit_cuts_the_ordered_shortlist(limit, expected):
    settings = [
        setting(1),  # 24.5
        setting(2, on_framework=True),  # 34.5
        setting(3, on_framework=True, latest_judgement=1),  # 37.5
        setting(4, status="closed"),
    ]

    result = shortlist(CHILD, settings, limit=limit)

    assert order(result) == expected
    assert [e.setting_id for e in result.exclusions] == [4]


def test_no_candidates_gives_an_empty_shortlist():
    result = shortlist(CHILD, [])

    assert (result.matches, result.exclusions) == ((), ())
