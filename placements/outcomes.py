"""Outcomes of the referral journey: how long, how far, how stable, how the market answers.

Pure: takes plain rows (built by ``placements.selectors_outcomes``) and returns plain figures, so
pages, CSV downloads and tests share one arithmetic. No Django here.

Definitions, so anyone can check a figure by hand from the rows behind it:
- *days to placement*: the placement's start date minus the day its referral was first submitted;
  only placements made from a submitted referral count. Median and mean, to 0.1 of a day.
- *within 20 miles*: ``miles_from_home <= 20``, as a share of placements whose distance is known
  (the 903's PL_DISTANCE threshold); placements with no distance are counted as unknown.
- *outside the home council*: the setting lies in another council than the child's.
- *unplanned ending within 12 months*: the placement ended unplanned on or before the first
  anniversary of its start, as a share of placements that could have: those whose anniversary
  has come (started 12+ months ago) or that have already ended. A placement started last month
  and still going is not yet counted either way.
- *response rate*: distributions answered (an offer or a decline) over distributions sent;
  response hours are worked from answered ones only, to 0.1 of an hour.
- shares are exact fractions (None when there is nothing to divide by); money is rounded to
  pence (ROUND_HALF_UP).
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import TypeVar

NEAR_MILES = 20
PENCE = Decimal("0.01")
TENTH = Decimal("0.1")
ROUTES = ("framework", "spot")

Row = TypeVar("Row")


@dataclass(frozen=True)
class PlacementRow:
    council: str  # the child's council (the placing council)
    start_date: date
    end_date: date | None
    submitted_on: date | None  # first submission of the referral it came from, if any
    miles_from_home: float | None
    outside_home_council: bool
    unplanned_ending: bool
    route: str  # "framework" or "spot"
    agreed_weekly_cost: Decimal


@dataclass(frozen=True)
class DistributionRow:
    provider: str
    response_time: timedelta | None  # from sending to the provider's offer or decline, if any


@dataclass(frozen=True)
class TimeToPlacement:
    placements: int
    median_days: Decimal | None
    mean_days: Decimal | None


@dataclass(frozen=True)
class Distance:
    placements: int
    within: int
    beyond: int
    unknown: int

    @property
    def share_within(self) -> Fraction | None:
        return _share(self.within, self.within + self.beyond)


@dataclass(frozen=True)
class OutOfArea:
    placements: int
    outside: int

    @property
    def share_outside(self) -> Fraction | None:
        return _share(self.outside, self.placements)


@dataclass(frozen=True)
class Endings:
    observed: int  # started 12+ months ago, or ended
    unplanned: int  # of those, ended unplanned within 12 months of the start

    @property
    def share_unplanned(self) -> Fraction | None:
        return _share(self.unplanned, self.observed)


@dataclass(frozen=True)
class CouncilOutcomes:
    council: str
    time: TimeToPlacement
    distance: Distance
    out_of_area: OutOfArea
    endings: Endings


@dataclass(frozen=True)
class Responses:
    provider: str
    sent: int
    responded: int
    median_hours: Decimal | None

    @property
    def rate(self) -> Fraction | None:
        return _share(self.responded, self.sent)


@dataclass(frozen=True)
class DeclineCount:
    reason: str
    count: int
    share: Fraction


@dataclass(frozen=True)
class RouteCost:
    route: str
    placements: int
    share: Fraction | None
    average_weekly_cost: Decimal | None


@dataclass(frozen=True)
class Outcomes:
    overall: CouncilOutcomes
    councils: list[CouncilOutcomes]  # by name
    responses: Responses  # every provider together
    providers: list[Responses]  # most referrals sent first
    declines: list[DeclineCount]  # most common first
    routes: list[RouteCost]  # framework, then spot; none without placements


def outcomes(
    placements: Sequence[PlacementRow],
    distributions: Sequence[DistributionRow],
    decline_reasons: Iterable[str],
    *,
    today: date,
    everyone: str = "All",
) -> Outcomes:
    """Every figure of the outcomes page, overall and broken down, from the rows in scope."""
    by_provider = _grouped(distributions, lambda d: d.provider)
    providers = [responses(rows, provider=name) for name, rows in by_provider.items()]
    return Outcomes(
        overall=council_outcomes(placements, council=everyone, today=today),
        councils=[
            council_outcomes(rows, council=name, today=today)
            for name, rows in sorted(_grouped(placements, lambda p: p.council).items())
        ],
        responses=responses(distributions, provider=everyone),
        providers=sorted(providers, key=lambda r: (-r.sent, r.provider)),
        declines=declines(decline_reasons),
        routes=routes(placements),
    )


def council_outcomes(rows: Sequence[PlacementRow], *, council: str, today: date) -> CouncilOutcomes:
    return CouncilOutcomes(
        council=council,
        time=time_to_placement(rows),
        distance=distance(rows),
        out_of_area=OutOfArea(len(rows), sum(1 for r in rows if r.outside_home_council)),
        endings=endings(rows, today=today),
    )


def time_to_placement(rows: Iterable[PlacementRow]) -> TimeToPlacement:
    days = [(r.start_date - r.submitted_on).days for r in rows if r.submitted_on is not None]
    if not days:
        return TimeToPlacement(0, None, None)
    median = _tenths(Decimal(str(statistics.median(days))))
    mean = _tenths(Decimal(sum(days)) / len(days))
    return TimeToPlacement(len(days), median, mean)


def distance(rows: Sequence[PlacementRow]) -> Distance:
    known = [r.miles_from_home for r in rows if r.miles_from_home is not None]
    within = sum(1 for miles in known if miles <= NEAR_MILES)
    return Distance(len(rows), within, len(known) - within, len(rows) - len(known))


def endings(rows: Iterable[PlacementRow], *, today: date) -> Endings:
    observed = unplanned = 0
    for row in rows:
        anniversary = _anniversary(row.start_date)
        if anniversary > today and row.end_date is None:
            continue  # too recent to say, either way
        observed += 1
        if row.unplanned_ending and row.end_date is not None and row.end_date <= anniversary:
            unplanned += 1
    return Endings(observed, unplanned)


def responses(rows: Sequence[DistributionRow], *, provider: str) -> Responses:
    seconds = [r.response_time.total_seconds() for r in rows if r.response_time is not None]
    hours = _tenths(Decimal(str(statistics.median(seconds))) / 3600) if seconds else None
    return Responses(provider, len(rows), len(seconds), hours)


def declines(reasons: Iterable[str]) -> list[DeclineCount]:
    counts = Counter(reasons)
    total = sum(counts.values())
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [DeclineCount(reason, n, Fraction(n, total)) for reason, n in ordered]


def routes(rows: Sequence[PlacementRow]) -> list[RouteCost]:
    if not rows:
        return []
    by_route = _grouped(rows, lambda r: r.route)
    return [_route_cost(route, by_route.get(route, []), len(rows)) for route in ROUTES]


def _route_cost(route: str, rows: list[PlacementRow], total: int) -> RouteCost:
    average = _average(r.agreed_weekly_cost for r in rows)
    return RouteCost(route, len(rows), _share(len(rows), total), average)


def _grouped(rows: Iterable[Row], key: Callable[[Row], str]) -> dict[str, list[Row]]:
    groups: dict[str, list[Row]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return dict(groups)


def _share(part: int, whole: int) -> Fraction | None:
    return Fraction(part, whole) if whole else None


def _average(values: Iterable[Decimal]) -> Decimal | None:
    values = list(values)
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(PENCE, rounding=ROUND_HALF_UP)


def _tenths(value: Decimal) -> Decimal:
    return value.quantize(TENTH, rounding=ROUND_HALF_UP)


def _anniversary(day: date) -> date:
    """The same day a year on; a placement started on 29 February has it on 1 March."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 3, 1)
