"""Run one policy through a region-year of drawn events, day by day (pure).

Each day: the day's referrals join the waiting list, the day's vacancies open and the expired
close; the policy places whom it can among the offers that have arrived, through the
platform's own matching (`placements.matching`, `placements.allocation`); a child still
waiting FALLBACK_DAYS after its latest start date is placed by the council outside the
region's market (distance unknown, outside the council, at FALLBACK_PREMIUM over the median
price, a sibling group split), as happens when no registered place is found.

Policies:
- status_quo: each child in turn takes the first offer to arrive (a council's single search,
  taking the first provider to say yes); ties go to the better match.
- one_at_a_time: each child in turn (earliest latest-start date first) takes the best of its
  offers by the platform's shortlist.
- regional: the region allocates every waiting child together each day (`allocation.allocate`).
- regional_patient: as regional, but a child who is not yet near its date keeps waiting
  rather than take a place over 20 miles from home (a better place may open).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, timedelta

from placements import allocation, matching
from placements.simulation.draws import SPOT_PREMIUM, TAIL_DAYS, Draws
from placements.simulation.world import World

POLICIES = ("status_quo", "one_at_a_time", "regional", "regional_patient")
FALLBACK_DAYS = 14
FALLBACK_PREMIUM = 1.5
PATIENT_DAYS = 3  # regional_patient places anything once this close to the date
FAR = 20.0


@dataclass(frozen=True)
class Outcome:
    referral_id: int
    arrival_day: int
    placed_day: int
    required_day: int
    setting_id: int | None  # None: placed outside the region's market
    miles_from_home: float | None
    miles_from_school: float | None
    score: float | None
    outside_council: bool
    weekly_cost: float
    siblings_split: bool
    emergency: bool
    childrens_home: bool
    breakdown_u: float


def run(world: World, draws: Draws, policy: str, *, start: date) -> list[Outcome]:
    if policy not in POLICIES:
        raise ValueError(f"unknown policy {policy!r}; choose from {', '.join(POLICIES)}")
    arrivals_by_day: dict[int, list] = {}
    for arrival in draws.arrivals:
        arrivals_by_day.setdefault(arrival.day, []).append(arrival)
    openings_by_day: dict[int, list] = {}
    for opening in draws.openings:
        openings_by_day.setdefault(opening.day, []).append(opening)
    waiting: dict[int, object] = {}
    open_vacancies: dict[int, object] = {}
    outcomes: list[Outcome] = []
    for day in range(draws.days + TAIL_DAYS):
        today = start + timedelta(days=day)
        for arrival in arrivals_by_day.get(day, ()):
            waiting[arrival.referral_id] = arrival
        for opening in openings_by_day.get(day, ()):
            open_vacancies[opening.vacancy_id] = opening
        for vid in [v for v, o in open_vacancies.items() if o.close_day <= day]:
            del open_vacancies[vid]
        if waiting and open_vacancies:
            placed = _place(world, waiting, open_vacancies, policy, day, today)
            for arrival, assignment in placed:
                outcomes.append(_outcome(world, arrival, assignment, day))
                del waiting[arrival.referral_id]
                del open_vacancies[assignment.vacancy_id]
        for rid in [r for r, a in waiting.items() if day >= a.required_day + FALLBACK_DAYS]:
            outcomes.append(_fallback(world, waiting.pop(rid), day))
    return sorted(outcomes, key=lambda o: o.referral_id)


def _place(world, waiting, open_vacancies, policy, day, today):
    slots: dict[int, list[matching.VacancySlot]] = {}
    for opening in open_vacancies.values():
        setting = world.settings[opening.setting_index].candidate
        slot = matching.VacancySlot(
            opening.vacancy_id, opening.places, today, None, setting.age_min, setting.age_max
        )
        slots.setdefault(opening.setting_index, []).append(slot)
    candidates = [
        dataclasses.replace(world.settings[i].candidate, vacancies=tuple(found))
        for i, found in sorted(slots.items())
    ]
    items = []
    for arrival in waiting.values():
        child = world.profiles[arrival.profile].child
        required = start_of(today, arrival.required_day - day)
        # Needed by a day already past: needed today (matching asks for a vacancy open then).
        child = dataclasses.replace(child, required_by=max(required, today))
        items.append(allocation.Waiting(arrival.referral_id, child))
    by_id = dict(waiting)

    def allowed(rid: int, sid: int) -> bool:
        arrival = by_id[rid]
        wait = arrival.offers.get(sid)
        return wait is not None and arrival.day + wait <= day

    if policy == "status_quo":
        chosen = _first_offer(items, candidates, by_id, today, allowed)
    elif policy == "one_at_a_time":
        chosen = allocation.one_at_a_time(items, candidates, today=today, allowed=allowed)
        chosen = chosen.assignments
    else:
        chosen = allocation.allocate(items, candidates, today=today, allowed=allowed).assignments
        if policy == "regional_patient":
            chosen = [a for a in chosen if _take_now(a, by_id[a.referral_id], day)]
    return [(by_id[a.referral_id], a) for a in chosen]


def start_of(today: date, offset: int) -> date:
    return today + timedelta(days=offset)


def _take_now(assignment: allocation.Assignment, arrival, day: int) -> bool:
    miles = assignment.match.miles_from_home
    near = miles is not None and miles <= FAR
    return near or arrival.required_day - day <= PATIENT_DAYS


def _first_offer(items, candidates, by_id, today, allowed):
    """Children in arrival order; each takes the offer that came first (ties: better match)."""
    taken: set[int] = set()
    chosen = []
    for item in sorted(items, key=lambda w: (by_id[w.referral_id].day, w.referral_id)):
        arrival = by_id[item.referral_id]
        offered = [
            dataclasses.replace(
                c, vacancies=tuple(s for s in c.vacancies if s.vacancy_id not in taken)
            )
            for c in candidates
            if allowed(item.referral_id, c.setting_id) and matching.can_take(item.child, c)
        ]
        result = matching.shortlist(item.child, offered)
        if not result.matches:
            continue
        first = min(
            enumerate(result.matches), key=lambda im: (arrival.offers[im[1].setting_id], im[0])
        )[1]
        taken.add(first.vacancy_id)
        urgent = allocation.is_urgent(item.child, today)
        chosen.append(
            allocation.Assignment(
                item.referral_id, first.setting_id, first.vacancy_id, first, urgent
            )
        )
    return chosen


def _outcome(world: World, arrival, assignment: allocation.Assignment, day: int) -> Outcome:
    profile = world.profiles[arrival.profile]
    setting = world.setting(assignment.setting_id)
    candidate = setting.candidate
    median = world.median_weekly.get(candidate.setting_type, 0.0)
    if candidate.weekly_price is not None:
        cost = float(candidate.weekly_price)
    else:
        cost = median * (1 + SPOT_PREMIUM * arrival.price_u)
    return Outcome(
        referral_id=arrival.referral_id,
        arrival_day=arrival.day,
        placed_day=day,
        required_day=arrival.required_day,
        setting_id=candidate.setting_id,
        miles_from_home=assignment.match.miles_from_home,
        miles_from_school=assignment.match.miles_from_school,
        score=assignment.match.score,
        outside_council=setting.council != profile.council,
        weekly_cost=round(cost, 2),
        siblings_split=False,
        emergency=profile.child.emergency,
        childrens_home=candidate.setting_type == "childrens_home",
        breakdown_u=arrival.breakdown_u,
    )


def _fallback(world: World, arrival, day: int) -> Outcome:
    profile = world.profiles[arrival.profile]
    prices = [world.median_weekly.get(t, 0.0) for t in profile.child.placement_types]
    return Outcome(
        referral_id=arrival.referral_id,
        arrival_day=arrival.day,
        placed_day=day,
        required_day=arrival.required_day,
        setting_id=None,
        miles_from_home=None,
        miles_from_school=None,
        score=None,
        outside_council=True,
        weekly_cost=round(max(prices, default=0.0) * FALLBACK_PREMIUM, 2),
        siblings_split=profile.child.sibling_group_size > 1,
        emergency=profile.child.emergency,
        childrens_home="childrens_home" in profile.child.placement_types,
        breakdown_u=arrival.breakdown_u,
    )
