"""The pathfinders' fostering hubs: a year of enquiries through every stage, approved carers
with vacancies offered to matching, support events with attendance, and a few who left.

Deterministic for a seed, as the providers' market (``providers.demo``). The pipeline rows
(enquiries, applicants, their stage rows with dates in the past, checks, Form F visits,
contacts) are bulk-created: a year of history cannot go through services that stamp "now".
Carers, their vacancies, buddies and deregistrations go through ``fostering.services.carers``,
so the vacancies are real supply of each council's fostering setting. Actors: the hub officer
where the demo has one (Greater Manchester), else the region's commissioner.

Conversion follows the issue: Greater Manchester runs its hub like Foster with North East
(about 20% of enquiries become applications, approval in about five months); the South East is
nearer the national picture (about 10%, seven to eight months).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

from placements.demo.care_history import SURNAMES
from rcc.demo.geography import COUNCILS, REGIONS
from rcc.demo.postcodes import Postcodes
from rcc.demo.tenancy import DEMO_DOMAIN
from rcc.models import LocalAuthority, Region, User


@dataclass(frozen=True)
class Flow:
    """A region's chance of each step and its days from the step before (low, high)."""

    visit: tuple[float, int, int]
    application: tuple[float, int, int]
    stage_2: tuple[float, int, int]
    report: tuple[float, int, int]
    panel: tuple[float, int, int]
    decision: tuple[float, int, int]
    contact_hours: tuple[int, int]


FLOWS = {
    "greater-manchester": Flow(
        (0.45, 3, 12), (0.45, 7, 30), (0.85, 21, 45), (0.9, 60, 90), (1, 10, 21), (0.95, 3, 7),
        (2, 30),
    ),
    "south-east": Flow(
        (0.32, 5, 25), (0.3, 10, 45), (0.8, 35, 75), (0.88, 80, 120), (1, 14, 30), (0.93, 5, 10),
        (4, 72),
    ),
}  # fmt: skip


@dataclass
class Hub:
    rng: random.Random
    today: date
    region: Region
    actor: User
    flow: Flow
    councils: list[LocalAuthority]
    postcodes: Postcodes


def hub_for(rng: random.Random, region: Region, postcodes: Postcodes) -> Hub:
    """The region's hub: its actor (the hub officer, else the commissioner), flow and councils."""
    key = next(k for k, slug in REGIONS.items() if slug == region.slug).lower()
    actor = (
        User.objects.filter(email=f"hub.{key}@{DEMO_DOMAIN}").first()
        or User.objects.filter(email=f"commissioner.{key}@{DEMO_DOMAIN}").first()
    )
    return Hub(
        rng=rng,
        today=timezone.localdate(),
        region=region,
        actor=actor,
        flow=FLOWS[region.slug],
        councils=list(
            LocalAuthority.objects.filter(region=region, name__in=COUNCILS).order_by("name")
        ),
        postcodes=postcodes,
    )


def at(day: date, rng: random.Random, start: int = 9, end: int = 17) -> datetime:
    return timezone.make_aware(
        datetime.combine(day, time(rng.randint(start, end), rng.randrange(60)))
    )


def pick_council(hub: Hub) -> LocalAuthority:
    return hub.rng.choices(hub.councils, weights=[COUNCILS[c.name][-1] for c in hub.councils])[0]


def surname(hub: Hub) -> str:
    return hub.rng.choice(SURNAMES)
