"""The market of the two pathfinder regions: providers, settings, frameworks, vacancies, prices.

Deterministic for a seed: every choice comes from the ``rng`` passed in and rows are visited
in the order they were made (never by ``public_id``). State changes go through the providers
services, as a page would make them; only what has no service yet is bulk-created: Ofsted's
inspection history (and, after the market, ``placements.demo.market``'s current placements).
This module holds the market's state; ``register``, ``frameworks``, ``vacancies`` and
``oversight`` fill it in, in the order ``providers.demo.seed`` calls them.

Figures follow DOMAIN.md: about 84% of children's homes private, a few large groups, children's
home places around £6,100 a week (complex ones far more), independent fostering about £900.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from providers.demo.data import DEMO_PROVIDER
from providers.models import Lot, NeedCategory, OfstedInspection, ProviderOrganisation, Setting
from rcc.demo.geography import COUNCILS, REGIONS
from rcc.demo.postcodes import Postcodes
from rcc.demo.tenancy import DEMO_DOMAIN
from rcc.models import LocalAuthority, User


@dataclass
class Org:
    provider: ProviderOrganisation
    kinds: str
    regions: tuple[str, ...]
    weight: int
    council: LocalAuthority | None = None


@dataclass
class Market:
    rng: random.Random
    today: date
    councils: dict[str, LocalAuthority]
    commissioners: dict[int, User]  # by region id
    demo_user: User
    needs: dict[str, NeedCategory]
    urns: list[str]
    settings: list[Setting] = field(default_factory=list)
    setting_needs: dict[int, list[NeedCategory]] = field(default_factory=dict)
    inspections: list[OfstedInspection] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    lots: dict[tuple[int, str, str], Lot] = field(default_factory=dict)
    rates: dict[tuple[int, int], int] = field(default_factory=dict)  # (lot, provider): £ a week
    postcodes: Postcodes = field(default_factory=Postcodes)

    def actor_for(self, provider: ProviderOrganisation) -> User | None:
        """Provider actions are the demo provider user's for that provider, else nobody's."""
        return self.demo_user if provider.name == DEMO_PROVIDER else None


def new_market(rng: random.Random) -> Market:
    """The market's state before anything is made: councils, commissioners, URNs to hand out."""
    councils = LocalAuthority.objects.select_related("region").filter(name__in=COUNCILS)
    commissioners = {}
    for key in REGIONS:
        user = User.objects.get(email=f"commissioner.{key.lower()}@{DEMO_DOMAIN}")
        commissioners[user.memberships.get().region_id] = user
    return Market(
        rng=rng,
        today=timezone.localdate(),
        councils={la.name: la for la in councils.order_by("name")},
        commissioners=commissioners,
        demo_user=User.objects.get(email=f"provider@{DEMO_DOMAIN}"),
        needs={n.code: n for n in NeedCategory.objects.order_by("code")},
        urns=[f"SC{n}" for n in rng.sample(range(100_000, 900_000), 400)],
    )
