"""The hub's pipeline from enquiry to approval. Every step is one atomic, audited service.

An applicant's stage only moves along ``STAGE_MOVES``, each move an append-only
``StageChange`` row (who, when, from, to, why) made by a conditional UPDATE, so two
officers cannot move one applicant twice. Steps that read before they write (closing
an enquiry, starting Stage 2 once the checks are clear) lock the row first.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone

from fostering.models import (
    Applicant,
    ApprovedCarer,
    AssessmentVisit,
    CheckItem,
    Enquiry,
    EnquiryContact,
    StageChange,
)
from fostering.models.choices import ENDED, CarerType, CheckKind, Stage, WithdrawalReason
from fostering.services import carers
from rcc import audit
from rcc.kit.format import format_date
from rcc.models import LocalAuthority, User
from rcc.services import ServiceError

S = Stage
STAGE_MOVES: dict[str, set[str]] = {
    S.INITIAL_VISIT: {S.APPLICATION, S.WITHDRAWN},
    S.APPLICATION: {S.STAGE_1, S.WITHDRAWN},
    S.STAGE_1: {S.STAGE_2, S.WITHDRAWN},
    S.STAGE_2: {S.PANEL, S.WITHDRAWN},
    S.PANEL: {S.DECISION, S.WITHDRAWN},
    S.DECISION: {S.APPROVED, S.NOT_APPROVED, S.WITHDRAWN},
}
OLDEST_CARER_AGE = 17
RELOAD = "Someone else has just changed this: reload the page"


# Helpers -----------------------------------------------------------------------------
def _audit(actor: User, action: str, obj: models.Model, enquiry: Enquiry, **metadata: Any) -> None:
    audit.record(
        actor=actor,
        action=f"fostering.{action}",
        obj=obj,
        region=enquiry.region,
        local_authority=enquiry.routed_to,
        metadata=metadata,
    )


def _locked(obj: models.Model) -> Any:
    """The row as it is now, locked until the transaction ends."""
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def _not_in_future(day: date, what: str) -> None:
    if day > timezone.localdate():
        raise ServiceError(f"The {what} cannot be in the future")


def _not_before(day: date, earlier: date | None, what: str, earlier_what: str) -> None:
    if earlier is not None and day < earlier:
        raise ServiceError(
            f"The {what} cannot be before the {earlier_what} ({format_date(earlier)})"
        )


def _require_stage(applicant: Applicant, stages: tuple[str, ...], doing: str) -> None:
    if applicant.stage not in stages:
        raise ServiceError(
            f"You can {doing} only at {' or '.join(Stage(s).label for s in stages)}: this "
            f"applicant is at {applicant.get_stage_display()}"
        )


def _move(applicant: Applicant, *, to: str, actor: User, note: str = "", **fields: Any) -> None:
    """Move to ``to`` if the stage allows it, writing ``fields`` in the same UPDATE."""
    if to not in STAGE_MOVES.get(applicant.stage, set()):
        raise ServiceError(
            f"This applicant is at {applicant.get_stage_display()}: they cannot move to "
            f"{Stage(to).label} from there"
        )
    moved = Applicant.objects.filter(pk=applicant.pk, stage=applicant.stage).update(
        stage=to, **fields
    )
    if not moved:
        raise ServiceError(RELOAD)
    StageChange.objects.create(
        applicant=applicant, from_stage=applicant.stage, to_stage=to, note=note, changed_by=actor
    )
    _audit(
        actor, "applicant.moved", applicant, applicant.enquiry, to=to, **{"from": applicant.stage}
    )
    applicant.stage = to
    for name, value in fields.items():
        setattr(applicant, name, value)


def _update_at(applicant: Applicant, stages: tuple[str, ...], **fields: Any) -> None:
    """Change fields without a move, only while the stage is still one of ``stages``."""
    if not Applicant.objects.filter(pk=applicant.pk, stage__in=stages).update(**fields):
        raise ServiceError(RELOAD)
    for name, value in fields.items():
        setattr(applicant, name, value)


# Enquiries ---------------------------------------------------------------------------
def _require_open(enquiry: Enquiry) -> None:
    if enquiry.closed_at is not None:
        raise ServiceError("This enquiry is closed")


@transaction.atomic
def record_contact(
    *, actor: User, enquiry: Enquiry, method: str, outcome: str, made_at: datetime | None = None
) -> EnquiryContact:
    """Log a call, email or visit; the earliest one is the enquiry's first contact."""
    _require_open(enquiry)
    made_at = made_at or timezone.now()
    if made_at > timezone.now() or made_at < enquiry.received_at:
        raise ServiceError("A contact is made between the enquiry arriving and now")
    contact = EnquiryContact.objects.create(
        enquiry=enquiry, method=method, outcome=outcome, made_at=made_at, made_by=actor
    )
    Enquiry.objects.filter(pk=enquiry.pk).filter(
        Q(first_contact_at__isnull=True) | Q(first_contact_at__gt=made_at)
    ).update(first_contact_at=made_at)
    if enquiry.first_contact_at is None or enquiry.first_contact_at > made_at:
        enquiry.first_contact_at = made_at
    _audit(actor, "enquiry.contacted", enquiry, enquiry, method=method)
    return contact


@transaction.atomic
def route_enquiry(
    *, actor: User, enquiry: Enquiry, local_authority: LocalAuthority | None
) -> Enquiry:
    """Hand the enquiry to a council of its region, or (``None``) keep it with the hub."""
    _require_open(enquiry)
    if local_authority is not None and local_authority.region_id != enquiry.region_id:
        raise ServiceError(f"{local_authority.name} is not a council of this region")
    if Applicant.objects.filter(enquiry=enquiry, stage__in=ENDED).exists():
        raise ServiceError("This applicant's assessment has ended: it can no longer be routed")
    before = enquiry.routed_to_id
    if not Enquiry.objects.filter(pk=enquiry.pk, closed_at__isnull=True).update(
        routed_to=local_authority
    ):
        raise ServiceError(RELOAD)
    enquiry.routed_to = local_authority
    _audit(actor, "enquiry.routed", enquiry, enquiry, to=enquiry.routed_to_id, **{"from": before})
    return enquiry


@transaction.atomic
def close_enquiry(*, actor: User, enquiry: Enquiry, reason: str) -> Enquiry:
    """Close an enquiry that will go no further (before any initial visit)."""
    current = _locked(enquiry)
    _require_open(current)
    if Applicant.objects.filter(enquiry=enquiry).exists():
        raise ServiceError("This enquiry has an applicant: withdraw the applicant instead")
    enquiry.closed_at, enquiry.closed_reason = timezone.now(), WithdrawalReason(reason)
    Enquiry.objects.filter(pk=enquiry.pk).update(
        closed_at=enquiry.closed_at, closed_reason=enquiry.closed_reason
    )
    _audit(actor, "enquiry.closed", enquiry, enquiry, reason=reason)
    return enquiry


@transaction.atomic
def record_initial_visit(*, actor: User, enquiry: Enquiry, visited_on: date) -> Applicant:
    """The initial home visit: the enquirer becomes an applicant household."""
    _require_open(_locked(enquiry))
    _not_in_future(visited_on, "initial visit")
    _not_before(visited_on, timezone.localdate(enquiry.received_at), "visit", "enquiry")
    try:
        with transaction.atomic():
            applicant = Applicant.objects.create(
                enquiry=enquiry, stage=S.INITIAL_VISIT, initial_visit_on=visited_on
            )
    except IntegrityError:
        raise ServiceError("This enquiry already has an applicant") from None
    StageChange.objects.create(
        applicant=applicant, from_stage=S.ENQUIRY, to_stage=S.INITIAL_VISIT, changed_by=actor
    )
    _audit(actor, "applicant.created", applicant, enquiry)
    return applicant


# Application and Stage 1 ---------------------------------------------------------------
@transaction.atomic
def receive_application(*, actor: User, applicant: Applicant, received_on: date) -> Applicant:
    """The application arrives and Stage 1 starts: the four statutory checks are requested."""
    _not_in_future(received_on, "application date")
    _not_before(received_on, applicant.initial_visit_on, "application", "initial visit")
    _move(applicant, to=S.APPLICATION, actor=actor, application_on=received_on)
    _move(applicant, to=S.STAGE_1, actor=actor, stage_1_started_on=received_on)
    CheckItem.objects.bulk_create(
        CheckItem(applicant=applicant, kind=kind, requested_on=received_on) for kind in CheckKind
    )
    return applicant


@transaction.atomic
def record_check(
    *, actor: User, applicant: Applicant, kind: str, completed_on: date, satisfactory: bool
) -> CheckItem:
    """A Stage 1 check came back; recording it again corrects it (while in Stage 1)."""
    _require_stage(_locked(applicant), (S.STAGE_1,), "record a check")
    item = CheckItem.objects.filter(applicant=applicant, kind=kind).first()
    if item is None:
        raise ServiceError("This applicant has no such check")
    _not_in_future(completed_on, "completion date")
    _not_before(completed_on, item.requested_on, "completion date", "request")
    item.completed_on, item.satisfactory = completed_on, satisfactory
    item.save(update_fields=["completed_on", "satisfactory"])
    _audit(actor, "check.recorded", applicant, applicant.enquiry, kind=kind, ok=satisfactory)
    return item


# Stage 2 -------------------------------------------------------------------------------
@transaction.atomic
def start_stage_2(
    *, actor: User, applicant: Applicant, started_on: date, assessor: str
) -> Applicant:
    """Start the Form F assessment: only once all four checks are back and satisfactory."""
    _require_stage(_locked(applicant), (S.STAGE_1,), "start Stage 2")
    checks = list(applicant.checks.all())
    outstanding = [c.get_kind_display() for c in checks if not c.satisfactory]
    if outstanding or len(checks) < len(CheckKind):
        raise ServiceError(
            "Stage 2 can start only when all four checks are complete and satisfactory. "
            f"Not yet clear: {', '.join(outstanding)}"
        )
    _not_in_future(started_on, "Stage 2 start")
    last_check = max(c.completed_on for c in checks)
    _not_before(started_on, last_check, "Stage 2 start", "last check")
    if not assessor.strip():
        raise ServiceError("Enter the assessor's name")
    _move(applicant, to=S.STAGE_2, actor=actor, stage_2_started_on=started_on, assessor=assessor)
    return applicant


@transaction.atomic
def record_assessment_visit(
    *, actor: User, applicant: Applicant, visited_on: date, note: str = ""
) -> AssessmentVisit:
    _require_stage(_locked(applicant), (S.STAGE_2,), "record a Form F visit")
    _not_in_future(visited_on, "visit date")
    _not_before(visited_on, applicant.stage_2_started_on, "visit", "start of Stage 2")
    visit = AssessmentVisit.objects.create(applicant=applicant, visited_on=visited_on, note=note)
    _audit(actor, "assessment.visited", applicant, applicant.enquiry)
    return visit


@transaction.atomic
def record_report(*, actor: User, applicant: Applicant, submitted_on: date) -> Applicant:
    """The assessor's Form F report is in, after at least one visit."""
    _require_stage(_locked(applicant), (S.STAGE_2,), "record the Form F report")
    last_visit = applicant.visits.aggregate(last=models.Max("visited_on"))["last"]
    if last_visit is None:
        raise ServiceError("Record at least one Form F visit before the report")
    _not_in_future(submitted_on, "report date")
    _not_before(submitted_on, last_visit, "report", "last visit")
    _update_at(applicant, (S.STAGE_2,), report_submitted_on=submitted_on)
    _audit(actor, "assessment.reported", applicant, applicant.enquiry)
    return applicant


# Panel and decision ----------------------------------------------------------------------
@transaction.atomic
def set_panel_date(*, actor: User, applicant: Applicant, panel_on: date) -> Applicant:
    """Book the applicant into a panel (the first booking moves them to panel) or rebook."""
    _require_stage(applicant, (S.STAGE_2, S.PANEL), "set the panel date")
    if applicant.report_submitted_on is None:
        raise ServiceError("Record the Form F report before booking a panel")
    _not_before(panel_on, applicant.report_submitted_on, "panel", "report")
    if applicant.stage == S.STAGE_2:
        _move(applicant, to=S.PANEL, actor=actor, panel_on=panel_on)
    else:
        _update_at(applicant, (S.PANEL,), panel_on=panel_on)
        _audit(actor, "panel.rebooked", applicant, applicant.enquiry)
    return applicant


@transaction.atomic
def record_panel_recommendation(
    *, actor: User, applicant: Applicant, recommends_approval: bool, note: str = ""
) -> Applicant:
    """The panel has met: its recommendation goes to the agency decision maker."""
    if applicant.stage == S.PANEL and applicant.panel_on > timezone.localdate():
        raise ServiceError(
            f"The panel meets on {format_date(applicant.panel_on)}: record its "
            "recommendation after it has met"
        )
    _move(
        applicant,
        to=S.DECISION,
        actor=actor,
        note=note,
        panel_recommends_approval=recommends_approval,
    )
    return applicant


def _decision_date(applicant: Applicant, decided_on: date) -> None:
    _require_stage(applicant, (S.DECISION,), "record the agency decision")
    _not_in_future(decided_on, "decision date")
    _not_before(decided_on, applicant.panel_on, "decision", "panel")


def _approval_range(max_children: int, age_min: int, age_max: int, types: list[str]) -> None:
    if max_children < 1:
        raise ServiceError("A carer is approved for at least one child")
    if not 0 <= age_min <= age_max <= OLDEST_CARER_AGE:
        raise ServiceError(f"Ages run from 0 to {OLDEST_CARER_AGE}, youngest first")
    if not types or not set(types) <= set(CarerType.values):
        raise ServiceError("Choose the types of fostering the carer is approved for")


@transaction.atomic
def approve_applicant(
    *,
    actor: User,
    applicant: Applicant,
    decided_on: date,
    household: str,
    max_children: int,
    age_min: int,
    age_max: int,
    types: list[str],
    local_authority: LocalAuthority | None = None,
) -> ApprovedCarer:
    """The agency decision maker approves: the household joins the register of carers.

    The council is the one the enquiry was routed to; for an enquiry the hub kept, the
    council approving the carer must be given.
    """
    enquiry = applicant.enquiry
    _decision_date(applicant, decided_on)
    council = enquiry.routed_to or local_authority
    if council is None:
        raise ServiceError("Choose the council approving this carer: the hub kept the enquiry")
    if council.region_id != enquiry.region_id:
        raise ServiceError(f"{council.name} is not a council of this region")
    _approval_range(max_children, age_min, age_max, types)
    _move(applicant, to=S.APPROVED, actor=actor, decision_on=decided_on)
    # One way onto the register: the carers service checks and audits the same for both.
    carer = carers.add_carer(
        actor=actor,
        local_authority=council,
        household=household.strip() or enquiry.name,
        approved_on=decided_on,
        max_children=max_children,
        age_min=age_min,
        age_max=age_max,
        types=sorted(types),
        applicant=applicant,
    )
    audit.record(actor=actor, action="fostering.carer.approved", obj=carer, local_authority=council)
    return carer


@transaction.atomic
def refuse_applicant(
    *, actor: User, applicant: Applicant, decided_on: date, reason: str
) -> Applicant:
    """The agency decision maker does not approve; the reason stays on the trail."""
    _decision_date(applicant, decided_on)
    if not reason.strip():
        raise ServiceError("Enter why the applicant was not approved")
    _move(applicant, to=S.NOT_APPROVED, actor=actor, note=reason, decision_on=decided_on)
    return applicant


@transaction.atomic
def withdraw_applicant(
    *, actor: User, applicant: Applicant, reason: str, note: str = ""
) -> Applicant:
    """The household stops, at any stage before the decision."""
    _move(
        applicant,
        to=S.WITHDRAWN,
        actor=actor,
        note=note,
        withdrawal_reason=WithdrawalReason(reason),
    )
    return applicant
