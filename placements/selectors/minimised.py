"""What a provider may know of a referral before its offer is accepted (pure: no queries).

Never the name, date of birth, case ID, address, full postcodes or school name: only what a
provider needs to judge a match. Built field by field from an allow-list, so a new field on
Referral stays hidden until someone decides it may be shared.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from placements.models.choices import RISKS_TO_CHILD, RISKS_TO_OTHERS
from rcc.geography.postcodes import PostcodeError, postcode_district

RISK_LABELS = dict(RISKS_TO_CHILD + RISKS_TO_OTHERS)


@dataclass(frozen=True)
class MinimisedReferral:
    reference: str
    age: int
    sex: str
    search_type: str
    latest_start_date: date
    siblings_to_place_with: int
    needs: tuple[str, ...]
    risks: tuple[tuple[str, str], ...]  # (risk, level) for risks that are known
    other_risks: str
    family_district: str
    school_district: str
    close_to_family: bool
    must_continue_school: bool
    live_alongside: str
    can_live_with_pets: str
    adult_ratio: str
    foster_suitability: str
    residential_suitability: str
    supported_suitability: str
    communication_needs: tuple[str, ...]
    additional_support: tuple[str, ...]
    is_uasc: bool
    sent_at: datetime
    respond_by: datetime


def _district(postcode: str) -> str:
    try:
        return postcode_district(postcode) if postcode else ""
    except PostcodeError:
        return ""


def minimise(distribution, today: date) -> MinimisedReferral:
    referral, child = distribution.referral, distribution.referral.child
    return MinimisedReferral(
        reference=referral.reference,
        age=child.age_on(today),
        sex=child.get_sex_display(),
        search_type=referral.get_search_type_display(),
        latest_start_date=referral.latest_start_date,
        siblings_to_place_with=referral.siblings_to_place_with,
        needs=tuple(n.label for n in referral.needs.all()),
        risks=tuple(
            (RISK_LABELS.get(k, k), v) for k, v in sorted(referral.risks.items()) if v != "none"
        ),
        other_risks=referral.other_risks,
        family_district=_district(referral.family_postcode or child.home_postcode),
        school_district=_district(referral.school_postcode),
        close_to_family=referral.close_to_family,
        must_continue_school=referral.must_continue_school,
        live_alongside=referral.get_live_alongside_display(),
        can_live_with_pets=referral.get_can_live_with_pets_display(),
        adult_ratio=referral.get_adult_ratio_display(),
        foster_suitability=referral.get_foster_suitability_display(),
        residential_suitability=referral.get_residential_suitability_display(),
        supported_suitability=referral.get_supported_suitability_display(),
        communication_needs=tuple(referral.communication_needs),
        additional_support=tuple(referral.additional_support),
        is_uasc=child.is_uasc,
        sent_at=distribution.sent_at,
        respond_by=distribution.respond_by,
    )
