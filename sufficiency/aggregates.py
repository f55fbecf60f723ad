"""Regional aggregates for DfE and RCC analysts: counts and money, never a child.

Pure: takes plain rows (built by ``sufficiency.selectors.aggregates``) and returns plain rows.
No Django here.

Definitions, so a figure can be checked by hand:
- *children in care on a day*: children with a 903 episode open that day (started on or
  before it, not ended before or on it). A child with two open episodes counts once, in the
  latest-started one. Age is whole years on the day; bands are the forecast's (0-4, 5-9,
  10-15, 16-17) and "18+" for the few still in care past their 18th birthday. Category is the
  forecast's grouping of the episode's PLACE code; legal status is the episode's LS.
- *distance bands*: placements current on the day, by ``miles_from_home``: under 20 miles
  (up to and including 20, the 903's PL_DISTANCE threshold), over 20 miles, or unknown;
  and inside or outside the child's council (where the setting is).
- *weekly costs*: agreed weekly costs of placements current on the day, by placement type and
  route (framework or spot): count, total, mean and median (inclusive quartiles, as on the
  price transparency page), each to the penny.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from providers.prices import summarise
from rcc.kit.ages import age_on
from sufficiency.forecasting.states import AGE_BANDS, BAND_STARTS, category_for_place

NEAR_MILES = 20
OVER_AGE_BAND = "18+"
PENCE = Decimal("0.01")
ROUTES = ("framework", "spot")


def age_band(age: int) -> str:
    """The forecast's age band of an age in whole years; "18+" past the 18th birthday."""
    if age >= 18:
        return OVER_AGE_BAND
    band = AGE_BANDS[0]
    for start, name in zip(BAND_STARTS, AGE_BANDS, strict=True):
        if age >= start:
            band = name
    return band


# Children in care --------------------------------------------------------------------------
@dataclass(frozen=True)
class EpisodeRow:
    child_id: int
    region: str
    council: str
    gss_code: str
    birth_date: date
    start_date: date
    place: str  # 903 PLACE code
    legal_status: str  # 903 LS code


@dataclass(frozen=True)
class CareCount:
    region: str
    council: str
    gss_code: str
    category: str
    age_band: str
    legal_status: str
    children: int


def children_in_care(episodes: Iterable[EpisodeRow], *, on: date) -> list[CareCount]:
    """Children in care on ``on`` by council, category, age band and legal status (non-zero
    cells only), ordered by region, council, category, age band and legal status.

    ``episodes`` are the episodes open on ``on``."""
    latest: dict[int, EpisodeRow] = {}
    for row in episodes:
        seen = latest.get(row.child_id)
        if seen is None or row.start_date > seen.start_date:
            latest[row.child_id] = row
    counts: dict[tuple[str, str, str, str, str, str], int] = defaultdict(int)
    for row in latest.values():
        band = age_band(age_on(row.birth_date, on))
        category = category_for_place(row.place)
        counts[(row.region, row.council, row.gss_code, category, band, row.legal_status)] += 1
    return [CareCount(*key, children) for key, children in sorted(counts.items())]


# Distances -------------------------------------------------------------------------------
@dataclass(frozen=True)
class PlacementRow:
    region: str
    council: str
    gss_code: str
    miles_from_home: float | None
    outside_council: bool


@dataclass(frozen=True)
class DistanceBands:
    region: str
    council: str
    gss_code: str
    placements: int
    under_20_miles: int
    over_20_miles: int
    distance_unknown: int
    inside_council: int
    outside_council: int


def distance_bands(rows: Iterable[PlacementRow]) -> list[DistanceBands]:
    """Per council (by region, then council): placements by distance band and in or out of
    the child's council."""
    grouped: dict[tuple[str, str, str], list[PlacementRow]] = defaultdict(list)
    for row in rows:
        grouped[(row.region, row.council, row.gss_code)].append(row)
    return [_bands(key, grouped[key]) for key in sorted(grouped)]


def _bands(key: tuple[str, str, str], rows: list[PlacementRow]) -> DistanceBands:
    known = [r.miles_from_home for r in rows if r.miles_from_home is not None]
    near = sum(1 for miles in known if miles <= NEAR_MILES)
    outside = sum(1 for r in rows if r.outside_council)
    return DistanceBands(
        *key,
        placements=len(rows),
        under_20_miles=near,
        over_20_miles=len(known) - near,
        distance_unknown=len(rows) - len(known),
        inside_council=len(rows) - outside,
        outside_council=outside,
    )


# Weekly costs ----------------------------------------------------------------------------
@dataclass(frozen=True)
class CostRow:
    region: str
    placement_type: str
    route: str  # "framework" or "spot"
    weekly_cost: Decimal


@dataclass(frozen=True)
class CostFigures:
    placements: int
    total_weekly_cost: Decimal
    mean_weekly_cost: Decimal | None
    median_weekly_cost: Decimal | None


@dataclass(frozen=True)
class WeeklyCosts:
    region: str
    placement_type: str
    all: CostFigures
    framework: CostFigures
    spot: CostFigures


def weekly_costs(rows: Iterable[CostRow]) -> list[WeeklyCosts]:
    """Per region and placement type (in that order): costs overall, on framework and spot."""
    grouped: dict[tuple[str, str], list[CostRow]] = defaultdict(list)
    for row in rows:
        grouped[(row.region, row.placement_type)].append(row)
    return [
        WeeklyCosts(
            region,
            kind,
            _figures(r.weekly_cost for r in group),
            *(_figures(r.weekly_cost for r in group if r.route == route) for route in ROUTES),
        )
        for (region, kind), group in sorted(grouped.items())
    ]


def _figures(costs: Iterable[Decimal]) -> CostFigures:
    values = list(costs)
    total = sum(values, Decimal("0.00"))
    summary = summarise(values)
    mean = _pence(total / len(values)) if values else None
    return CostFigures(len(values), _pence(total), mean, summary.median if summary else None)


def _pence(value: Decimal) -> Decimal:
    return value.quantize(PENCE, rounding=ROUND_HALF_UP)
