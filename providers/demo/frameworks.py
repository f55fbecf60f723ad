"""The pathfinders' dynamic purchasing systems: lots, a round open, providers' applications
decided by the commissioner, and rates for those admitted."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal

from providers.demo.data import (
    BANDS,
    COUNCIL,
    DEMO_PROVIDER,
    LOT_TITLES,
    LOTS,
    REFUSALS,
    demo_outcome,
    draw_outcome,
)
from providers.demo.market import Market
from providers.models import Application, Lot, NeedLevel, ProviderOrganisation
from providers.services import frameworks
from rcc.kit.format import money
from rcc.models import Region


def run_framework(m: Market, region: Region) -> None:
    """The region's framework, its lots and a round open; every bid in it decided."""
    actor = m.commissioners[region.pk]
    starts_on = m.today - timedelta(days=270)
    framework = frameworks.create_framework(
        actor=actor,
        region=region,
        name=f"{region.name} children's placements DPS",
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=4 * 365),
    )
    for setting_type, need, _ in LOTS:
        m.lots[(region.pk, setting_type, need)] = frameworks.add_lot(
            actor=actor,
            framework=framework,
            name=f"{region.name} {LOT_TITLES[setting_type]}, {NeedLevel(need).label.lower()}",
            placement_type=setting_type,
            need_level=need,
        )
    frameworks.open_round(
        actor=actor,
        framework=framework,
        opens_on=m.today - timedelta(days=42),
        closes_on=m.today + timedelta(days=49),
    )
    for provider, lot, outcome in _bids(m, region):
        _apply(m, provider, lot, outcome)


def _bids(m: Market, region: Region) -> Iterator[tuple[ProviderOrganisation, Lot, str]]:
    """(provider, lot, outcome) for each provider with a setting of the lot's type in region."""
    offered: dict[int, set[str]] = defaultdict(set)
    providers: dict[int, ProviderOrganisation] = {}
    for s in m.settings:
        if s.local_authority.region_id == region.pk and s.provider.sector != COUNCIL:
            offered[s.provider_id].add(s.setting_type)
            providers.setdefault(s.provider_id, s.provider)
    for provider_id, provider in providers.items():
        for setting_type, need, chance in LOTS:
            if setting_type not in offered[provider_id]:
                continue
            if provider.name == DEMO_PROVIDER:
                # Admitted to core and enhanced; its complex bid waits for a decision.
                yield provider, m.lots[(region.pk, setting_type, need)], demo_outcome(need)
            elif m.rng.random() < chance:
                yield provider, m.lots[(region.pk, setting_type, need)], draw_outcome(m.rng)


def _apply(m: Market, provider: ProviderOrganisation, lot: Lot, outcome: str) -> None:
    rng, commissioner = m.rng, m.commissioners[lot.framework.region_id]
    price = rng.randint(*BANDS[(lot.placement_type, lot.need_level)])
    application = frameworks.apply_to_lot(
        actor=m.actor_for(provider),
        provider=provider,
        lot=lot,
        proposed_weekly_price=Decimal(price),
        statement=f"{provider.name} offers {lot.name.lower()} at {money(price)} a week.",
    )
    for step in _steps(outcome):
        reason = rng.choice(REFUSALS) if step == Application.Status.REFUSED else ""
        frameworks.decide_application(
            actor=commissioner, application=application, to=step, reason=reason
        )
    if outcome == Application.Status.ADMITTED:
        rate = round(price * rng.uniform(0.95, 1.0))
        frameworks.set_rate(
            actor=commissioner,
            lot=lot,
            provider=provider,
            need_level=lot.need_level,
            weekly_price=Decimal(rate),
            valid_from=lot.framework.starts_on,
        )
        m.rates[(lot.pk, provider.pk)] = rate


def _steps(outcome: str) -> list[str]:
    if outcome == Application.Status.SUBMITTED:
        return []
    if outcome == Application.Status.UNDER_EVALUATION:
        return [outcome]
    return [Application.Status.UNDER_EVALUATION, outcome]
