"""The providers' demo data: the pathfinders' market (providers, settings, frameworks, rates,
vacancies, financial returns), and the demo provider user's organisation."""

from __future__ import annotations

import random

from providers.demo.frameworks import run_framework
from providers.demo.market import Market, new_market
from providers.demo.oversight import file_returns
from providers.demo.register import demo_provider, register_providers, register_settings
from providers.demo.vacancies import keep_demo_places_open, report_vacancies
from providers.models import Framework
from rcc.demo.geography import REGIONS
from rcc.models import Region

__all__ = ["Market", "demo_provider", "keep_demo_places_open", "seed"]


def seed(rng: random.Random, *, scale: str) -> Market | None:
    """The pathfinders' market (at either scale; bench/providers.py adds national volumes),
    returned for the placements' demo to place children in.

    A no-op returning None when a framework exists already, so seeding again changes nothing.
    """
    if Framework.objects.exists():
        return None
    market = new_market(rng)
    orgs = register_providers(market)
    register_settings(market, orgs)
    for region in Region.objects.filter(slug__in=REGIONS.values()).order_by("slug"):
        run_framework(market, region)
    report_vacancies(market)
    file_returns(market, orgs)
    return market
