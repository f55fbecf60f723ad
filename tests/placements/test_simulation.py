"""The region-year simulation (placements/simulation) on a small hand-built world: pure, fast."""

from datetime import date

import pytest

from placements import matching
from placements.simulation import draws, engine, metrics, runner
from placements.simulation.world import PlaceSetting, Profile, World

START = date(2025, 4, 1)
MILE = 1_609


def at(east, north=0):
    return (400_000 + east * MILE, 300_000 + north * MILE)


def setting(sid, where, council, *, kind="childrens_home", places=3, price=None):
    return PlaceSetting(
        matching.Candidate(
            setting_id=sid,
            setting_type=kind,
            status="active",
            age_min=0,
            age_max=17,
            sexes="mixed",
            needs=frozenset({"EBD"}),
            takes_emergencies=sid % 2 == 0,
            takes_sibling_groups=sid % 3 == 0,
            takes_uasc=True,
            takes_parent_and_child=False,
            latest_judgement=2,
            location=where,
            vacancies=(),
            weekly_price=price,
        ),
        council,
        places,
    )


def profile(council, home, *, emergency=False, group=1):
    return Profile(
        council,
        matching.ChildNeeds(
            age=13,
            sex="female",
            placement_types=frozenset({"childrens_home"}),
            needs=frozenset({"EBD"}),
            sibling_group_size=group,
            emergency=emergency,
            required_by=START,
            home=home,
            school=home,
        ),
    )


@pytest.fixture
def world():
    settings = tuple(
        setting(i, at((i * 7) % 60, (i * 13) % 40), "A" if i % 2 else "B", price=5000.0 + i)
        for i in range(1, 25)
    )
    profiles = (
        profile("A", at(5, 5)),
        profile("B", at(40, 30), emergency=True),
        profile("A", at(20, 10), group=2),
        profile("B", None),
    )
    return World("test", settings, profiles, 120.0, {"childrens_home": 6100.0}, {}, 0.5)


def test_same_seed_same_world_and_results(world):
    one = runner.compare(world, seed=3, days=90, policies=engine.POLICIES, start=START)
    two = runner.compare(world, seed=3, days=90, policies=engine.POLICIES, start=START)
    assert one == two
    assert draws.draw(world, 3, 90) == draws.draw(world, 3, 90)
    assert draws.draw(world, 3, 90) != draws.draw(world, 4, 90)


def test_every_policy_places_every_child_and_reports_the_figures(world):
    results = runner.compare(world, seed=1, days=90, policies=engine.POLICIES, start=START)
    children = {r["children"] for r in results.values()}
    assert len(children) == 1 and children.pop() > 0
    for name, figures in results.items():
        for share in ("within_20_miles", "outside_council", "unknown_distance"):
            assert 0 <= figures[share] <= 1
        for key in ("days_to_place_median", "not_placed_by_date", "weekly_cost_mean"):
            assert key in figures
        assert "unplanned_endings_12m" in figures
        if name != "status_quo":
            assert "worse_off_than_status_quo" in figures


def test_regional_is_no_further_from_home_than_status_quo_on_average(world):
    seeds = range(1, 6)
    results = runner.compare_seeds(
        world, seeds=seeds, days=120, policies=("status_quo", "regional"), start=START
    )
    assert (
        results["regional"]["within_20_miles"]["mean"]
        >= results["status_quo"]["within_20_miles"]["mean"]
    )


def test_placements_respect_the_hard_filters(world):
    drawn = draws.draw(world, 2, 90)
    by_id = {a.referral_id: a for a in drawn.arrivals}
    for policy in engine.POLICIES:
        for outcome in engine.run(world, drawn, policy, start=START):
            if outcome.setting_id is None:
                continue
            child = world.profiles[by_id[outcome.referral_id].profile].child
            candidate = world.setting(outcome.setting_id).candidate
            if child.emergency:
                assert candidate.takes_emergencies
            if child.sibling_group_size > 1:
                assert candidate.takes_sibling_groups


def test_unplanned_endings_rise_with_distance():
    near = engine.Outcome(1, 0, 0, 0, 1, 3.0, 3.0, 90.0, False, 1.0, False, False, True, 0.12)
    far = engine.Outcome(1, 0, 0, 0, 1, 30.0, 3.0, 90.0, False, 1.0, False, False, True, 0.12)
    assert not metrics.unplanned(near)
    assert metrics.unplanned(far)


def test_unknown_policy_is_refused(world):
    with pytest.raises(ValueError):
        engine.run(world, draws.draw(world, 1, 10), "first_come", start=START)


def test_a_year_with_no_children_still_reports_every_figure():
    figures = metrics.summarise([])
    assert figures["children"] == 0
    assert figures["within_20_miles"] is None
    assert figures["days_to_place_median"] is None
