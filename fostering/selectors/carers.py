"""Reads for the carers register and the support offer; each starts from rcc.access.

They are for hub officers (``carers_for``, ``support_events_for``).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any, NamedTuple

from django.db.models import Count, F, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from fostering import funnel
from fostering.models import (
    ApprovedCarer,
    Attendance,
    CarerVacancy,
    Deregistration,
    SupportEvent,
)
from fostering.models.choices import LeavingReason
from providers.models import Vacancy
from rcc import access
from rcc.models import Region

ZERO = Value(0, output_field=IntegerField())
LIVE = (Vacancy.Status.OPEN, Vacancy.Status.HELD)  # places still offered to matching


# The register --------------------------------------------------------------------------------
def with_places(carers: QuerySet) -> QuerySet:
    """Carers with ``offered`` (places in vacancies still offered) and ``free`` places."""
    offered = Sum("vacancies__vacancy__places", filter=Q(vacancies__vacancy__status__in=LIVE))
    return carers.annotate(
        offered=Coalesce(offered, ZERO), free=F("max_children") - F("current_children")
    )


def carer_register(
    user: Any,
    *,
    council: Any = None,
    carer_type: str = "",
    free_places: str = "",
    active: bool = True,
) -> QuerySet[ApprovedCarer]:
    """The region's carers, with their offered and free places, filtered as asked."""
    carers = access.carers_for(user).filter(is_active=active)
    if council is not None:
        carers = carers.filter(local_authority=council)
    if carer_type:
        # JSON text holds each type quoted, so the quotes keep "short_term" from matching others.
        carers = carers.filter(types__icontains=f'"{carer_type}"')
    carers = with_places(carers)
    if free_places == "yes":
        carers = carers.filter(free__gt=0)
    elif free_places == "no":
        carers = carers.filter(free__lte=0)
    return carers.order_by("household", "pk")


def carer_detail(user: Any, carer_id: Any) -> dict[str, Any]:
    carer = access.get_carer_for_user(user, carer_id)
    links = CarerVacancy.objects.filter(carer=carer).select_related("vacancy")
    return {
        "carer": carer,
        "vacancies": list(links),
        "offered": sum(link.vacancy.places for link in links if link.vacancy.status in LIVE),
        "buddy": carer.buddy,
        "buddies": list(carer.buddies.filter(is_active=True).order_by("household")),
        "leaving": Deregistration.objects.filter(carer=carer).first(),
        "bookings": list(
            Attendance.objects.filter(carer=carer)
            .select_related("event")
            .order_by("-event__starts_at")
        ),
    }


def buddy_choices(user: Any, carer: ApprovedCarer) -> QuerySet[ApprovedCarer]:
    return access.carers_for(user).filter(is_active=True).exclude(pk=carer.pk).order_by("household")


def councils(user: Any) -> QuerySet:
    return access.councils_for(user).order_by("name")


def carer_vacancy(user: Any, carer_id: Any, vacancy_id: Any) -> CarerVacancy:
    """One of a carer's vacancies (by the providers vacancy's id), or 404."""
    carer = access.get_carer_for_user(user, carer_id)
    try:
        return CarerVacancy.objects.select_related(
            "vacancy__setting__local_authority", "carer"
        ).get(carer=carer, vacancy__public_id=vacancy_id)
    except (CarerVacancy.DoesNotExist, ValueError):
        raise Http404 from None


class ReasonCount(NamedTuple):
    reason: str
    carers: int
    share: Fraction | None


def leaving_reasons(user: Any) -> list[ReasonCount]:
    """Why the region's carers deregistered, most common first, with a total row."""
    counts = dict(
        Deregistration.objects.filter(carer__in=access.carers_for(user).values("pk"))
        .values_list("reason")
        .annotate(n=Count("pk"))
    )
    total = sum(counts.values())
    rows = [
        ReasonCount(LeavingReason(code).label, n, funnel.share(n, total))
        for code, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
    return [*rows, ReasonCount("All reasons", total, funnel.share(total, total))] if rows else []


# The support offer -----------------------------------------------------------------------------
def support_event_list(user: Any) -> QuerySet[SupportEvent]:
    return (
        access.support_events_for(user)
        .annotate(
            booked=Count("attendances"),
            attended_count=Count("attendances", filter=Q(attendances__attended=True)),
        )
        .order_by("-starts_at")
    )


def support_event_detail(user: Any, event_id: Any) -> dict[str, Any]:
    event = access.get_support_event_for_user(user, event_id)
    bookings = list(
        event.attendances.select_related("carer__local_authority").order_by(
            "carer__household", "name", "pk"
        )
    )
    return {
        "event": event,
        "bookings": bookings,
        "attended": sum(1 for b in bookings if b.attended),
        "places_left": max(event.capacity - len(bookings), 0),
    }


def hub_region(user: Any) -> Region | None:
    return access.regions_for(user).first()


def bookable_carers(user: Any, event: SupportEvent) -> QuerySet[ApprovedCarer]:
    booked = event.attendances.filter(carer__isnull=False).values("carer_id")
    return (
        access.carers_for(user)
        .filter(is_active=True, local_authority__region_id=event.region_id)
        .exclude(pk__in=booked)
        .order_by("household")
    )
