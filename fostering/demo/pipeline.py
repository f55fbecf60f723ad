"""The hub's year of enquiries: each walked through the steps of its region's flow, with the
rows the pipeline services would have written (contacts, applicants, stage changes, checks,
Form F visits), bulk-created with their dates in the past."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone

from fostering.demo.hub import Flow, Hub, at, pick_council, surname
from fostering.models import (
    Applicant,
    AssessmentVisit,
    CheckItem,
    Enquiry,
    EnquiryContact,
    StageChange,
)
from fostering.models.choices import (
    CheckKind,
    ContactTime,
    Interest,
    Source,
    Stage,
    WithdrawalReason,
)
from placements.demo.care_history import BOYS, GIRLS
from rcc.models import LocalAuthority

ENQUIRIES_PER_REGION = 300
S = Stage
STEPS = ("visit", "application", "stage_2", "report", "panel", "decision")
SOURCES = {Source.WEBSITE: 35, Source.SOCIAL: 20, Source.WORD_OF_MOUTH: 20, Source.EVENT: 10,
           Source.ADVERT: 10, Source.OTHER: 5}  # fmt: skip
HOUSEHOLDS = ("Two adults", "Two adults and a teenager", "One adult", "One adult, two children",
              "Two adults, grown-up children left home", "Two adults and a baby")  # fmt: skip
ASSESSORS = ("Janet Hughes", "Femi Adeyemi", "Claire Dobson", "Rob Kaur", "Helen Marsh")


@dataclass
class Plan:
    """How far one enquiry got: the date of each step reached, and how it stopped."""

    dates: dict[str, date] = field(default_factory=dict)
    stopped: str = ""  # the step it failed at ("" if it is still going or approved)
    stopped_on: date | None = None
    next_on: date | None = None  # the date of the next step when it is still to come


def plan(rng: random.Random, flow: Flow, received: date, today: date) -> Plan:
    """Walk one enquiry through the steps: each passed with its chance, after its days."""
    found, at = Plan(), received
    for step in STEPS:
        chance, low, high = getattr(flow, step)
        when = at + timedelta(days=rng.randint(low, high))
        if when > today:
            found.next_on = when
            return found
        if rng.random() >= chance:
            found.stopped, found.stopped_on = step, when
            return found
        found.dates[step] = at = when
    return found


def run_pipeline(hub: Hub) -> list[tuple[Applicant, LocalAuthority]]:
    """The year of enquiries with everything behind them; returns the approved applicants."""
    rng, made = hub.rng, []
    for _ in range(ENQUIRIES_PER_REGION):
        received = hub.today - timedelta(days=rng.randrange(365))
        found = plan(rng, hub.flow, received, hub.today)
        made.append((_enquiry(hub, received, found), found))
    Enquiry.objects.bulk_create([e for e, _ in made], batch_size=500)
    EnquiryContact.objects.bulk_create(
        [_contact(hub, e) for e, _ in made if e.first_contact_at], batch_size=500
    )
    visited = [(e, p) for e, p in made if "visit" in p.dates]
    applicants = Applicant.objects.bulk_create([_applicant(hub, e, p) for e, p in visited])
    rows = list(zip(applicants, [p for _, p in visited], strict=True))
    StageChange.objects.bulk_create([c for a, p in rows for c in _trail(hub, a, p)], batch_size=500)
    CheckItem.objects.bulk_create([c for a, p in rows for c in _checks(hub, a, p)], batch_size=500)
    AssessmentVisit.objects.bulk_create([v for a, p in rows for v in _visits(hub, a, p)])
    return [(a, a.enquiry.routed_to) for a in applicants if a.stage == S.APPROVED]


def _enquiry(hub: Hub, received: date, p: Plan) -> Enquiry:
    """An enquiry; one that went no further than a call is closed, some kept with the hub."""
    rng = hub.rng
    council = pick_council(hub)
    first, last = rng.choice(BOYS + GIRLS), surname(hub)
    received_at = at(received, rng, 7, 22)
    contact = received_at + timedelta(hours=rng.randint(*hub.flow.contact_hours))
    return Enquiry(
        region=hub.region,
        name=f"{first} {last}",
        email=f"{first}.{last}{rng.randint(1, 999)}@example.com".lower(),
        phone=f"07700 900{rng.randint(0, 999):03d}",
        postcode=hub.postcodes.pick(rng, council.name, council.gss_code),
        household=rng.choice(HOUSEHOLDS),
        contact_time=rng.choice(ContactTime.values),
        interests=sorted(rng.sample(Interest.values[:-1], rng.randint(1, 2))),
        source=rng.choices(list(SOURCES), weights=list(SOURCES.values()))[0],
        consent_to_contact=True,
        received_at=received_at,
        routed_to=council if "visit" in p.dates or rng.random() < 0.85 else None,
        first_contact_at=contact if contact <= timezone.now() else None,
        closed_at=at(p.stopped_on, rng) if p.stopped == "visit" else None,
        closed_reason=_withdrawal(hub, p) if p.stopped == "visit" else "",
    )


def _contact(hub: Hub, enquiry: Enquiry) -> EnquiryContact:
    return EnquiryContact(
        enquiry=enquiry,
        method=EnquiryContact.Method.PHONE,
        outcome=hub.rng.choice(
            (
                "Talked through fostering; initial visit offered",
                "Left a message; sent the pack",
                "Answered questions about allowances",
                "Explained the next information event",
            )
        ),
        made_at=enquiry.first_contact_at,
        made_by=hub.actor,
    )


def _applicant(hub: Hub, enquiry: Enquiry, p: Plan) -> Applicant:
    d = p.dates
    return Applicant(
        enquiry=enquiry,
        stage=_stage(p),
        initial_visit_on=d["visit"],
        application_on=d.get("application"),
        stage_1_started_on=d.get("application"),
        stage_2_started_on=d.get("stage_2"),
        assessor=hub.rng.choice(ASSESSORS) if "stage_2" in d else "",
        report_submitted_on=d.get("report"),
        panel_on=d.get("panel") or (p.next_on if "report" in d else None),
        panel_recommends_approval=(p.stopped != "decision") if "panel" in d else None,
        decision_on=d.get("decision") or (p.stopped_on if p.stopped == "decision" else None),
        withdrawal_reason=_withdrawal(hub, p),
    )


def _stage(p: Plan) -> str:
    if p.stopped == "decision":
        return S.NOT_APPROVED
    if p.stopped:
        return S.WITHDRAWN
    reached = [step for step in STEPS if step in p.dates][-1]
    return {"visit": S.INITIAL_VISIT, "application": S.STAGE_1, "stage_2": S.STAGE_2,
            "report": S.PANEL, "panel": S.DECISION, "decision": S.APPROVED}[reached]  # fmt: skip


def _withdrawal(hub: Hub, p: Plan) -> str:
    if not p.stopped or p.stopped == "decision":
        return ""
    reasons = [WithdrawalReason.TIMING, WithdrawalReason.CIRCUMSTANCES,
               WithdrawalReason.OTHER_AGENCY, WithdrawalReason.NO_CONTACT]  # fmt: skip
    if p.stopped in ("stage_2", "report"):
        reasons.append(WithdrawalReason.UNSUITABLE)
    return hub.rng.choice(reasons)


def _trail(hub: Hub, applicant: Applicant, p: Plan) -> list[StageChange]:
    """The stage rows the pipeline services would have written, dated when each happened."""
    d, moves = p.dates, []
    moves.append((S.ENQUIRY, S.INITIAL_VISIT, d["visit"]))
    if "application" in d:
        moves += [(S.INITIAL_VISIT, S.APPLICATION, d["application"]),
                  (S.APPLICATION, S.STAGE_1, d["application"])]  # fmt: skip
    for step, before, after in (("stage_2", S.STAGE_1, S.STAGE_2), ("report", S.STAGE_2, S.PANEL),
                                ("panel", S.PANEL, S.DECISION),
                                ("decision", S.DECISION, S.APPROVED)):  # fmt: skip
        if step in d:
            moves.append((before, after, d[step]))
    if p.stopped:
        moves.append((moves[-1][1], applicant.stage, p.stopped_on))
    return [
        StageChange(
            applicant=applicant,
            from_stage=before,
            to_stage=after,
            changed_by=hub.actor,
            changed_at=at(on, hub.rng),
        )
        for before, after, on in moves
    ]


def _checks(hub: Hub, applicant: Applicant, p: Plan) -> list[CheckItem]:
    """The four statutory checks, requested with the application; all done before Stage 2."""
    if "application" not in p.dates:
        return []
    start, limit = p.dates["application"], p.dates.get("stage_2")
    checks = []
    for kind in CheckKind.values:
        done = start + timedelta(days=hub.rng.randint(7, 40))
        done = min(done, limit) if limit else done
        finished = done <= hub.today
        checks.append(
            CheckItem(
                applicant=applicant,
                kind=kind,
                requested_on=start,
                completed_on=done if finished else None,
                satisfactory=True if finished else None,
            )
        )
    return checks


def _visits(hub: Hub, applicant: Applicant, p: Plan) -> list[AssessmentVisit]:
    if "stage_2" not in p.dates:
        return []
    start = p.dates["stage_2"]
    end = p.dates.get("report") or p.stopped_on or hub.today
    span = max((end - start).days, 1)
    days = sorted(hub.rng.sample(range(span), min(span, hub.rng.randint(4, 7))))
    return [
        AssessmentVisit(applicant=applicant, visited_on=start + timedelta(days=n), note="Form F")
        for n in days
    ]
