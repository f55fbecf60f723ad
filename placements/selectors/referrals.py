"""Referrals: the queue, a referral, its shortlist of settings and its offers side by side.

Each read starts from an rcc.access scope."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from placements import matching
from placements.models import Offer, Placement, Referral
from providers import prices
from providers.models import Application, RateCard, Setting, Vacancy
from rcc import access
from rcc.geography.selectors import coordinates_for
from rcc.lookups import AnyOf

# Which setting types each suitability of the data standard opens up.
TYPES_FOR = {
    "foster": {"ifa", "la_fostering"},
    "residential": {"childrens_home", "secure", "residential_school"},
    "supported": {"supported"},
}


def referral_queue(user: Any) -> QuerySet:
    return (
        access.referrals_for(user)
        .annotate(offer_count=Count("offers", filter=Q(offers__status__in=["made", "shortlisted"])))
        .order_by("-created_at")
    )


def referral_detail(user: Any, public_id: Any, *, to_act_on: bool = False) -> Referral:
    get = access.get_referral_to_act_on if to_act_on else access.get_referral_for_user
    referral = get(user, public_id)
    return (
        access.referrals_for(user)
        .prefetch_related("needs", "trail__changed_by", "distributions__provider")
        .get(pk=referral.pk)
    )


def suitable_types(referral: Referral) -> frozenset[str]:
    chosen = {
        kind
        for kind in TYPES_FOR
        if getattr(referral, f"{kind}_suitability") in ("preferred", "suitable", "not_specified")
    }
    return frozenset(t for kind in chosen for t in TYPES_FOR[kind])


def _child_needs(referral: Referral, coords: dict) -> matching.ChildNeeds:
    child = referral.child
    home = referral.family_postcode or child.home_postcode
    school = referral.school_postcode or child.school_postcode
    return matching.ChildNeeds(
        age=child.age_on(referral.latest_start_date),
        sex=child.sex,
        placement_types=suitable_types(referral),
        needs=frozenset(n.code for n in referral.needs.all()),
        sibling_group_size=1 + referral.siblings_to_place_with,
        emergency=referral.search_type == "emergency",
        required_by=referral.latest_start_date,
        is_uasc=child.is_uasc,
        home=coords.get(home),
        school=coords.get(school),
    )


def _rates(region_id: int) -> dict[tuple[int, str], Decimal]:
    """The lowest current framework rate of each provider for each setting type."""
    rates: dict[tuple[int, str], Decimal] = {}
    current = RateCard.objects.filter(
        valid_to__isnull=True, lot__framework__region_id=region_id
    ).values_list("provider_id", "lot__placement_type", "weekly_price")
    for provider_id, kind, price in current:
        key = (provider_id, kind)
        rates[key] = min(price, rates.get(key, price))
    return rates


def _stability(setting_ids: list[int]) -> dict[int, float]:
    since = timezone.localdate() - timedelta(days=3 * 365)
    rows = (
        Placement.objects.filter(AnyOf(F("setting_id"), setting_ids), start_date__gte=since)
        .values("setting_id")
        .annotate(total=Count("id"), broke=Count("id", filter=Q(unplanned_ending=True)))
    )
    return {r["setting_id"]: 1 - r["broke"] / r["total"] for r in rows if r["total"]}


# Fields neither matching nor the shortlist page reads; not loading them (timestamps above all,
# which the driver parses) saves a few milliseconds over a region's settings (bench/).
_NOT_SHOWN = (
    "address",
    "latitude",
    "longitude",
    "registered_places",
    "latest_inspection_on",
    "updated_at",
    "provider__created_at",
)


def shortlist(user: Any, referral: Referral, limit: int | None = 50):
    """Match the referral against every setting and open vacancy in the user's scope."""
    # Needs and vacancies come as plain rows keyed by setting: prefetch_related built a
    # queryset per setting and cost more than the rest of the shortlist together (bench/).
    # They are asked for by the settings' ids, as prefetching did: a subquery instead can
    # get a nested-loop plan on PostgreSQL (13-55 ms, not 2).
    settings = list(
        access.settings_for(user)
        .filter(setting_type__in=suitable_types(referral))
        .select_related(None)
        .select_related("provider")
        .defer(*_NOT_SHOWN)
    )
    ids = [s.pk for s in settings]
    child = referral.child
    wanted = [
        referral.family_postcode or child.home_postcode,
        referral.school_postcode,
        child.school_postcode,
        *(s.postcode for s in settings),
    ]
    coords = coordinates_for([p for p in wanted if p])
    region_id = referral.local_authority.region_id
    market = _Market(
        coords=coords,
        rates=_rates(region_id),
        medians=_medians(user),
        admitted=set(
            Application.objects.filter(
                status="admitted", lot__framework__region_id=region_id
            ).values_list("provider_id", flat=True)
        ),
        stability=_stability(ids),
        needs=_needs_of(ids),
        vacancies=_open_vacancies(ids),
    )
    candidates = [_candidate(s, market) for s in settings]
    result = matching.shortlist(_child_needs(referral, coords), candidates, limit=limit)
    return result, {s.pk: s for s in settings}


@dataclass(frozen=True)
class _Market:
    """What the shortlist knows about the settings in scope, each keyed for lookup."""

    coords: dict[str, tuple[int, int]]
    rates: dict[tuple[int, str], Decimal]
    medians: dict[str, Decimal]
    admitted: set[int]
    stability: dict[int, float]
    needs: dict[int, frozenset[str]]
    vacancies: dict[int, tuple[matching.VacancySlot, ...]]


def _needs_of(setting_ids: list[int]) -> dict[int, frozenset[str]]:
    codes: dict[int, set[str]] = defaultdict(set)
    links = Setting.needs.through.objects.filter(AnyOf(F("setting_id"), setting_ids))
    for setting_id, code in links.values_list("setting_id", "needcategory__code"):
        codes[setting_id].add(code)
    return {setting_id: frozenset(found) for setting_id, found in codes.items()}


def _open_vacancies(setting_ids: list[int]) -> dict[int, tuple[matching.VacancySlot, ...]]:
    slots: dict[int, list[matching.VacancySlot]] = defaultdict(list)
    rows = (
        Vacancy.objects.open()
        .filter(AnyOf(F("setting_id"), setting_ids))
        .order_by("available_from", "id")
        .values_list(
            "setting_id", "pk", "places", "available_from", "available_until", "age_min", "age_max"
        )
    )
    for setting_id, *slot in rows:
        slots[setting_id].append(matching.VacancySlot(*slot))
    return {setting_id: tuple(found) for setting_id, found in slots.items()}


def _medians(user: Any) -> dict[str, Decimal]:
    """The median agreed weekly price of each setting type at core need, as the price page
    works it (``providers.selectors.price_observations``: current placements in scope), but
    reading only the core-need prices it needs."""
    by_type: dict[str, list[Decimal]] = defaultdict(list)
    current = access.placements_for(user).filter(end_date__isnull=True, need_level="core")
    for kind, price in current.values_list("placement_type", "agreed_weekly_cost").order_by():
        by_type[kind].append(price)
    summaries = {kind: prices.summarise(found) for kind, found in by_type.items()}
    return {kind: summary.median for kind, summary in summaries.items() if summary}


def _candidate(setting, market: _Market) -> matching.Candidate:
    return matching.Candidate(
        setting_id=setting.pk,
        setting_type=setting.setting_type,
        status=setting.status,
        age_min=setting.age_min,
        age_max=setting.age_max,
        sexes=setting.sexes,
        needs=market.needs.get(setting.pk, frozenset()),
        takes_emergencies=setting.takes_emergencies,
        takes_sibling_groups=setting.takes_sibling_groups,
        takes_uasc=setting.takes_uasc,
        takes_parent_and_child=setting.takes_parent_and_child,
        latest_judgement=setting.latest_judgement,
        location=market.coords.get(setting.postcode),
        vacancies=market.vacancies.get(setting.pk, ()),
        weekly_price=market.rates.get((setting.provider_id, setting.setting_type)),
        regional_median=market.medians.get(setting.setting_type),
        on_framework=setting.provider_id in market.admitted,
        stability=market.stability.get(setting.pk),
    )


def offers_to_compare(user: Any, referral: Referral) -> list[dict[str, Any]]:
    offers = list(
        access.offers_for(user)
        .filter(referral=referral)
        .exclude(status=Offer.Status.DECLINED)
        .select_related("setting__provider", "distribution__provider", "vacancy")
        .order_by("weekly_price")
    )
    child = referral.child
    home = referral.family_postcode or child.home_postcode
    school = referral.school_postcode or child.school_postcode
    coords = coordinates_for(
        [p for p in [home, school, *(o.setting.postcode for o in offers)] if p]
    )
    medians = _medians(user)
    region_id = referral.local_authority.region_id
    rates = _rates(region_id)
    framework = _framework_kinds(region_id)
    rows = [_comparison(o, coords, home, school, medians, rates) for o in offers]
    for row in rows:
        setting = row["offer"].setting
        row["on_framework"] = (setting.provider_id, setting.setting_type) in framework
    return rows


def _framework_kinds(region_id: int) -> set[tuple[int, str]]:
    """(provider, setting type) pairs admitted to a live framework lot of the region: an offer
    of one of them would be placed on the framework, any other is a spot purchase (as
    ``placements.services.placements`` decides at acceptance)."""
    admitted = Application.objects.filter(
        status="admitted", lot__framework__region_id=region_id, lot__framework__status="live"
    )
    return set(admitted.values_list("provider_id", "lot__placement_type"))


def _comparison(offer, coords, home, school, medians, rates) -> dict[str, Any]:
    from rcc.geography.postcodes import miles_between

    here = coords.get(offer.setting.postcode)

    def miles(point_key):
        there = coords.get(point_key)
        return round(miles_between(here, there), 1) if here and there else None

    return {
        "offer": offer,
        "miles_from_home": miles(home),
        "miles_from_school": miles(school) if school else None,
        "median": medians.get(offer.setting.setting_type),
        "rate": rates.get((offer.setting.provider_id, offer.setting.setting_type)),
        "response_hours": round(
            (offer.made_at - offer.distribution.sent_at).total_seconds() / 3600, 1
        ),
    }


def decline_reasons(user: Any, referral: Referral) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for offer in access.offers_for(user).filter(referral=referral, status="declined"):
        counts[offer.get_decline_reason_display()] += 1
    return dict(counts)


def copy_of(obj: Any) -> Any:
    """A copy for a ModelForm to write onto, so the service still sees what changed."""
    import copy

    return copy.copy(obj)


def providers_in_order(result, settings: dict, referral: Referral) -> list:
    """Providers of the matching settings, best match first, not yet sent the referral."""
    already = set(referral.distributions.values_list("provider_id", flat=True))
    ordered, seen = [], set()
    for match in result.matches:
        provider = settings[match.setting_id].provider
        if provider.pk not in seen and provider.pk not in already:
            seen.add(provider.pk)
            ordered.append(provider)
    return ordered


def needing_action(user: Any, statuses: list[str]) -> QuerySet:
    return (
        access.referrals_for(user)
        .filter(status__in=statuses)
        .select_related("child")
        .order_by("latest_start_date")
    )


def region_wide_to_take(user: Any) -> QuerySet:
    """Other councils' UASC referrals offered to every council of the region, still open."""
    return (
        access.referrals_for(user)
        .filter(region_wide=True, status__in=["approved", "sent", "offers_received"])
        .exclude(local_authority_id=access.council_id(user))
        .select_related("child")
        .order_by("latest_start_date")
    )
