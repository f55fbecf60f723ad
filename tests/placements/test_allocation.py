"""Regional allocation on hand-built cases (placements/allocation.py): pure, no database."""

import random
from datetime import date, timedelta

from placements import allocation, matching
from placements.allocation import Waiting

TODAY = date(2026, 6, 1)
MILE = 1_609  # metres, near enough for building cases


def child(home, *, school=None, required_by=TODAY + timedelta(days=7), age=12, group=1, **kw):
    return matching.ChildNeeds(
        age=age,
        sex=kw.pop("sex", "male"),
        placement_types=frozenset({"childrens_home"}),
        needs=frozenset(kw.pop("needs", ())),
        sibling_group_size=group,
        emergency=kw.pop("emergency", False),
        required_by=required_by,
        home=home,
        school=school,
        **kw,
    )


def home(setting_id, location, *, places=1, siblings=False, **kw):
    slot = matching.VacancySlot(setting_id * 10, places, TODAY, None, 8, 17)
    return matching.Candidate(
        setting_id=setting_id,
        setting_type="childrens_home",
        status="active",
        age_min=8,
        age_max=17,
        sexes=kw.pop("sexes", "mixed"),
        needs=frozenset(kw.pop("needs", ())),
        takes_emergencies=True,
        takes_sibling_groups=siblings,
        takes_uasc=True,
        takes_parent_and_child=False,
        latest_judgement=2,
        location=location,
        vacancies=(slot,),
        **kw,
    )


def at(miles_east, miles_north=0):
    return (400_000 + miles_east * MILE, 300_000 + miles_north * MILE)


def test_the_only_home_near_child_3s_school_goes_to_child_3():
    # Home 1 is a little nearer child 1 than home 2 is, but it is the only home anywhere near
    # child 3 (home and school); one at a time, child 1 takes it and child 3 goes far away.
    children = [
        Waiting(1, child(at(0))),
        Waiting(2, child(at(0, 30))),
        Waiting(3, child(at(3), school=at(3))),
    ]
    homes = [home(1, at(2)), home(2, at(0, 4)), home(3, at(0, 30))]
    greedy = allocation.one_at_a_time(children, homes, today=TODAY)
    joint = allocation.allocate(children, homes, today=TODAY)
    by_child = {a.referral_id: a.setting_id for a in joint.assignments}
    assert {a.referral_id: a.setting_id for a in greedy.assignments}[1] == 1
    assert by_child == {1: 2, 2: 3, 3: 1}
    assert joint.total_miles() < greedy.total_miles()
    assert sum(a.match.score for a in joint.assignments) >= sum(
        a.match.score for a in greedy.assignments
    )


def test_never_breaks_a_hard_filter_and_keeps_siblings_together():
    children = [
        Waiting(1, child(at(0), sex="female")),
        Waiting(2, child(at(0), group=2)),
        Waiting(3, child(at(0), needs={"EBD"})),
    ]
    homes = [
        home(1, at(1), sexes="male"),
        home(2, at(2), places=2, siblings=True),
        home(3, at(3)),
        home(4, at(4), needs={"EBD"}),
    ]
    result = allocation.allocate(children, homes, today=TODAY)
    settings = {c.setting_id: c for c in homes}
    for a in result.assignments:
        item = next(w for w in children if w.referral_id == a.referral_id)
        assert matching.exclusion_reasons(item.child, settings[a.setting_id]) == ()
    assert {a.referral_id: a.setting_id for a in result.assignments}[2] == 2


def test_a_child_at_its_date_is_not_left_waiting_for_anothers_sake():
    # One vacancy, two children; the one already at its required-by date gets it, even though
    # the other lives closer to it.
    children = [
        Waiting(1, child(at(0), required_by=TODAY + timedelta(days=1))),
        Waiting(2, child(at(30), required_by=TODAY)),
    ]
    result = allocation.allocate(children, [home(1, at(1))], today=TODAY)
    assert [a.referral_id for a in result.assignments] == [2]
    assert result.assignments[0].urgent
    assert result.waiting == (1,)


def test_equals_or_beats_one_at_a_time_on_random_cases():
    rng = random.Random(7)
    for _ in range(20):
        children = [
            Waiting(i, child(at(rng.randint(0, 40), rng.randint(0, 40)))) for i in range(1, 9)
        ]
        homes = [home(s, at(rng.randint(0, 40), rng.randint(0, 40))) for s in range(1, 7)]
        joint = allocation.allocate(children, homes, today=TODAY)
        greedy = allocation.one_at_a_time(children, homes, today=TODAY)
        assert len(joint.assignments) >= len(greedy.assignments)
        assert joint.total_miles() <= greedy.total_miles() + 1e-6


def test_nothing_to_place():
    assert allocation.allocate([], [home(1, at(1))], today=TODAY).assignments == ()
    assert allocation.allocate([Waiting(1, child(at(0)))], [], today=TODAY).waiting == (1,)
