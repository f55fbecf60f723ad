"""What each policy did for the children of a region-year, as the DfE reports it (pure).

Unplanned endings within 12 months are drawn, not observed: a placement ends unplanned if the
child's own draw falls under BREAKDOWN_BASE, raised by FAR_FACTOR when it is more than 20 miles
from home (or the distance is unknown) and by POOR_FIT_FACTOR when the match scored under
POOR_FIT. The base is anchored on the DfE's placement stability figures (about 1 child in 10
looked after has three or more placements in a year, DfE Children looked after in England
2024); the two factors are assumptions, in the direction the research on distance and
matching finds, with no published size.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from placements.simulation.engine import FAR, Outcome

BREAKDOWN_BASE = 0.10
FAR_FACTOR = 1.5
POOR_FIT_FACTOR = 1.3
POOR_FIT = 50.0


def unplanned(outcome: Outcome) -> bool:
    chance = BREAKDOWN_BASE
    if outcome.miles_from_home is None or outcome.miles_from_home > FAR:
        chance *= FAR_FACTOR
    if outcome.score is None or outcome.score < POOR_FIT:
        chance *= POOR_FIT_FACTOR
    return outcome.breakdown_u < chance


def summarise(outcomes: Sequence[Outcome], *, baseline: Sequence[Outcome] | None = None) -> dict:
    n = len(outcomes)
    known = [o.miles_from_home for o in outcomes if o.miles_from_home is not None]
    school = [o.miles_from_school for o in outcomes if o.miles_from_school is not None]
    homes = [o for o in outcomes if o.childrens_home and o.setting_id is not None]
    result = {
        "children": n,
        "within_20_miles": _share(sum(1 for m in known if m <= FAR), n),
        "outside_council": _share(sum(1 for o in outcomes if o.outside_council), n),
        "unknown_distance": _share(n - len(known), n),
        "childrens_homes_over_20_miles": _share(
            sum(1 for o in homes if o.miles_from_home is None or o.miles_from_home > FAR),
            len(homes),
        ),
        "days_to_place_median": _median([o.placed_day - o.arrival_day for o in outcomes]),
        "not_placed_by_date": sum(1 for o in outcomes if o.placed_day > o.required_day),
        "weekly_cost_mean": round(statistics.fmean(o.weekly_cost for o in outcomes), 2)
        if outcomes
        else None,
        "unplanned_endings_12m": sum(1 for o in outcomes if unplanned(o)),
        "school_miles_median": round(statistics.median(school), 1) if school else None,
        "emergency_placements": sum(1 for o in outcomes if o.emergency),
        "siblings_split": sum(1 for o in outcomes if o.siblings_split),
        "placed_outside_market": sum(1 for o in outcomes if o.setting_id is None),
        "worst_known_miles": max(known) if known else None,
    }
    if baseline is not None:
        before = {o.referral_id: _miles(o) for o in baseline}
        result["worse_off_than_status_quo"] = sum(
            1 for o in outcomes if _miles(o) > before.get(o.referral_id, float("inf")) + 0.05
        )
        result["better_off_than_status_quo"] = sum(
            1 for o in outcomes if _miles(o) + 0.05 < before.get(o.referral_id, float("inf"))
        )
    return result


def spread(runs: Sequence[dict]) -> dict:
    """Mean and standard deviation of every figure over several seeds' summaries."""
    keys = [k for k, v in runs[0].items() if isinstance(v, int | float)]
    out = {}
    for key in keys:
        values = [r[key] for r in runs if isinstance(r.get(key), int | float)]
        out[key] = {
            "mean": round(statistics.fmean(values), 4),
            "sd": round(statistics.stdev(values), 4) if len(values) > 1 else 0.0,
        }
    return out


def _median(values: list[int]) -> float | None:
    return statistics.median(values) if values else None


def _miles(outcome: Outcome) -> float:
    return float("inf") if outcome.miles_from_home is None else outcome.miles_from_home


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
