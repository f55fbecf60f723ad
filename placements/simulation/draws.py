"""Everything random in a region-year, drawn once from the seed before any policy runs (pure).

Every policy meets the same children on the same days, the same vacancies, the same provider
offers and response times, prices and the same chance of breakdown ("common random numbers"),
so a difference between policies is the policy's, not the dice's.

Assumptions (no published figure at this level; each is a constant so it can be challenged):
- TURNOVER_PER_PLACE_YEAR: a registered place falls vacant about once a year (an average stay of
  about a year in a children's home), and REGION_SHARE of those vacancies are offered to this
  region's children before another region's; an unfilled vacancy stays open OPEN_DAYS on average.
- OFFER_CHANCE: a provider offers for a referral it is sent about a third of the time (the
  platform's own distributions give the share when the region has them; see `load`).
- Planned searches start PLANNED_LEAD days before the latest start date; emergencies are needed
  the day they arrive.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np

from placements.simulation.world import World

TURNOVER_PER_PLACE_YEAR = 1.0
REGION_SHARE = 0.6
OPEN_DAYS = 10
OFFER_CHANCE = 0.35
RESPONSE_DAYS = (0, 4)
PLANNED_LEAD = (7, 42)
SPOT_PREMIUM = 0.35  # a spot price is the regional median plus up to this share
SIBLING_PLACES_CHANCE = 0.3  # a vacancy in a setting taking sibling groups has 2 places
TAIL_DAYS = 60  # the year's last referrals are followed this long
VACANCIES_PER_PLACE_YEAR = TURNOVER_PER_PLACE_YEAR * REGION_SHARE


@dataclass(frozen=True)
class Arrival:
    referral_id: int
    day: int
    profile: int  # index into world.profiles
    required_day: int
    offers: dict[int, int]  # setting id -> days after arrival its offer comes
    price_u: float  # where between median and the spot premium a spot price falls
    breakdown_u: float  # compared with the chance of an unplanned ending


@dataclass(frozen=True)
class Opening:
    vacancy_id: int
    setting_index: int
    day: int
    close_day: int
    places: int


@dataclass(frozen=True)
class Draws:
    days: int
    arrivals: tuple[Arrival, ...]
    openings: tuple[Opening, ...]


def draw(world: World, seed: int, days: int) -> Draws:
    offer_chance = world.offer_chance or OFFER_CHANCE
    rng = random.Random(seed)  # noqa: S311 (a simulation, not secrets)
    counts = np.random.default_rng(seed).poisson(world.referrals_per_year / 365, size=days)
    setting_ids = [s.candidate.setting_id for s in world.settings]
    arrivals = []
    for day, count in enumerate(counts.tolist()):
        for _ in range(count):
            profile = rng.randrange(len(world.profiles))
            emergency = world.profiles[profile].child.emergency
            lead = 0 if emergency else rng.randint(*PLANNED_LEAD)
            offers = {
                sid: rng.randint(*RESPONSE_DAYS)
                for sid in setting_ids
                if rng.random() < offer_chance
            }
            arrivals.append(
                Arrival(
                    len(arrivals) + 1,
                    day,
                    profile,
                    day + lead,
                    offers,
                    rng.random(),
                    rng.random(),
                )
            )
    openings = []
    horizon = days + TAIL_DAYS
    for index, setting in enumerate(world.settings):
        rate = setting.places * VACANCIES_PER_PLACE_YEAR / 365
        for day in range(horizon):
            if rng.random() < rate:
                stays = 1 + int(rng.expovariate(1 / OPEN_DAYS))
                group = setting.candidate.takes_sibling_groups
                places = 2 if group and rng.random() < SIBLING_PLACES_CHANCE else 1
                vacancy_id = len(openings) + 1
                openings.append(Opening(vacancy_id, index, day, day + stays, places))
    return Draws(days, tuple(arrivals), tuple(openings))
