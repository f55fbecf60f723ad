"""The shortlist as it was before issue 19 (commit e3174c1), kept to check that the faster one
gives the same result: ``IN`` lists of setting ids, every setting field loaded. The pieces that
did not change (rates, medians, candidates, the child's needs) are the selector's own."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from placements import matching
from placements.models import Placement, Referral
from placements.selectors import referrals as current
from providers.models import Application, Setting, Vacancy
from rcc import access
from rcc.geography.models import Postcode
from rcc.geography.postcodes import normalise_postcode


def shortlist(user: Any, referral: Referral, limit: int | None = 50):
    settings = list(
        access.settings_for(user)
        .filter(setting_type__in=current.suitable_types(referral))
        .select_related(None)
        .select_related("provider")
    )
    ids = [s.pk for s in settings]
    child = referral.child
    wanted = [
        referral.family_postcode or child.home_postcode,
        referral.school_postcode,
        child.school_postcode,
        *(s.postcode for s in settings),
    ]
    coords = _coordinates_for([p for p in wanted if p])
    region_id = referral.local_authority.region_id
    market = current._Market(
        coords=coords,
        rates=current._rates(region_id),
        medians=current._medians(user),
        admitted=set(
            Application.objects.filter(
                status="admitted", lot__framework__region_id=region_id
            ).values_list("provider_id", flat=True)
        ),
        stability=_stability(ids),
        needs=_needs_of(ids),
        vacancies=_open_vacancies(ids),
    )
    candidates = [current._candidate(s, market) for s in settings]
    result = matching.shortlist(current._child_needs(referral, coords), candidates, limit=limit)
    return result, {s.pk: s for s in settings}


def _coordinates_for(postcodes):
    wanted = {normalise_postcode(postcode) for postcode in postcodes}
    rows = Postcode.objects.filter(postcode__in=wanted).values_list(
        "postcode", "easting", "northing"
    )
    return {postcode: (easting, northing) for postcode, easting, northing in rows}


def _stability(setting_ids):
    since = timezone.localdate() - timedelta(days=3 * 365)
    rows = (
        Placement.objects.filter(setting_id__in=setting_ids, start_date__gte=since)
        .values("setting_id")
        .annotate(total=Count("id"), broke=Count("id", filter=Q(unplanned_ending=True)))
    )
    return {r["setting_id"]: 1 - r["broke"] / r["total"] for r in rows if r["total"]}


def _needs_of(setting_ids):
    codes = defaultdict(set)
    links = Setting.needs.through.objects.filter(setting_id__in=setting_ids)
    for setting_id, code in links.values_list("setting_id", "needcategory__code"):
        codes[setting_id].add(code)
    return {setting_id: frozenset(found) for setting_id, found in codes.items()}


def _open_vacancies(setting_ids):
    slots = defaultdict(list)
    rows = (
        Vacancy.objects.open()
        .filter(setting_id__in=setting_ids)
        .order_by("available_from", "id")
        .values_list(
            "setting_id", "pk", "places", "available_from", "available_until", "age_min", "age_max"
        )
    )
    for setting_id, *slot in rows:
        slots[setting_id].append(matching.VacancySlot(*slot))
    return {setting_id: tuple(found) for setting_id, found in slots.items()}


def same(left, right) -> bool:
    """Both shortlists agree: every match (score, factors, vacancy, miles), every exclusion and
    its reasons, and the same settings with the same names and providers."""
    (result_a, settings_a), (result_b, settings_b) = left, right
    return result_a == result_b and _shown(settings_a) == _shown(settings_b)


def _shown(settings: dict) -> dict:
    return {k: (s.name, s.public_id, s.provider_id, s.provider.name) for k, s in settings.items()}
