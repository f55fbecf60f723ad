"""Vacancies: reported by providers, held for an offer, filled exactly once, withdrawn."""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError, transaction

from providers.models import Setting, Vacancy, VacancyStatusChange
from rcc import audit
from rcc.services import ServiceError

MOVES: dict[str, set[str]] = {
    Vacancy.Status.OPEN: {Vacancy.Status.HELD, Vacancy.Status.WITHDRAWN},
    Vacancy.Status.HELD: {Vacancy.Status.FILLED, Vacancy.Status.OPEN, Vacancy.Status.WITHDRAWN},
}


@transaction.atomic
def report_vacancy(
    *,
    actor,
    setting: Setting,
    places: int,
    available_from: date,
    available_until: date | None,
    age_min: int,
    age_max: int,
    needs=(),
    note: str = "",
) -> Vacancy:
    if setting.status != Setting.Status.ACTIVE:
        raise ServiceError("This setting cannot report vacancies while it is not active")
    if available_until and available_until < available_from:
        raise ServiceError("The place must be free until a date on or after it is free from")
    if age_min > age_max:
        raise ServiceError("The youngest age must not be more than the oldest")
    if places < 1 or places > max(setting.registered_places, 1):
        raise ServiceError(f"Enter between 1 and {max(setting.registered_places, 1)} places")
    vacancy = Vacancy.objects.create(
        setting=setting,
        places=places,
        available_from=available_from,
        available_until=available_until,
        age_min=age_min,
        age_max=age_max,
        note=note,
        reported_by=actor,
    )
    vacancy.needs.set(needs)
    audit.record(
        actor=actor, action="vacancy.reported", obj=vacancy, local_authority=setting.local_authority
    )
    return vacancy


def _move(*, actor, vacancy: Vacancy, to: str, reason: str = "", reference: str = "") -> Vacancy:
    if to not in MOVES.get(vacancy.status, set()):
        raise ServiceError(
            f"A vacancy that is {vacancy.get_status_display().lower()} cannot move on"
        )
    moved = Vacancy.objects.filter(pk=vacancy.pk, status=vacancy.status).update(status=to)
    if not moved:
        raise ServiceError("This vacancy has just changed: reload the page")
    try:
        with transaction.atomic():
            VacancyStatusChange.objects.create(
                vacancy=vacancy,
                from_status=vacancy.status,
                to_status=to,
                reason=reason,
                reference=reference,
                changed_by=actor,
            )
    except IntegrityError:
        raise ServiceError("This vacancy has already been filled") from None
    audit.record(
        actor=actor,
        action=f"vacancy.{to}",
        obj=vacancy,
        local_authority=vacancy.setting.local_authority,
        metadata={"reference": reference},
    )
    vacancy.status = to
    return vacancy


@transaction.atomic
def hold_vacancy(*, actor, vacancy: Vacancy, reference: str) -> Vacancy:
    return _move(actor=actor, vacancy=vacancy, to=Vacancy.Status.HELD, reference=reference)


@transaction.atomic
def release_vacancy(*, actor, vacancy: Vacancy, reason: str) -> Vacancy:
    return _move(actor=actor, vacancy=vacancy, to=Vacancy.Status.OPEN, reason=reason)


@transaction.atomic
def fill_vacancy(*, actor, vacancy: Vacancy, reference: str) -> Vacancy:
    """Fill a held vacancy. Exactly once: a conditional update plus a unique constraint."""
    return _move(actor=actor, vacancy=vacancy, to=Vacancy.Status.FILLED, reference=reference)


@transaction.atomic
def withdraw_vacancy(*, actor, vacancy: Vacancy, reason: str) -> Vacancy:
    return _move(actor=actor, vacancy=vacancy, to=Vacancy.Status.WITHDRAWN, reason=reason)
