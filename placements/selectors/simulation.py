"""A region's world for the simulation (placements.simulation), read from the platform's models.

Reads only; the simulation writes nothing to any database. The settings are the region's
active settings as the shortlist sees them (the same needs, framework rates, admissions and
stability, through the shortlist's own helpers); the children are the region's own referrals,
turned into `matching.ChildNeeds` by the shortlist's own function, and are resampled to make
the year's referrals.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from placements import matching
from placements.models import Distribution, Offer, Placement, Referral
from placements.selectors.referrals import _child_needs, _needs_of, _rates, _stability
from placements.simulation.draws import VACANCIES_PER_PLACE_YEAR
from placements.simulation.world import (
    DEMAND_PER_VACANCY,
    NATIONAL_WEEKLY,
    STARTS_PER_COUNCIL_YEAR,
    PlaceSetting,
    Profile,
    World,
)
from providers import prices
from providers.models import Application, Setting
from rcc.geography.selectors import coordinates_for
from rcc.models import LocalAuthority, Region

MIN_HISTORY = 10  # fewer distributions than this: the assumed offer chance instead
# A region sends the platform at least this many referrals per council a year before its own
# rate is used (a real region sends hundreds; the demo's sends a handful).
MIN_REFERRALS_PER_COUNCIL = 50


def region_world(slug: str, *, referrals_per_year: float | None = None) -> World:
    region = Region.objects.get(slug=slug)
    councils = dict(LocalAuthority.objects.filter(region=region).values_list("pk", "gss_code"))
    settings = list(
        Setting.objects.filter(local_authority_id__in=list(councils), status="active").order_by(
            "pk"
        )
    )
    referrals = list(
        Referral.objects.filter(local_authority_id__in=list(councils))
        .select_related("child")
        .prefetch_related("needs")
        .order_by("created_at", "pk")
    )
    if not referrals:
        raise ValueError(f"region {slug} has no referrals to draw children from")
    postcodes = [s.postcode for s in settings]
    for referral in referrals:
        child = referral.child
        postcodes += [referral.family_postcode or child.home_postcode, referral.school_postcode]
        postcodes.append(child.school_postcode)
    coords = coordinates_for([p for p in postcodes if p])
    ids = [s.pk for s in settings]
    needs, rates, stability = _needs_of(ids), _rates(region.pk), _stability(ids)
    admitted = set(
        Application.objects.filter(
            status="admitted", lot__framework__region_id=region.pk
        ).values_list("provider_id", flat=True)
    )
    medians = _medians(list(councils))
    sources = {}
    median_weekly = {}
    for kind, national in NATIONAL_WEEKLY.items():
        own = medians.get(kind)
        median_weekly[kind] = float(own) if own is not None else national
        sources[f"median_weekly.{kind}"] = "region's current placements" if own else "national"
    place_settings = tuple(
        PlaceSetting(
            candidate=matching.Candidate(
                setting_id=s.pk,
                setting_type=s.setting_type,
                status=s.status,
                age_min=s.age_min,
                age_max=s.age_max,
                sexes=s.sexes,
                needs=needs.get(s.pk, frozenset()),
                takes_emergencies=s.takes_emergencies,
                takes_sibling_groups=s.takes_sibling_groups,
                takes_uasc=s.takes_uasc,
                takes_parent_and_child=s.takes_parent_and_child,
                latest_judgement=s.latest_judgement,
                location=coords.get(s.postcode),
                vacancies=(),
                weekly_price=rates.get((s.provider_id, s.setting_type)),
                regional_median=medians.get(s.setting_type),
                on_framework=s.provider_id in admitted,
                stability=stability.get(s.pk),
            ),
            council=councils[s.local_authority_id],
            places=max(1, s.registered_places),
        )
        for s in settings
    )
    profiles = tuple(
        Profile(councils[r.local_authority_id], _child_needs(r, coords)) for r in referrals
    )
    latest = referrals[-1].created_at
    last_year = sum(1 for r in referrals if r.created_at > latest - timedelta(days=365))
    if referrals_per_year is not None:
        rate, source = referrals_per_year, "--referrals-per-year"
    elif last_year >= MIN_REFERRALS_PER_COUNCIL * len(councils):
        rate, source = float(last_year), "region's referrals in the year to its latest"
    else:
        # Too little history: as many referrals as England's placement starts per council
        # (DfE), but no more than the settings held here could ever take (so a region with
        # only some of its settings on the platform is as tight as England, not swamped).
        supply = sum(s.places for s in place_settings) * VACANCIES_PER_PLACE_YEAR
        rate = min(STARTS_PER_COUNCIL_YEAR * len(councils), supply * DEMAND_PER_VACANCY)
        source = (
            f"DfE starts per council ({STARTS_PER_COUNCIL_YEAR:.0f} a year), capped at "
            f"{DEMAND_PER_VACANCY:.0%} of the vacancies the region's settings give"
        )
    sources["referrals_per_year"] = source
    sources["children"] = f"resampled from the region's {len(referrals)} referrals"
    sent = Distribution.objects.filter(referral__local_authority_id__in=list(councils)).count()
    offered = Offer.objects.filter(referral__local_authority_id__in=list(councils)).count()
    offer_chance = min(1.0, offered / sent) if sent >= MIN_HISTORY else None
    sources["offer_chance"] = "region's offers per distribution" if offer_chance else "assumed"
    return World(
        region=slug,
        settings=place_settings,
        profiles=profiles,
        referrals_per_year=rate,
        median_weekly=median_weekly,
        sources=sources,
        offer_chance=offer_chance,
    )


def _medians(council_ids: list[int]) -> dict[str, Decimal]:
    """Median agreed weekly price of the region's current core-need placements, by type."""
    by_type: dict[str, list[Decimal]] = defaultdict(list)
    current = Placement.objects.filter(
        local_authority_id__in=council_ids, end_date__isnull=True, need_level="core"
    ).values_list("placement_type", "agreed_weekly_cost")
    for kind, price in current.order_by():
        by_type[kind].append(price)
    found = {kind: prices.summarise(values) for kind, values in by_type.items()}
    return {kind: summary.median for kind, summary in found.items() if summary}
