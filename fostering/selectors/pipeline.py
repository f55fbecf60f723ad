"""Read queries of the hub's pipeline, each starting from an rcc.access scope, and its clocks.

A clock (``Timescale``) runs in working days from the step that starts it, against the
region's ``ServiceStandard``; it stops when met, or when the enquiry or applicant ends.
The overdue filters below say in SQL what ``Timescale.overdue`` says in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from fostering.models import Applicant, Enquiry, ServiceStandard
from fostering.models.choices import ENDED, Stage
from fostering.workingdays import add_working_days, latest_start_overdue_by, working_days_between
from rcc import access
from rcc.geography.models import Postcode
from rcc.geography.postcodes import PostcodeError, normalise_postcode

S = Stage
STAGE_1_RUNNING = (S.APPLICATION, S.STAGE_1)
STAGE_2_RUNNING = (S.STAGE_2, S.PANEL)


@dataclass(frozen=True)
class Timescale:
    label: str
    days: int  # the standard, in working days
    started_on: date | None
    due: date | None
    met_on: date | None
    elapsed: int | None  # working days from the start to when it was met, or to today
    overdue: bool
    status: str  # Not started, Due, Overdue, Met, Met late, Stopped


def timescale(
    label: str, days: int, started_on: date | None, met_on: date | None, *, today: date, stopped
) -> Timescale:
    if started_on is None:
        return Timescale(label, days, None, None, met_on, None, False, "Not started")
    due = add_working_days(started_on, days)
    elapsed = working_days_between(started_on, met_on or today)
    overdue = met_on is None and not stopped and today > due
    if met_on is not None:
        status = "Met" if met_on <= due else "Met late"
    else:
        status = "Stopped" if stopped else ("Overdue" if overdue else "Due")
    return Timescale(label, days, started_on, due, met_on, elapsed, overdue, status)


def enquiry_timescales(
    enquiry: Enquiry, standard: ServiceStandard, *, today: date, visited_on: date | None = None
) -> list[Timescale]:
    """First contact and initial visit, from the day the enquiry arrived."""
    received = timezone.localdate(enquiry.received_at)
    contacted = timezone.localdate(enquiry.first_contact_at) if enquiry.first_contact_at else None
    ended = enquiry.closed_at is not None
    return [
        timescale(
            "First contact",
            standard.first_contact_days,
            received,
            contacted,
            today=today,
            stopped=ended or visited_on is not None,
        ),
        timescale(
            "Initial visit",
            standard.initial_visit_days,
            received,
            visited_on,
            today=today,
            stopped=ended,
        ),
    ]


def applicant_timescales(
    applicant: Applicant, standard: ServiceStandard, *, today: date
) -> list[Timescale]:
    """Stage 1 from the application, panel from Stage 2's start, decision from panel."""
    ended = applicant.stage in ENDED
    panel_met = applicant.panel_on if applicant.panel_recommends_approval is not None else None
    return [
        timescale(
            "Stage 1 (application to Stage 2)",
            standard.stage_1_days,
            applicant.application_on,
            applicant.stage_2_started_on,
            today=today,
            stopped=ended,
        ),
        timescale(
            "Stage 2 (to panel)",
            standard.stage_2_days,
            applicant.stage_2_started_on,
            panel_met,
            today=today,
            stopped=ended,
        ),
        timescale(
            "Agency decision (after panel)",
            standard.decision_days,
            panel_met,
            applicant.decision_on,
            today=today,
            stopped=ended,
        ),
    ]


def next_timescale(timescales: list[Timescale]) -> Timescale | None:
    """The clock that matters now: an overdue one, else the next one due."""
    running = [t for t in timescales if t.status in ("Due", "Overdue")]
    return next((t for t in running if t.overdue), running[0] if running else None)


# The region's standard -------------------------------------------------------------------
def standard_for_user(user: Any) -> ServiceStandard:
    """The standard of the user's region, made with the default timescales if it has none."""
    region = access.regions_for(user).first()
    if region is None:
        return ServiceStandard()
    standard, _ = ServiceStandard.objects.get_or_create(region=region)
    return standard


# Enquiries -------------------------------------------------------------------------------
def open_enquiries(user: Any) -> QuerySet:
    """Enquiries still waiting for contact or an initial visit, oldest first."""
    return (
        access.enquiries_for(user)
        .filter(closed_at__isnull=True, applicant__isnull=True)
        .select_related("duplicate_of")
        .order_by("received_at", "pk")
    )


def enquiry_queue(user: Any, *, routed: str = "") -> QuerySet:
    """``routed``: "" for all, "hub" for those the hub kept, or a council's id."""
    enquiries = open_enquiries(user)
    if routed == "hub":
        return enquiries.filter(routed_to__isnull=True)
    if routed:
        return enquiries.filter(routed_to_id=routed)
    return enquiries


def _before_end_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def overdue_enquiries(user: Any, *, today: date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    standard = standard_for_user(user)
    no_contact_by = latest_start_overdue_by(today, standard.first_contact_days)
    no_visit_by = latest_start_overdue_by(today, standard.initial_visit_days)
    return open_enquiries(user).filter(
        Q(first_contact_at__isnull=True, received_at__lt=_before_end_of(no_contact_by))
        | Q(received_at__lt=_before_end_of(no_visit_by))
    )


def suggested_council(user: Any, enquiry: Enquiry) -> Any:
    """The region's council whose area the enquirer's postcode is in, if we know it."""
    try:
        postcode = normalise_postcode(enquiry.postcode)
    except PostcodeError:
        return None
    code = Postcode.objects.filter(postcode=postcode).values_list("local_authority_code", flat=True)
    return access.councils_for(user).filter(gss_code__in=code).first()


def enquiry_detail(user: Any, public_id: Any) -> dict[str, Any]:
    enquiry = access.get_enquiry_for_user(user, public_id)
    applicant = access.applicants_for(user).filter(enquiry=enquiry).first()
    standard = standard_for_user(user)
    today = timezone.localdate()
    return {
        "enquiry": enquiry,
        "contacts": list(enquiry.contacts.select_related("made_by")),
        "applicant": applicant,
        "timescales": enquiry_timescales(
            enquiry,
            standard,
            today=today,
            visited_on=applicant.initial_visit_on if applicant else None,
        ),
        "age": working_days_between(timezone.localdate(enquiry.received_at), today),
        "suggested_council": suggested_council(user, enquiry),
        "first_enquiry": access.enquiries_for(user).filter(pk=enquiry.duplicate_of_id).first(),
        "repeats": list(access.enquiries_for(user).filter(duplicate_of=enquiry).order_by("pk")),
    }


# Applicants ------------------------------------------------------------------------------
def applicant_pipeline(user: Any, *, stage: str = "") -> QuerySet:
    """Applicants in the pipeline (``stage="ended"`` for those whose assessment ended)."""
    applicants = access.applicants_for(user).order_by("enquiry__received_at", "pk")
    if stage == "ended":
        return applicants.filter(stage__in=ENDED)
    if stage:
        return applicants.filter(stage=stage)
    return applicants.exclude(stage__in=ENDED)


def overdue_applicants(user: Any, *, today: date | None = None) -> QuerySet:
    today = today or timezone.localdate()
    standard = standard_for_user(user)
    return access.applicants_for(user).filter(
        Q(
            stage__in=STAGE_1_RUNNING,
            application_on__lte=latest_start_overdue_by(today, standard.stage_1_days),
        )
        | Q(
            stage__in=STAGE_2_RUNNING,
            stage_2_started_on__lte=latest_start_overdue_by(today, standard.stage_2_days),
        )
        | Q(stage=S.DECISION, panel_on__lte=latest_start_overdue_by(today, standard.decision_days))
    )


def applicant_detail(user: Any, public_id: Any) -> dict[str, Any]:
    found = access.get_applicant_for_user(user, public_id)
    applicant = (
        access.applicants_for(user)
        .select_related("enquiry__region")
        .prefetch_related("checks", "visits", "trail__changed_by")
        .get(pk=found.pk)
    )
    return {
        "applicant": applicant,
        "enquiry": applicant.enquiry,
        "timescales": applicant_timescales(
            applicant, standard_for_user(user), today=timezone.localdate()
        ),
        "carer": access.carers_for(user).filter(applicant=applicant).first(),
    }


# Each row's clock, for the lists -----------------------------------------------------------
def _memo(compute: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """Per-row results, computed once however many columns ask."""
    seen: dict[int, Any] = {}
    return lambda row: seen[row.pk] if row.pk in seen else seen.setdefault(row.pk, compute(row))


def enquiry_clock(user: Any, *, today: date) -> Callable[[Enquiry], Timescale | None]:
    """Each enquiry's clock that matters now, against the user's region's standard."""
    standard = standard_for_user(user)
    return _memo(lambda enquiry: next_timescale(enquiry_timescales(enquiry, standard, today=today)))


def applicant_clock(user: Any, *, today: date) -> Callable[[Applicant], Timescale]:
    """Each applicant's clock that matters now, else its first one."""
    standard = standard_for_user(user)

    def next_clock(applicant: Applicant) -> Timescale:
        timescales = applicant_timescales(applicant, standard, today=today)
        return next_timescale(timescales) or timescales[0]

    return _memo(next_clock)
