"""The placements' demo data: the councils' current placements in the providers' market, then
the pathfinders' children, their 903 care histories and home-search referrals in every state."""

from __future__ import annotations

import random

from placements.demo.agreements import seed_agreements
from placements.demo.documents import seed_documents
from placements.demo.journey import seed_journeys
from placements.demo.market import seed_market_placements
from providers.demo import Market, keep_demo_places_open

__all__ = ["seed"]


def seed(rng: random.Random, *, market: Market | None) -> None:
    """Draws from ``rng`` after the providers' market; ``market`` is None when it was seeded
    before (then its placements were too), and the journeys are a no-op once seeded."""
    if market is not None:
        seed_market_placements(market)
    seed_journeys(rng)
    keep_demo_places_open()  # after the journeys, which fill the demo provider's places
    seed_agreements(rng)
    seed_documents()
