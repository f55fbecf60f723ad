"""Approved carers: those the pipeline approved and households approved before the hub, their
vacancies offered to matching, buddies for the newly approved, and a few who left."""

from __future__ import annotations

import random
from datetime import timedelta

from fostering.demo.hub import Hub, pick_council, surname
from fostering.models import Applicant, ApprovedCarer
from fostering.models.choices import CarerType, LeavingReason
from fostering.services import carers as carer_services
from providers.models import Setting
from rcc.models import LocalAuthority

CARERS_PER_REGION = 150
LEAVERS_PER_REGION = 8
LEAVING = {LeavingReason.RETIRED: 30, LeavingReason.CIRCUMSTANCES: 25, LeavingReason.SUPPORT: 10,
           LeavingReason.ALLOWANCES: 8, LeavingReason.MOVED_AGENCY: 10,
           LeavingReason.ADOPTED_OR_SGO: 10, LeavingReason.OTHER: 7}  # fmt: skip
AGES = ((0, 17), (0, 17), (0, 10), (5, 17), (11, 17), (0, 4))


def _range(hub: Hub) -> dict:
    rng = hub.rng
    places = rng.choices((1, 2, 3, 4), weights=(35, 40, 18, 7))[0]
    age_min, age_max = rng.choice(AGES)
    types = {CarerType.SHORT_TERM} if rng.random() < 0.7 else set()
    for kind, chance in ((CarerType.LONG_TERM, 0.45), (CarerType.RESPITE, 0.25),
                         (CarerType.PARENT_AND_CHILD, 0.06)):  # fmt: skip
        if rng.random() < chance:
            types.add(kind)
    return {
        "max_children": places,
        "age_min": age_min,
        "age_max": age_max,
        "types": sorted(types or {CarerType.LONG_TERM}),
    }


def add_carers(hub: Hub, approved: list[tuple[Applicant, LocalAuthority]]) -> list[ApprovedCarer]:
    """The approved applicants as carers, then existing households up to CARERS_PER_REGION."""
    rng, carers = hub.rng, []
    for applicant, council in approved:
        carers.append(
            carer_services.add_carer(
                actor=hub.actor,
                local_authority=council,
                household=f"The {applicant.enquiry.name.split()[-1]} household",
                approved_on=applicant.decision_on,
                applicant=applicant,
                **_range(hub),
            )
        )
    for _ in range(CARERS_PER_REGION - len(carers)):
        carers.append(_existing_carer(hub, rng))
    return carers


def _existing_carer(hub: Hub, rng: random.Random) -> ApprovedCarer:
    """A household approved before the hub, most of whose places are filled."""
    approval = _range(hub)
    connected = rng.random() < 0.1
    if connected:
        approval.update(max_children=1, types=[CarerType.CONNECTED])
    places = approval["max_children"]
    children = (
        places if connected else rng.choices(range(places + 1), weights=[1] * places + [4])[0]
    )
    return carer_services.add_carer(
        actor=hub.actor,
        local_authority=pick_council(hub),
        household=f"The {surname(hub)} household",
        approved_on=hub.today - timedelta(days=rng.randint(400, 15 * 365)),
        current_children=children,
        **approval,
    )


def offer_vacancies(hub: Hub, carers: list[ApprovedCarer]) -> None:
    """Most households with free places offer them to matching."""
    rng = hub.rng
    for carer in carers:
        if carer.free_places == 0 or CarerType.CONNECTED in carer.types or rng.random() < 0.3:
            continue
        setting = carer_services.fostering_setting_for(
            actor=hub.actor, local_authority=carer.local_authority
        )
        if setting.status != Setting.Status.ACTIVE:
            continue  # a suspended setting takes no vacancies
        carer_services.report_carer_vacancy(
            actor=hub.actor,
            carer=carer,
            places=rng.randint(1, carer.free_places),
            available_from=hub.today + timedelta(days=rng.randint(-20, 30)),
            age_min=carer.age_min,
            age_max=carer.age_max,
        )


def assign_buddies(hub: Hub, carers: list[ApprovedCarer]) -> None:
    """Every carer approved in the last 18 months has an experienced buddy."""
    recent = hub.today - timedelta(days=548)
    experienced = [c for c in carers if c.approved_on < hub.today - timedelta(days=3 * 365)]
    for carer in carers:
        if carer.approved_on >= recent and experienced:
            buddy = hub.rng.choice(experienced)
            carer_services.assign_buddy(actor=hub.actor, carer=carer, buddy=buddy)


def deregister_leavers(hub: Hub, carers: list[ApprovedCarer]) -> None:
    """A few households approved before the hub and buddying nobody have left."""
    rng = hub.rng
    candidates = [c for c in carers if c.applicant_id is None and c.buddy_id is None]
    for carer in rng.sample(candidates, LEAVERS_PER_REGION):
        carer_services.deregister_carer(
            actor=hub.actor,
            carer=carer,
            left_on=hub.today - timedelta(days=rng.randint(1, 360)),
            reason=rng.choices(list(LEAVING), weights=list(LEAVING.values()))[0],
        )
