"""Regional allocation: place the children waiting together, not one at a time.

Pure: takes the waiting referrals (each a `matching.ChildNeeds`, a sibling group being one
referral) and the region's settings with their open vacancies (`matching.Candidate`), and returns
who goes where. The platform's own matching decides what is possible and how good it is: a pair
is feasible only if `matching.can_take` passes every hard filter for that one vacancy, and its
quality is `matching.score`. Nothing here re-states a filter or a weight.

The assignment is a minimum-cost assignment (SciPy's `linear_sum_assignment`, the Hungarian
method family) over children x vacancies, where each child's cost of a vacancy is

    -(URGENT if the child is at or past its required-by date) - PLACED - score + MILE * miles

and an infeasible pair costs nothing (the same as leaving the child waiting), so it is never
chosen over a feasible one and is dropped afterwards. URGENT dwarfs everything else, so no
child already at its date is left waiting so that another can be placed; PLACED then makes
placing one more child worth more than any gain in fit; the score and a small charge per mile
from home (unknown distance counted as `matching.FAR_MILES`) decide among the rest.

A vacancy takes one referral: a sibling group needs a vacancy with room for all of them (the
hard filter), so siblings are kept together wherever a setting can take them, never split here.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
from scipy.optimize import linear_sum_assignment

from placements import matching

URGENT = 1_000_000.0
PLACED = 1_000.0
MILE = 0.1


@dataclass(frozen=True)
class Waiting:
    referral_id: int
    child: matching.ChildNeeds


@dataclass(frozen=True)
class Assignment:
    referral_id: int
    setting_id: int
    vacancy_id: int
    match: matching.Match
    urgent: bool  # at or past its required-by date when allocated


@dataclass(frozen=True)
class Allocation:
    assignments: tuple[Assignment, ...]  # in the order of the waiting referrals
    waiting: tuple[int, ...]  # referral ids left unplaced

    def total_miles(self) -> float:
        """Miles from home summed over placed children whose distance is known."""
        return round(sum(a.match.miles_from_home or 0.0 for a in self.assignments), 1)


@dataclass(frozen=True)
class _Column:
    setting_id: int
    vacancy_id: int
    candidate: matching.Candidate  # the setting with this one vacancy


def columns(candidates: Iterable[matching.Candidate]) -> list[_Column]:
    """One column per open vacancy, in setting then vacancy order."""
    out = []
    for candidate in sorted(candidates, key=lambda c: c.setting_id):
        for slot in sorted(candidate.vacancies, key=lambda s: s.vacancy_id):
            single = dataclasses.replace(candidate, vacancies=(slot,))
            out.append(_Column(candidate.setting_id, slot.vacancy_id, single))
    return out


def is_urgent(child: matching.ChildNeeds, today: date) -> bool:
    return child.required_by <= today


Allowed = Callable[[int, int], bool]  # (referral id, setting id) -> has the provider offered?


def allocate(
    waiting: Sequence[Waiting],
    candidates: Iterable[matching.Candidate],
    *,
    today: date,
    allowed: Allowed | None = None,
) -> Allocation:
    """The assignment of waiting children to vacancies with the least total cost (see above).

    `allowed`, if given, limits each child to the settings whose providers offered."""
    settings = sorted(candidates, key=lambda c: c.setting_id)
    cols = columns(settings)
    n, m = len(waiting), len(cols)
    if n == 0 or m == 0:
        return Allocation((), tuple(w.referral_id for w in waiting))
    by_setting: dict[int, list[int]] = {}
    for j, col in enumerate(cols):
        by_setting.setdefault(col.setting_id, []).append(j)
    # n extra columns of cost 0 stand for "keeps waiting", so every child has somewhere to go.
    cost = np.zeros((n, m + n))
    matches: dict[tuple[int, int], matching.Match] = {}
    for i, item in enumerate(waiting):
        bonus = PLACED + (URGENT if is_urgent(item.child, today) else 0.0)
        for setting in settings:
            # A setting failing with all its vacancies fails with each; the score does not
            # depend on which of its vacancies, so it is worked once per setting.
            if allowed is not None and not allowed(item.referral_id, setting.setting_id):
                continue
            if not matching.can_take(item.child, setting):
                continue
            match = matching.score(item.child, setting)
            value = -(bonus + match.score) + MILE * _miles_or_far(match)
            for j in by_setting[setting.setting_id]:
                col = cols[j]
                if len(setting.vacancies) > 1 and not matching.can_take(item.child, col.candidate):
                    continue
                matches[i, j] = dataclasses.replace(match, vacancy_id=col.vacancy_id)
                cost[i, j] = value
    rows, cols_chosen = linear_sum_assignment(cost)
    chosen = dict(zip(rows.tolist(), cols_chosen.tolist(), strict=True))
    assignments, left = [], []
    for i, item in enumerate(waiting):
        j = chosen.get(i)
        match = matches.get((i, j)) if j is not None else None
        if match is None:
            left.append(item.referral_id)
            continue
        col = cols[j]
        urgent = is_urgent(item.child, today)
        assignments.append(
            Assignment(item.referral_id, col.setting_id, col.vacancy_id, match, urgent)
        )
    return Allocation(tuple(assignments), tuple(left))


def one_at_a_time(
    waiting: Sequence[Waiting],
    candidates: Iterable[matching.Candidate],
    *,
    today: date,
    allowed: Allowed | None = None,
) -> Allocation:
    """Today's practice: each child in turn (earliest required-by date first, then the order
    given) takes the top of its own shortlist among the vacancies still open."""
    open_cols = columns(candidates)
    order = sorted(range(len(waiting)), key=lambda i: (waiting[i].child.required_by, i))
    placed: dict[int, Assignment] = {}
    for i in order:
        item = waiting[i]
        # Only the settings that offered and pass the hard filters go to the shortlist (the
        # same result: it would exclude the rest), so it scores and ranks without listing why.
        offered = [
            c.candidate
            for c in open_cols
            if (allowed is None or allowed(item.referral_id, c.setting_id))
            and matching.can_take(item.child, c.candidate)
        ]
        result = matching.shortlist(item.child, offered, limit=1)
        if not result.matches:
            continue
        best = result.matches[0]
        urgent = is_urgent(item.child, today)
        placed[i] = Assignment(item.referral_id, best.setting_id, best.vacancy_id, best, urgent)
        open_cols = [c for c in open_cols if c.vacancy_id != best.vacancy_id]
    assignments = tuple(placed[i] for i in range(len(waiting)) if i in placed)
    left = tuple(w.referral_id for i, w in enumerate(waiting) if i not in placed)
    return Allocation(assignments, left)


def _miles_or_far(match: matching.Match) -> float:
    miles = match.miles_from_home
    return matching.FAR_MILES if miles is None else miles
