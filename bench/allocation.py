"""Regional allocation at a region's scale: 200 waiting children x 2,000 open vacancies.

Run with `.venv/bin/python bench/allocation.py [--scale 1|2|4] [--rounds N] [--record]`.
Pure (no database): builds a deterministic random region (seed 1) of children's homes and
fostering agencies with the platform's own `matching` dataclasses, then times
`placements.allocation.allocate` (hard filters, scores and the assignment; target: 1 s at
scale 1) and, for comparison, one at a time. Not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness
from placements import allocation, matching

TODAY = date(2026, 6, 1)
CHILDREN = 200
VACANCIES = 2_000
NEEDS = ("EBD", "LD", "PD", "SI", "CSE")
TYPES = ("childrens_home", "ifa", "supported")


def world(scale: int, seed: int = 1):
    rng = random.Random(seed)

    def point():
        return (380_000 + rng.randint(0, 40_000), 390_000 + rng.randint(0, 40_000))

    children = []
    for i in range(CHILDREN * scale):
        children.append(
            allocation.Waiting(
                i,
                matching.ChildNeeds(
                    age=rng.randint(0, 17),
                    sex=rng.choice(("male", "female")),
                    placement_types=frozenset(rng.sample(TYPES, rng.randint(1, 2))),
                    needs=frozenset(rng.sample(NEEDS, rng.randint(0, 2))),
                    sibling_group_size=rng.choice((1, 1, 1, 1, 2)),
                    emergency=rng.random() < 0.15,
                    required_by=TODAY + timedelta(days=rng.randint(-3, 30)),
                    is_uasc=rng.random() < 0.08,
                    home=point(),
                    school=point() if rng.random() < 0.7 else None,
                ),
            )
        )
    candidates = []
    vacancy_id = 0
    setting_id = 0
    while vacancy_id < VACANCIES * scale:
        setting_id += 1
        slots = []
        for _ in range(rng.randint(1, 4)):
            vacancy_id += 1
            slots.append(matching.VacancySlot(vacancy_id, rng.randint(1, 3), TODAY, None, 0, 17))
        low = rng.randint(0, 12)
        candidates.append(
            matching.Candidate(
                setting_id=setting_id,
                setting_type=rng.choice(TYPES),
                status="active",
                age_min=low,
                age_max=17,
                sexes=rng.choice(("mixed", "mixed", "male", "female")),
                needs=frozenset(rng.sample(NEEDS, rng.randint(1, 4))),
                takes_emergencies=rng.random() < 0.5,
                takes_sibling_groups=rng.random() < 0.4,
                takes_uasc=rng.random() < 0.6,
                takes_parent_and_child=False,
                latest_judgement=rng.choice((1, 2, 2, 3, None)),
                location=point(),
                vacancies=tuple(slots),
            )
        )
    return children, candidates


def main() -> None:
    args = harness.arguments(__doc__)
    report = harness.Report("allocation", "Regional allocation (`bench/allocation.py`)", args.scale)
    children, candidates = world(args.scale)
    result = allocation.allocate(children, candidates, today=TODAY)
    greedy = allocation.one_at_a_time(children, candidates, today=TODAY)
    report.note(
        f"{len(children)} waiting children x {sum(len(c.vacancies) for c in candidates)} "
        f"vacancies in {len(candidates)} settings (seed 1). Assignment placed "
        f"{len(result.assignments)} (total {result.total_miles():,.1f} miles from home); one at a "
        f"time placed {len(greedy.assignments)} ({greedy.total_miles():,.1f} miles)."
    )
    rounds = args.rounds or 5
    report.time(
        "allocate: filters, scores and assignment",
        lambda: allocation.allocate(children, candidates, today=TODAY),
        rounds,
        note="target 1 s at scale 1",
    )
    report.time(
        "one_at_a_time: each child's shortlist in turn",
        lambda: allocation.one_at_a_time(children, candidates, today=TODAY),
        max(1, rounds // 2),
    )
    report.finish(args.record)


if __name__ == "__main__":
    main()
