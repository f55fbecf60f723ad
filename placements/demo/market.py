"""The councils' current placements in the pathfinders' market: framework or spot, near home
or away, drawn after the providers' market from the same random sequence."""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from placements.models import Placement
from providers.demo.data import COMPLEX, CORE, ENHANCED, T, spot_price
from providers.demo.market import Market
from providers.models import Setting
from rcc.demo.geography import COUNCILS
from rcc.models import LocalAuthority

# Placement type and need level mix of the councils' current placements.
PLACEMENT_MIX = {
    T.CHILDRENS_HOME: (0.52, {CORE: 0.62, ENHANCED: 0.26, COMPLEX: 0.12}),
    T.IFA: (0.32, {CORE: 0.7, ENHANCED: 0.3}),
    T.SUPPORTED: (0.1, {CORE: 0.85, ENHANCED: 0.15}),
    T.RESIDENTIAL_SCHOOL: (0.04, {ENHANCED: 0.5, COMPLEX: 0.5}),
    T.SECURE: (0.02, {COMPLEX: 1}),
}
PLACEMENTS = 400
FRAMEWORK_CHANCE = 0.72  # of a placement in a segment with a lot: about 65% of all placements


def seed_market_placements(m: Market) -> None:
    """PLACEMENTS current placements (no service makes a placement without a referral)."""
    Placement.objects.bulk_create(_placements(m))


def _placements(m: Market) -> list[Placement]:
    placed = [s for s in m.settings if s.setting_type != T.LA_FOSTERING]
    by_segment: dict[tuple[int, str], list[Setting]] = defaultdict(list)
    for s in placed:
        by_segment[(s.local_authority.region_id, s.setting_type)].append(s)
    councils = list(m.councils.values())
    sizes = [COUNCILS[la.name][-1] for la in councils]
    types = list(PLACEMENT_MIX)
    rows = []
    for council in m.rng.choices(councils, weights=sizes, k=PLACEMENTS):
        setting_type = m.rng.choices(types, weights=[PLACEMENT_MIX[t][0] for t in types])[0]
        levels = PLACEMENT_MIX[setting_type][1]
        need = m.rng.choices(list(levels), weights=list(levels.values()))[0]
        # No such setting in the region: the child is placed out of the region.
        options = by_segment[(council.region_id, setting_type)] or [
            s for s in placed if s.setting_type == setting_type
        ]
        rows.append(_placement(m, council, setting_type, need, options))
    return rows


def _placement(
    m: Market, council: LocalAuthority, setting_type: str, need: str, options: list[Setting]
) -> Placement:
    rng = m.rng
    lot = m.lots.get((council.region_id, setting_type, need))
    admitted = [s for s in options if lot and (lot.pk, s.provider_id) in m.rates]
    framework = bool(admitted) and rng.random() < FRAMEWORK_CHANCE
    setting = _nearby(rng, council, admitted if framework else options)
    if framework:
        extra = rng.choice((1, 1, 1, 1.05, 1.1, 1.15))  # some buy extra one-to-one hours
        cost, start = m.rates[(lot.pk, setting.provider_id)] * extra, rng.randint(7, 260)
    else:
        cost, start = spot_price(rng, setting_type, need), rng.randint(7, 1000)
    return Placement(
        local_authority=council,
        setting=setting,
        provider_id=setting.provider_id,
        lot=lot if framework else None,
        placement_type=setting_type,
        need_level=need,
        route=Placement.Route.FRAMEWORK if framework else Placement.Route.SPOT,
        agreed_weekly_cost=Decimal(round(cost)),
        start_date=m.today - timedelta(days=start),
        miles_from_home=_miles_from_home(council, setting, start),
    )


def _miles_from_home(council: LocalAuthority, setting: Setting, start: int) -> float:
    """A plausible distance for a placement with no child record to measure from.

    Drawn from its own generator, seeded by the placement, so the rest of the market's
    random sequence (and every figure built on it) is unchanged.
    """
    rng = random.Random(f"miles-{council.pk}-{setting.pk}-{start}")
    if setting.local_authority_id == council.pk:
        return round(rng.uniform(0.5, 12), 1)
    if setting.local_authority.region_id == council.region_id:
        return round(rng.triangular(4, 45, 14), 1)
    return round(rng.uniform(35, 220), 1)


def _nearby(rng: random.Random, council: LocalAuthority, options: list[Setting]) -> Setting:
    """Nearly half of children are placed inside their own council; the rest elsewhere."""
    local = [s for s in options if s.local_authority_id == council.pk]
    return rng.choice(local if local and rng.random() < 0.45 else options)
