"""Price transparency: what the region pays for each kind of placement.

Pure: takes plain observations of agreed weekly prices and returns plain statistics, so the same
figures reach pages, exports and tests. No Django here.

Quartiles use one method throughout, the *inclusive* one (linear interpolation between the closest
ranks: Python's ``statistics.quantiles(data, n=4, method="inclusive")``, numpy's default, Excel's
QUARTILE.INC). For n sorted prices x[0] .. x[n-1], quartile k (0 = minimum, 2 = median, 4 = maximum)
sits at position k * (n - 1) / 4 and interpolates between the prices either side of it.

Arithmetic stays in Decimal and every figure is rounded to pence (ROUND_HALF_UP). Fences, spot
premiums and provider comparisons are worked from those rounded figures, so anyone can check them
by hand from what the page shows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

FRAMEWORK = "framework"
SPOT = "spot"
PENCE = Decimal("0.01")
FENCE_FACTOR = Decimal("1.5")
MIN_PRICES_FOR_OUTLIERS = 4
# Segments are listed in the order needs escalate, not alphabetically; unknown levels go last.
NEED_ORDER = {"core": 0, "enhanced": 1, "complex": 2}

Segment = tuple[str, str]


@dataclass(frozen=True)
class PriceObservation:
    placement_type: str
    need_level: str
    weekly_price: Decimal
    route: str
    provider_id: int
    provider_name: str
    judgement: int | None  # latest Ofsted overall judgement 1..4 of the setting, if inspected


@dataclass(frozen=True)
class Summary:
    count: int
    median: Decimal
    lower_quartile: Decimal
    upper_quartile: Decimal
    minimum: Decimal
    maximum: Decimal


@dataclass(frozen=True)
class SegmentStats:
    placement_type: str
    need_level: str
    overall: Summary
    framework: Summary | None
    spot: Summary | None
    by_judgement: dict[int | None, Summary]  # only judgements present; 1..4 then None
    spot_premium: Decimal | None  # spot median - framework median, when both routes have prices
    outliers: list[PriceObservation]  # outside the Tukey fences, cheapest first


@dataclass(frozen=True)
class ProviderComparison:
    provider_id: int
    provider_name: str
    placement_type: str
    need_level: str
    count: int
    provider_median: Decimal
    regional_median: Decimal  # of every price in the segment, the provider's own included
    difference: Decimal  # provider median - regional median
    ratio: Decimal | None  # provider median / regional median; None if that median is zero
    is_outlier: bool  # provider median outside the segment's Tukey fences


def summarise(prices: Sequence[Decimal]) -> Summary | None:
    """Count, quartiles and range of some weekly prices; None when there are none.

    Quartiles by the inclusive method described in the module docstring, rounded to pence.
    """
    if not prices:
        return None
    return _describe(prices)


def tukey_fences(summary: Summary) -> tuple[Decimal, Decimal] | None:
    """(Q1 - 1.5 * IQR, Q3 + 1.5 * IQR); None when under 4 prices make "outlier" meaningless."""
    if summary.count < MIN_PRICES_FOR_OUTLIERS:
        return None
    spread = FENCE_FACTOR * (summary.upper_quartile - summary.lower_quartile)
    return summary.lower_quartile - spread, summary.upper_quartile + spread


def segment_statistics(observations: Iterable[PriceObservation]) -> list[SegmentStats]:
    """One SegmentStats per (placement type, need level), ordered by type then need level."""
    return [_segment_stats(segment, group) for segment, group in _by_segment(observations).items()]


def providers_against_median(observations: Iterable[PriceObservation]) -> list[ProviderComparison]:
    """Each provider's median in each segment against the segment's regional median.

    Dearest relative to the region first (ratio descending), then by provider name.
    """
    comparisons: list[ProviderComparison] = []
    for group in _by_segment(observations).values():
        overall = _describe(_prices(group))
        comparisons += [_compare(own, overall) for own in _by_provider(group)]
    return sorted(comparisons, key=_comparison_order)


def _describe(prices: Sequence[Decimal]) -> Summary:
    ordered = sorted(_as_decimal(price) for price in prices)
    lower, median, upper = (_pence(_quartile(ordered, k)) for k in (1, 2, 3))
    return Summary(
        count=len(ordered),
        median=median,
        lower_quartile=lower,
        upper_quartile=upper,
        minimum=_pence(ordered[0]),
        maximum=_pence(ordered[-1]),
    )


def _quartile(ordered: Sequence[Decimal], k: int) -> Decimal:
    # Position k * (n - 1) / 4 as a whole index plus a remainder in quarters, so no float appears.
    index, quarters = divmod(k * (len(ordered) - 1), 4)
    if quarters == 0:
        return ordered[index]
    low, high = ordered[index], ordered[index + 1]
    return low + (high - low) * quarters / 4


def _as_decimal(price: Decimal | float | int | str) -> Decimal:
    # Decimal(0.1) would carry the float's binary error; going through str keeps what was meant.
    return Decimal(str(price)) if isinstance(price, float) else Decimal(price)


def _pence(value: Decimal) -> Decimal:
    return value.quantize(PENCE, rounding=ROUND_HALF_UP)


def _prices(observations: Iterable[PriceObservation]) -> list[Decimal]:
    return [observation.weekly_price for observation in observations]


def _by_segment(observations: Iterable[PriceObservation]) -> dict[Segment, list[PriceObservation]]:
    groups: dict[Segment, list[PriceObservation]] = defaultdict(list)
    for observation in observations:
        groups[(observation.placement_type, observation.need_level)].append(observation)
    return dict(sorted(groups.items(), key=lambda item: _segment_order(item[0])))


def _segment_order(segment: Segment) -> tuple[str, int, str]:
    placement_type, need_level = segment
    return placement_type, NEED_ORDER.get(need_level, len(NEED_ORDER)), need_level


def _segment_stats(segment: Segment, group: list[PriceObservation]) -> SegmentStats:
    overall = _describe(_prices(group))
    framework = summarise(_prices(o for o in group if o.route == FRAMEWORK))
    spot = summarise(_prices(o for o in group if o.route == SPOT))
    return SegmentStats(
        placement_type=segment[0],
        need_level=segment[1],
        overall=overall,
        framework=framework,
        spot=spot,
        by_judgement=_by_judgement(group),
        spot_premium=spot.median - framework.median if spot and framework else None,
        outliers=_outliers(group, tukey_fences(overall)),
    )


def _by_judgement(group: list[PriceObservation]) -> dict[int | None, Summary]:
    judgements = sorted({o.judgement for o in group}, key=lambda j: (j is None, j or 0))
    return {j: _describe(_prices(o for o in group if o.judgement == j)) for j in judgements}


def _outliers(
    group: list[PriceObservation], fences: tuple[Decimal, Decimal] | None
) -> list[PriceObservation]:
    outside = [o for o in group if _is_outside(o.weekly_price, fences)]
    return sorted(outside, key=lambda o: o.weekly_price)


def _is_outside(price: Decimal, fences: tuple[Decimal, Decimal] | None) -> bool:
    if fences is None:
        return False
    lower, upper = fences
    return price < lower or price > upper


def _by_provider(group: list[PriceObservation]) -> list[list[PriceObservation]]:
    providers: dict[int, list[PriceObservation]] = defaultdict(list)
    for observation in group:
        providers[observation.provider_id].append(observation)
    return list(providers.values())


def _compare(own: list[PriceObservation], overall: Summary) -> ProviderComparison:
    first = own[0]
    median = _describe(_prices(own)).median
    regional = overall.median
    return ProviderComparison(
        provider_id=first.provider_id,
        provider_name=first.provider_name,
        placement_type=first.placement_type,
        need_level=first.need_level,
        count=len(own),
        provider_median=median,
        regional_median=regional,
        difference=median - regional,
        ratio=_pence(median / regional) if regional else None,
        is_outlier=_is_outside(median, tukey_fences(overall)),
    )


def _comparison_order(comparison: ProviderComparison) -> tuple[object, ...]:
    ratio = comparison.ratio
    segment = _segment_order((comparison.placement_type, comparison.need_level))
    name, provider_id = comparison.provider_name, comparison.provider_id
    return ratio is None, -(ratio or Decimal(0)), name, provider_id, segment
