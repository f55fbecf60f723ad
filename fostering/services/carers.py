"""Approved carers: the register, their vacancies as in-house supply, buddies, deregistration,
and the support offer (events, bookings, attendance).

A carer's vacancy is mirrored as a ``providers.Vacancy`` of their council's "local authority
fostering" setting, so the placements shortlist sees it like any other supply. The providers'
vacancy services do that work; these functions only add the carer's side.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from fostering.models import (
    Applicant,
    ApprovedCarer,
    Attendance,
    CarerVacancy,
    Deregistration,
    SupportEvent,
)
from fostering.models.choices import CarerType, LeavingReason
from fostering.selectors.carers import LIVE
from providers.models import ProviderOrganisation, Sector, Setting, SettingType
from providers.services import register, vacancies
from rcc import audit
from rcc.models import LocalAuthority, Region
from rcc.services import ServiceError

OLDEST = 17


# The register ---------------------------------------------------------------------------
def _check_range(*, max_children: int, age_min: int, age_max: int, types: Sequence[str]) -> None:
    if not 1 <= max_children <= 6:
        raise ServiceError("A household is approved for between 1 and 6 children")
    if not 0 <= age_min <= age_max <= OLDEST:
        raise ServiceError("Enter ages from 0 to 17, the youngest no more than the oldest")
    if not types or set(types) - set(CarerType.values):
        raise ServiceError("Choose at least one type of fostering")


@transaction.atomic
def add_carer(
    *,
    actor,
    local_authority: LocalAuthority,
    household: str,
    approved_on: date,
    max_children: int,
    age_min: int,
    age_max: int,
    types: Sequence[str],
    current_children: int = 0,
    applicant: Applicant | None = None,
) -> ApprovedCarer:
    """Put an approved household on the register (from the pipeline, or approved before it)."""
    _check_range(max_children=max_children, age_min=age_min, age_max=age_max, types=types)
    if not 0 <= current_children <= max_children:
        raise ServiceError("Children living there must be between 0 and the approved number")
    if approved_on > timezone.localdate():
        raise ServiceError("The approval date must be today or in the past")
    if not household.strip():
        raise ServiceError("Enter the household's name")
    carer = ApprovedCarer.objects.create(
        local_authority=local_authority,
        household=household.strip(),
        approved_on=approved_on,
        max_children=max_children,
        age_min=age_min,
        age_max=age_max,
        types=list(types),
        current_children=current_children,
        applicant=applicant,
    )
    audit.record(actor=actor, action="carer.added", obj=carer, local_authority=local_authority)
    return carer


def offered_places(carer: ApprovedCarer) -> int:
    """Places of the carer's vacancies still open or held for an offer."""
    total = CarerVacancy.objects.filter(carer=carer, vacancy__status__in=LIVE).aggregate(
        n=Sum("vacancy__places")
    )["n"]
    return total or 0


@transaction.atomic
def change_approval(
    *,
    actor,
    carer: ApprovedCarer,
    max_children: int,
    age_min: int,
    age_max: int,
    types: Sequence[str],
    current_children: int,
) -> ApprovedCarer:
    """Change the approval range (after a review) and how many children live there now."""
    _require_active(carer)
    _check_range(max_children=max_children, age_min=age_min, age_max=age_max, types=types)
    if not 0 <= current_children <= max_children:
        raise ServiceError("Children living there must be between 0 and the approved number")
    if max_children - current_children < offered_places(carer):
        raise ServiceError("That leaves fewer free places than are offered: withdraw a vacancy")
    new = {
        "max_children": max_children,
        "age_min": age_min,
        "age_max": age_max,
        "types": list(types),
        "current_children": current_children,
    }
    changed = [name for name, value in new.items() if getattr(carer, name) != value]
    for name in changed:
        setattr(carer, name, new[name])
    if changed:
        carer.save(update_fields=changed)
    audit.record(
        actor=actor,
        action="carer.approval_changed",
        obj=carer,
        local_authority=carer.local_authority,
        changed_fields=changed,
    )
    return carer


def _require_active(carer: ApprovedCarer) -> None:
    if not carer.is_active:
        raise ServiceError("This carer has deregistered")


# Vacancies as supply ---------------------------------------------------------------------
def fostering_setting_for(*, actor, local_authority: LocalAuthority) -> Setting:
    """The council's in-house fostering setting; made (with its provider) when there is none."""
    found = (
        Setting.objects.filter(
            local_authority=local_authority, setting_type=SettingType.LA_FOSTERING
        )
        .exclude(status=Setting.Status.CLOSED)
        .order_by("status", "pk")  # "active" sorts before "suspended"
        .first()
    )
    if found is not None:
        return found
    return register.create_setting(
        actor=actor,
        provider=_council_provider(actor=actor, local_authority=local_authority),
        data={
            "name": f"{local_authority.name} Fostering Service",
            "setting_type": SettingType.LA_FOSTERING,
            "local_authority": local_authority,
            "registered_places": _approved_places(local_authority),
            "age_min": 0,
            "age_max": OLDEST,
            "takes_sibling_groups": True,
        },
    )


def _council_provider(*, actor, local_authority: LocalAuthority) -> ProviderOrganisation:
    """The council as a provider: the one already running a council setting in its area."""
    existing = (
        ProviderOrganisation.objects.filter(
            sector=Sector.LOCAL_AUTHORITY, settings__local_authority=local_authority
        )
        .order_by("pk")
        .first()
    )
    if existing is not None:
        return existing
    return register.create_provider(
        actor=actor, name=f"{local_authority.name} (council)", sector=Sector.LOCAL_AUTHORITY
    )


def _approved_places(local_authority: LocalAuthority) -> int:
    places = ApprovedCarer.objects.filter(
        local_authority=local_authority, is_active=True
    ).aggregate(n=Sum("max_children"))["n"]
    return places or 0


def _make_room(*, actor, setting: Setting, places: int) -> None:
    """A setting reports at most its registered places: keep them at the carers' total."""
    wanted = max(_approved_places(setting.local_authority), places)
    if setting.registered_places < wanted:
        register.update_setting(actor=actor, setting=setting, data={"registered_places": wanted})


@transaction.atomic
def report_carer_vacancy(
    *,
    actor,
    carer: ApprovedCarer,
    places: int,
    available_from: date,
    age_min: int,
    age_max: int,
    note: str = "",
) -> CarerVacancy:
    """Offer a carer's free places to matching, as a vacancy of the council fostering setting."""
    carer = ApprovedCarer.objects.select_for_update().get(pk=carer.pk)
    _require_active(carer)
    free = carer.free_places - offered_places(carer)
    if not 1 <= places <= free:
        raise ServiceError(
            f"This household has {free} free place{'s' if free != 1 else ''} to offer"
            if free
            else "This household has no free places to offer"
        )
    if not carer.age_min <= age_min <= age_max <= carer.age_max:
        raise ServiceError(
            f"Ages must be within the approval range, {carer.age_min} to {carer.age_max}"
        )
    setting = fostering_setting_for(actor=actor, local_authority=carer.local_authority)
    _make_room(actor=actor, setting=setting, places=places)
    vacancy = vacancies.report_vacancy(
        actor=actor,
        setting=setting,
        places=places,
        available_from=available_from,
        available_until=None,
        age_min=age_min,
        age_max=age_max,
        note=note,
    )
    link = CarerVacancy.objects.create(carer=carer, vacancy=vacancy)
    audit.record(
        actor=actor,
        action="carer.vacancy_reported",
        obj=carer,
        local_authority=carer.local_authority,
        metadata={"vacancy": str(vacancy.public_id)},
    )
    return link


@transaction.atomic
def withdraw_carer_vacancy(*, actor, link: CarerVacancy, reason: str) -> CarerVacancy:
    if not reason.strip():
        raise ServiceError("Give the reason")
    vacancies.withdraw_vacancy(actor=actor, vacancy=link.vacancy, reason=reason)
    return link


# Buddies and leaving ------------------------------------------------------------------------
@transaction.atomic
def assign_buddy(*, actor, carer: ApprovedCarer, buddy: ApprovedCarer) -> ApprovedCarer:
    """Pair a carer with an experienced one of the same region, for support."""
    _require_active(carer)
    if buddy.pk == carer.pk:
        raise ServiceError("Choose another household as the buddy")
    if not buddy.is_active:
        raise ServiceError("The buddy has deregistered")
    if buddy.local_authority.region_id != carer.local_authority.region_id:
        raise ServiceError("The buddy must be a carer of the same region")
    carer.buddy = buddy
    carer.save(update_fields=["buddy"])
    audit.record(
        actor=actor,
        action="carer.buddy_assigned",
        obj=carer,
        local_authority=carer.local_authority,
        metadata={"buddy": str(buddy.public_id)},
    )
    return carer


@transaction.atomic
def deregister_carer(*, actor, carer: ApprovedCarer, left_on: date, reason: str) -> Deregistration:
    """A household stops fostering: their offered places close and their buddies are freed."""
    if reason not in LeavingReason.values:
        raise ServiceError("Choose why they left")
    if left_on > timezone.localdate() or left_on < carer.approved_on:
        raise ServiceError("The date they left must be between their approval and today")
    # Exactly once: a conditional UPDATE, then the one-to-one row as a second guard.
    if not ApprovedCarer.objects.filter(pk=carer.pk, is_active=True).update(is_active=False):
        raise ServiceError("This carer has already deregistered")
    carer.is_active = False
    for link in carer.vacancies.filter(vacancy__status__in=LIVE).select_related(
        "vacancy__setting__local_authority"
    ):
        vacancies.withdraw_vacancy(actor=actor, vacancy=link.vacancy, reason="Carer deregistered")
    ApprovedCarer.objects.filter(buddy=carer).update(buddy=None)
    try:
        with transaction.atomic():
            leaving = Deregistration.objects.create(
                carer=carer, left_on=left_on, reason=reason, recorded_by=actor
            )
    except IntegrityError:
        raise ServiceError("This carer has already deregistered") from None
    audit.record(
        actor=actor,
        action="carer.deregistered",
        obj=carer,
        local_authority=carer.local_authority,
        metadata={"reason": reason},
    )
    return leaving


# The support offer ------------------------------------------------------------------------
@transaction.atomic
def create_support_event(
    *,
    actor,
    region: Region,
    kind: str,
    title: str,
    starts_at: datetime,
    location: str,
    capacity: int,
) -> SupportEvent:
    if kind not in SupportEvent.Kind.values:
        raise ServiceError("Choose the kind of event")
    if not 1 <= capacity <= 500:
        raise ServiceError("Capacity must be between 1 and 500")
    if not title.strip() or not location.strip():
        raise ServiceError("Enter the title and the place")
    event = SupportEvent.objects.create(
        region=region,
        kind=kind,
        title=title.strip(),
        starts_at=starts_at,
        location=location.strip(),
        capacity=capacity,
    )
    audit.record(actor=actor, action="support_event.created", obj=event, region=region)
    return event


@transaction.atomic
def book_carer(*, actor, event: SupportEvent, carer: ApprovedCarer) -> Attendance:
    """Book a carer on an event of their region, within its capacity, once."""
    event = SupportEvent.objects.select_for_update().get(pk=event.pk)
    _require_active(carer)
    if carer.local_authority.region_id != event.region_id:
        raise ServiceError("The carer must belong to the event's region")
    if event.attendances.count() >= event.capacity:
        raise ServiceError("This event is full")
    try:
        with transaction.atomic():
            booking = Attendance.objects.create(event=event, carer=carer)
    except IntegrityError:
        raise ServiceError(f"{carer.household} is already booked on this event") from None
    audit.record(
        actor=actor,
        action="support_event.booked",
        obj=event,
        region=event.region,
        metadata={"carer": str(carer.public_id)},
    )
    return booking


@transaction.atomic
def record_attendance(
    *, actor, event: SupportEvent, attended: Iterable[int], now: datetime | None = None
) -> int:
    """Mark which bookings attended (the rest did not); returns how many attended."""
    if event.starts_at > (now or timezone.now()):
        raise ServiceError("Record attendance once the event has started")
    present = set(attended)
    bookings = event.attendances.all()
    unknown = present - set(bookings.values_list("pk", flat=True))
    if unknown:
        raise ServiceError("Those bookings are not on this event")
    bookings.filter(pk__in=present).update(attended=True)
    bookings.exclude(pk__in=present).update(attended=False)
    audit.record(
        actor=actor,
        action="support_event.attendance",
        obj=event,
        region=event.region,
        metadata={"attended": len(present)},
    )
    return len(present)
