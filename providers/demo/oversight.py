"""Financial returns for the market oversight pages."""

from __future__ import annotations

from decimal import Decimal

from providers.demo.data import COUNCIL, DEMO_PROVIDER, VOLUNTARY
from providers.demo.market import Market, Org
from providers.models import ProviderOrganisation
from providers.services import oversight


def file_returns(m: Market, orgs: list[Org]) -> None:
    """Large groups file group-wide returns; some independents and the demo provider their own."""
    rng, year, groups = m.rng, m.today.year, set()
    for org in orgs:
        provider = org.provider
        if provider.group_id and provider.group_id not in groups:
            groups.add(provider.group_id)
            for y in (year - 1, year - 2):
                _return(m, provider, y, rng.randint(40, 260) * 1_000_000, (0.14, 0.25), True)
        elif not provider.group_id and provider.sector != COUNCIL and rng.random() < 0.4:
            low, high = (0.05, 0.08) if provider.sector == VOLUNTARY else (0.06, 0.2)
            _return(m, provider, year - 1, rng.randint(1_500, 18_000) * 1000, (low, high), False)
    demo = ProviderOrganisation.objects.get(name=DEMO_PROVIDER)
    for y in (year - 1, year - 2):
        _return(m, demo, y, rng.randint(6_000, 9_000) * 1000, (0.09, 0.14), False)


def _return(
    m: Market,
    provider: ProviderOrganisation,
    year: int,
    turnover: int,
    margins: tuple[float, float],
    group: bool,
) -> None:
    profit = round(turnover * m.rng.uniform(*margins))
    oversight.submit_financial_return(
        actor=m.actor_for(provider),
        provider=provider,
        year=year,
        turnover=Decimal(turnover),
        operating_profit=Decimal(profit),
        ebitda=Decimal(profit + round(turnover * m.rng.uniform(0.02, 0.06))),
        is_group_return=group,
    )
