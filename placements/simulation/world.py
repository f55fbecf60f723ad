"""The simulated region's world: its settings, the children it referred, its prices (pure).

`placements.simulation.load` builds one from the platform's models; tests build one by hand.
Every figure not taken from the region's own records is a named constant here with its source.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from placements import matching

# DfE, Children looked after in England 2025: ~91,000 placements start a year across 153
# councils. Used for the referral rate when a region has too little history of its own.
STARTS_PER_COUNCIL_YEAR = 91_000 / 153
# The CMA (2022) found too few places where children need them: demand runs close to supply.
# An assumption: children referred a year per vacancy the region's settings give it.
DEMAND_PER_VACANCY = 0.5
# DfE 2025: 6,540 of 81,770 children looked after were unaccompanied asylum-seeking children.
UASC_SHARE = 6_540 / 81_770
# Weekly prices when the region has no agreed price of its own for a type (DOMAIN.md: children's
# home ~£6,100 a week in 2024; independent fostering £820-1,000; supported accommodation is an
# assumption between the two).
NATIONAL_WEEKLY = {
    "childrens_home": 6_100.0,
    "ifa": 900.0,
    "la_fostering": 450.0,
    "supported": 2_000.0,
    "secure": 8_000.0,
    "residential_school": 5_000.0,
}


@dataclass(frozen=True)
class PlaceSetting:
    """A setting of the region: what matching knows of it (no vacancies), where and how big."""

    candidate: matching.Candidate
    council: str  # GSS code of the council it is in
    places: int  # registered places (at least 1)


@dataclass(frozen=True)
class Profile:
    """One child the region referred: drawn from, with its council, to make new referrals."""

    council: str
    child: matching.ChildNeeds  # required_by is replaced for each new referral


@dataclass(frozen=True)
class World:
    region: str
    settings: tuple[PlaceSetting, ...]
    profiles: tuple[Profile, ...]
    referrals_per_year: float
    median_weekly: dict[str, float]  # by setting type; the region's own, else national
    sources: dict[str, str]  # parameter -> where it came from
    offer_chance: float | None = None  # the region's own offers per referral sent, if known

    def setting(self, setting_id: int) -> PlaceSetting:
        return self._by_id[setting_id]

    @cached_property
    def _by_id(self) -> dict[int, PlaceSetting]:
        return {s.candidate.setting_id: s for s in self.settings}
