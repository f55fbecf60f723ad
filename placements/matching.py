"""Matching: which settings, with which vacancy, can take a child, and how well they fit.

Pure: takes plain descriptions of a child and of candidate settings and returns a plain shortlist.
No Django here; selectors build the inputs and presenters show the outputs.

Two stages. Hard filters exclude a setting and say why, every failing reason at once, so a
commissioner can see what would have to change. Settings that pass are scored out of 100, one
factor at a time, each with its points and a one-line explanation.

Distances are straight lines between OS grid points in miles, as the DfE's 903 PL_DISTANCE.
They are shown and scored to one decimal place, so the points follow from the explanation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

Point = tuple[int, int]  # OS grid (easting, northing) in metres

METRES_PER_MILE = 1_609.344
INADEQUATE = 4

# Weights, out of 100. Distance from home counts most: keeping children close to family, school
# and friends is what RCCs are held to account for (49% of children in children's homes live
# more than 20 miles away). School comes next, as a move of school is a second upheaval.
# Quality, value for money and track record share the rest; framework prices were negotiated
# by the region, so using them is rewarded over spot purchase.
HOME_WEIGHT = 35.0
SCHOOL_WEIGHT = 15.0
OFSTED_WEIGHT = 15.0
PRICE_WEIGHT = 15.0
FRAMEWORK_WEIGHT = 10.0
STABILITY_WEIGHT = 10.0

# Distance: every point within NEAR_MILES (a short local journey), none from FAR_MILES on.
NEAR_MILES = 5.0
FAR_MILES = 50.0
# Price: every point at or below the regional median, none at 50% or more above it.
PRICE_CEILING = Decimal("0.5")

# A setting not yet inspected sits between "good" and "requires improvement": unproven, not failed.
OFSTED_POINTS: dict[int | None, float] = {1: 15.0, 2: 12.0, 3: 5.0, None: 6.0}
OFSTED_WORDS: dict[int | None, str] = {
    1: "Ofsted: outstanding",
    2: "Ofsted: good",
    3: "Ofsted: requires improvement to be good",
    None: "not yet inspected by Ofsted",
}
TYPE_WORDS = {
    "childrens_home": "children's home",
    "ifa": "independent fostering agency",
    "supported": "supported accommodation",
    "secure": "secure children's home",
    "residential_school": "residential special school",
    "la_fostering": "local authority fostering",
}
SEX_WORDS = {"male": "boys", "female": "girls"}


@dataclass(frozen=True)
class ChildNeeds:
    age: int
    sex: str  # "male" | "female"
    placement_types: frozenset[str]  # setting types judged suitable
    needs: frozenset[str]  # need codes the setting must be registered for
    sibling_group_size: int  # children to place together, 1 = alone
    emergency: bool
    required_by: date  # latest start date
    is_uasc: bool = False
    parent_and_child: bool = False
    home: Point | None = None  # the family home postcode
    school: Point | None = None
    avoid: tuple[Point, ...] = ()  # locations to avoid
    avoid_radius_miles: float = 5.0


@dataclass(frozen=True)
class VacancySlot:
    vacancy_id: int
    places: int
    available_from: date
    available_until: date | None
    age_min: int
    age_max: int


@dataclass(frozen=True)
class Candidate:
    setting_id: int
    setting_type: str
    status: str  # "active" | "suspended" | "closed"
    age_min: int
    age_max: int
    sexes: str  # "mixed" | "male" | "female"
    needs: frozenset[str]  # registered categories
    takes_emergencies: bool
    takes_sibling_groups: bool
    takes_uasc: bool
    takes_parent_and_child: bool
    latest_judgement: int | None  # 1 outstanding .. 4 inadequate; None if not yet inspected
    location: Point | None  # the setting's postcode
    vacancies: tuple[VacancySlot, ...]
    weekly_price: Decimal | None = (
        None  # the provider's current rate for the lot, if on a framework
    )
    regional_median: Decimal | None = None  # region's median agreed price, this type and need level
    on_framework: bool = False
    stability: float | None = None  # share of placements in 3 years that did not end unplanned


@dataclass(frozen=True)
class Factor:
    name: str
    points: float  # 2 dp
    max_points: float
    explanation: str


@dataclass(frozen=True)
class Match:
    setting_id: int
    vacancy_id: int
    score: float  # 0-100, 1 dp
    factors: tuple[Factor, ...]
    miles_from_home: float | None  # 1 dp
    miles_from_school: float | None


@dataclass(frozen=True)
class Exclusion:
    setting_id: int
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class Shortlist:
    matches: tuple[Match, ...]
    exclusions: tuple[Exclusion, ...]


def shortlist(
    child: ChildNeeds, candidates: Iterable[Candidate], *, limit: int | None = None
) -> Shortlist:
    """Settings that can take the child, best first, and those that cannot, with reasons.

    Matches are ordered by score, then miles from home (unknown last), then setting id;
    `limit` cuts the ordered list. Exclusions are in setting id order.
    """
    matches: list[Match] = []
    exclusions: list[Exclusion] = []
    for candidate in candidates:
        reasons = exclusion_reasons(child, candidate)
        if reasons:
            exclusions.append(Exclusion(candidate.setting_id, reasons))
        else:
            matches.append(score(child, candidate))
    ranked = sorted(matches, key=_rank)[:limit]
    return Shortlist(tuple(ranked), tuple(sorted(exclusions, key=lambda e: e.setting_id)))


def exclusion_reasons(child: ChildNeeds, candidate: Candidate) -> tuple[str, ...]:
    """Every hard filter the setting fails, in plain English; empty if it can take the child."""
    reasons = (check(child, candidate) for check in _CHECKS)
    return tuple(reason for reason in reasons if reason)


def can_take(child: ChildNeeds, candidate: Candidate) -> bool:
    """True if the setting passes every hard filter; stops at the first it fails (for speed)."""
    return not any(check(child, candidate) for check in _CHECKS)


def score(child: ChildNeeds, candidate: Candidate) -> Match:
    """Score a setting that passed the hard filters, against its earliest qualifying vacancy."""
    home = _distance(child.home, candidate.location)
    school = _distance(child.school, candidate.location)
    factors = (
        _distance_factor("Distance from home", HOME_WEIGHT, home, "the family home"),
        _distance_factor("Distance from school", SCHOOL_WEIGHT, school, "school"),
        _ofsted_factor(candidate.latest_judgement),
        _price_factor(candidate.weekly_price, candidate.regional_median),
        _framework_factor(candidate.on_framework),
        _stability_factor(candidate.stability),
    )
    total = round(sum(factor.points for factor in factors), 1)
    vacancy = earliest_vacancy(child, candidate)
    return Match(candidate.setting_id, vacancy.vacancy_id, total, factors, home, school)


def earliest_vacancy(child: ChildNeeds, candidate: Candidate) -> VacancySlot:
    """The qualifying vacancy available earliest, then the lowest id. Raises if there is none."""
    return min(_qualifying(child, candidate), key=lambda v: (v.available_from, v.vacancy_id))


# Hard filters: each returns its reason when the setting fails it, else None.


def _type_reason(child: ChildNeeds, candidate: Candidate) -> str | None:
    if candidate.setting_type in child.placement_types:
        return None
    words = TYPE_WORDS.get(candidate.setting_type, candidate.setting_type)
    return f"setting type not suitable ({words})"


def _status_reason(child: ChildNeeds, candidate: Candidate) -> str | None:
    return None if candidate.status == "active" else f"not active ({candidate.status})"


def _judgement_reason(child: ChildNeeds, candidate: Candidate) -> str | None:
    if candidate.latest_judgement == INADEQUATE:
        return "latest Ofsted judgement is inadequate"
    return None


def _age_reason(child: ChildNeeds, candidate: Candidate) -> str | None:
    if candidate.age_min <= child.age <= candidate.age_max:
        return None
    ages = f"ages {candidate.age_min} to {candidate.age_max}"
    return f"does not take a child aged {child.age} ({ages})"


def _sex_reason(child: ChildNeeds, candidate: Candidate) -> str | None:
    if candidate.sexes in ("mixed", child.sex):
        return None
    only = SEX_WORDS.get(candidate.sexes, candidate.sexes)
    return f"does not take {SEX_WORDS.get(child.sex, child.sex)} ({only} only)"


def _needs_reason(child: ChildNeeds, candidate: Candidate) -> str | None:
    missing = sorted(child.needs - candidate.needs)
    return f"not registered for {', '.join(missing)}" if missing else None


def _siblings_reason(child: ChildNeeds, candidate: Candidate) -> str | None:
    if child.sibling_group_size <= 1 or candidate.takes_sibling_groups:
        return None
    return f"does not take sibling groups (group of {child.sibling_group_size})"


def _emergency_reason(child: ChildNeeds, candidate: Candidate) -> str | None:
    if child.emergency and not candidate.takes_emergencies:
        return "does not take emergency placements"
    return None


def _uasc_reason(child: ChildNeeds, candidate: Candidate) -> str | None:
    if child.is_uasc and not candidate.takes_uasc:
        return "does not take unaccompanied asylum-seeking children"
    return None


def _parent_and_child_reason(child: ChildNeeds, candidate: Candidate) -> str | None:
    if child.parent_and_child and not candidate.takes_parent_and_child:
        return "does not take parent and child placements"
    return None


def _vacancy_reason(child: ChildNeeds, candidate: Candidate) -> str | None:
    if _qualifying(child, candidate):
        return None
    places = child.sibling_group_size
    needed = f"{places} place" if places == 1 else f"{places} places"
    on = f"{child.required_by.day} {child.required_by:%B %Y}"
    return f"no vacancy with {needed} open on {on} for a child aged {child.age}"


def _avoid_reason(child: ChildNeeds, candidate: Candidate) -> str | None:
    if candidate.location is None or not child.avoid:
        return None
    nearest = min(_miles(place, candidate.location) for place in child.avoid)
    if nearest > child.avoid_radius_miles:
        return None
    return f"within {child.avoid_radius_miles:g} miles of a location to avoid ({nearest:.1f} miles)"


_CHECKS: tuple[Callable[[ChildNeeds, Candidate], str | None], ...] = (
    _type_reason,
    _status_reason,
    _judgement_reason,
    _age_reason,
    _sex_reason,
    _needs_reason,
    _siblings_reason,
    _emergency_reason,
    _uasc_reason,
    _parent_and_child_reason,
    _vacancy_reason,
    _avoid_reason,
)


def _qualifying(child: ChildNeeds, candidate: Candidate) -> list[VacancySlot]:
    return [slot for slot in candidate.vacancies if _slot_fits(child, slot)]


def _slot_fits(child: ChildNeeds, slot: VacancySlot) -> bool:
    """Open on the latest start date, for the child's age, with room for the sibling group."""
    opens_in_time = slot.available_from <= child.required_by
    still_open = slot.available_until is None or slot.available_until >= child.required_by
    return (
        opens_in_time
        and still_open
        and slot.age_min <= child.age <= slot.age_max
        and slot.places >= child.sibling_group_size
    )


# Scoring factors.


def _distance_factor(name: str, weight: float, miles: float | None, where: str) -> Factor:
    if miles is None:
        return Factor(name, 0.0, weight, "distance unknown")
    share = (FAR_MILES - miles) / (FAR_MILES - NEAR_MILES)
    return Factor(name, _points(weight, share), weight, f"{miles:.1f} miles from {where}")


def _ofsted_factor(judgement: int | None) -> Factor:
    points = OFSTED_POINTS.get(judgement, 0.0)
    return Factor("Ofsted", points, OFSTED_WEIGHT, OFSTED_WORDS.get(judgement, "inadequate"))


def _price_factor(price: Decimal | None, median: Decimal | None) -> Factor:
    if price is None or median is None or median <= 0:
        return Factor("Price", PRICE_WEIGHT / 2, PRICE_WEIGHT, "price not known")
    weekly = f"{_pounds(price)} a week"
    median_words = f"the regional median of {_pounds(median)}"
    if price <= median:
        return Factor("Price", PRICE_WEIGHT, PRICE_WEIGHT, f"{weekly}, at or below {median_words}")
    above = (price - median) / median
    share = float(1 - above / PRICE_CEILING)
    explanation = f"{weekly}, {above:.0%} above {median_words}"
    return Factor("Price", _points(PRICE_WEIGHT, share), PRICE_WEIGHT, explanation)


def _framework_factor(on_framework: bool) -> Factor:
    if on_framework:
        return Factor("Framework", FRAMEWORK_WEIGHT, FRAMEWORK_WEIGHT, "on a framework")
    return Factor("Framework", 0.0, FRAMEWORK_WEIGHT, "spot purchase")


def _stability_factor(stability: float | None) -> Factor:
    if stability is None:
        return Factor("Stability", STABILITY_WEIGHT / 2, STABILITY_WEIGHT, "stability not known")
    explanation = f"{stability:.0%} of placements in the last 3 years did not end unplanned"
    return Factor("Stability", _points(STABILITY_WEIGHT, stability), STABILITY_WEIGHT, explanation)


def _points(weight: float, share: float) -> float:
    """Weight times a share clamped to 0..1, to 2 dp."""
    return round(weight * min(1.0, max(0.0, share)), 2)


def _rank(match: Match) -> tuple[float, bool, float, int]:
    miles = match.miles_from_home
    return (-match.score, miles is None, miles or 0.0, match.setting_id)


def _distance(a: Point | None, b: Point | None) -> float | None:
    return None if a is None or b is None else round(_miles(a, b), 1)


def _miles(a: Point, b: Point) -> float:
    return math.dist(a, b) / METRES_PER_MILE


def _pounds(amount: Decimal) -> str:
    return f"£{amount:,.0f}" if amount == amount.to_integral_value() else f"£{amount:,.2f}"
