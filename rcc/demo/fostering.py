"""The pathfinders' fostering hubs: a year of enquiries through every stage, approved carers
with vacancies offered to matching, support events with attendance, and a few who left.

Deterministic for a seed, as ``market.py``. The pipeline rows (enquiries, applicants, their
stage rows with dates in the past, checks, Form F visits, contacts) are bulk-created: a year
of history cannot go through services that stamp "now". Carers, their vacancies, buddies and
deregistrations go through ``fostering.services.carers``, so the vacancies are real supply of
each council's fostering setting. Actors: the hub officer where the demo has one (Greater
Manchester), else the region's commissioner.

Conversion follows the issue: Greater Manchester runs its hub like Foster with North East
(about 20% of enquiries become applications, approval in about five months); the South East is
nearer the national picture (about 10%, seven to eight months).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from fostering.models import (
    Applicant,
    ApprovedCarer,
    AssessmentVisit,
    Attendance,
    CheckItem,
    Enquiry,
    EnquiryContact,
    ServiceStandard,
    StageChange,
    SupportEvent,
)
from fostering.models.choices import (
    CarerType,
    CheckKind,
    ContactTime,
    Interest,
    LeavingReason,
    Source,
    Stage,
    WithdrawalReason,
)
from fostering.services import carers as carer_services
from placements.demo.care_history import BOYS, GIRLS, SURNAMES
from providers.models import Setting
from rcc.demo.geography import COUNCILS, REGIONS
from rcc.demo.postcodes import Postcodes
from rcc.demo.tenancy import DEMO_DOMAIN
from rcc.models import LocalAuthority, Region, User

ENQUIRIES_PER_REGION = 300
CARERS_PER_REGION = 150
LEAVERS_PER_REGION = 8
S = Stage


@dataclass(frozen=True)
class Flow:
    """A region's chance of each step and its days from the step before (low, high)."""

    visit: tuple[float, int, int]
    application: tuple[float, int, int]
    stage_2: tuple[float, int, int]
    report: tuple[float, int, int]
    panel: tuple[float, int, int]
    decision: tuple[float, int, int]
    contact_hours: tuple[int, int]


FLOWS = {
    "greater-manchester": Flow(
        (0.45, 3, 12), (0.45, 7, 30), (0.85, 21, 45), (0.9, 60, 90), (1, 10, 21), (0.95, 3, 7),
        (2, 30),
    ),
    "south-east": Flow(
        (0.32, 5, 25), (0.3, 10, 45), (0.8, 35, 75), (0.88, 80, 120), (1, 14, 30), (0.93, 5, 10),
        (4, 72),
    ),
}  # fmt: skip
STEPS = ("visit", "application", "stage_2", "report", "panel", "decision")
SOURCES = {Source.WEBSITE: 35, Source.SOCIAL: 20, Source.WORD_OF_MOUTH: 20, Source.EVENT: 10,
           Source.ADVERT: 10, Source.OTHER: 5}  # fmt: skip
HOUSEHOLDS = ("Two adults", "Two adults and a teenager", "One adult", "One adult, two children",
              "Two adults, grown-up children left home", "Two adults and a baby")  # fmt: skip
ASSESSORS = ("Janet Hughes", "Femi Adeyemi", "Claire Dobson", "Rob Kaur", "Helen Marsh")
LEAVING = {LeavingReason.RETIRED: 30, LeavingReason.CIRCUMSTANCES: 25, LeavingReason.SUPPORT: 10,
           LeavingReason.ALLOWANCES: 8, LeavingReason.MOVED_AGENCY: 10,
           LeavingReason.ADOPTED_OR_SGO: 10, LeavingReason.OTHER: 7}  # fmt: skip
TRAINING = ("Safer caring", "Therapeutic parenting", "Managing allegations", "Education and PEPs",
            "Life story work", "Paediatric first aid", "Contact with birth families")  # fmt: skip
AGES = ((0, 17), (0, 17), (0, 10), (5, 17), (11, 17), (0, 4))


@dataclass
class Plan:
    """How far one enquiry got: the date of each step reached, and how it stopped."""

    dates: dict[str, date] = field(default_factory=dict)
    stopped: str = ""  # the step it failed at ("" if it is still going or approved)
    stopped_on: date | None = None
    next_on: date | None = None  # the date of the next step when it is still to come


@dataclass
class Hub:
    rng: random.Random
    today: date
    region: Region
    actor: User
    flow: Flow
    councils: list[LocalAuthority]
    postcodes: Postcodes


def seed_fostering(rng: random.Random) -> None:
    """Both pathfinders' hubs; a no-op once any enquiry or carer exists."""
    regions = list(Region.objects.filter(slug__in=REGIONS.values()).order_by("slug"))
    for region in regions:
        ServiceStandard.objects.get_or_create(region=region)
    if Enquiry.objects.exists() or ApprovedCarer.objects.exists():
        return
    postcodes = Postcodes()
    for region in regions:
        hub = _hub(rng, region, postcodes)
        approved = _pipeline(hub)
        carers = _carers(hub, approved)
        _vacancies(hub, carers)
        _buddies(hub, carers)
        _leavers(hub, carers)
        _events(hub, carers)


def _hub(rng: random.Random, region: Region, postcodes: Postcodes) -> Hub:
    key = next(k for k, slug in REGIONS.items() if slug == region.slug).lower()
    actor = (
        User.objects.filter(email=f"hub.{key}@{DEMO_DOMAIN}").first()
        or User.objects.filter(email=f"commissioner.{key}@{DEMO_DOMAIN}").first()
    )
    return Hub(
        rng=rng,
        today=timezone.localdate(),
        region=region,
        actor=actor,
        flow=FLOWS[region.slug],
        councils=list(
            LocalAuthority.objects.filter(region=region, name__in=COUNCILS).order_by("name")
        ),
        postcodes=postcodes,
    )


def _at(day: date, rng: random.Random, start: int = 9, end: int = 17) -> datetime:
    return timezone.make_aware(
        datetime.combine(day, time(rng.randint(start, end), rng.randrange(60)))
    )


def _council(hub: Hub) -> LocalAuthority:
    return hub.rng.choices(hub.councils, weights=[COUNCILS[c.name][-1] for c in hub.councils])[0]


def _surname(hub: Hub) -> str:
    return hub.rng.choice(SURNAMES)


# The pipeline ---------------------------------------------------------------------------------
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


def _pipeline(hub: Hub) -> list[tuple[Applicant, LocalAuthority]]:
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
    council = _council(hub)
    first, last = rng.choice(BOYS + GIRLS), _surname(hub)
    received_at = _at(received, rng, 7, 22)
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
        closed_at=_at(p.stopped_on, rng) if p.stopped == "visit" else None,
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
            changed_at=_at(on, hub.rng),
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


# Carers ---------------------------------------------------------------------------------------
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


def _carers(hub: Hub, approved: list[tuple[Applicant, LocalAuthority]]) -> list[ApprovedCarer]:
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
        local_authority=_council(hub),
        household=f"The {_surname(hub)} household",
        approved_on=hub.today - timedelta(days=rng.randint(400, 15 * 365)),
        current_children=children,
        **approval,
    )


def _vacancies(hub: Hub, carers: list[ApprovedCarer]) -> None:
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


def _buddies(hub: Hub, carers: list[ApprovedCarer]) -> None:
    """Every carer approved in the last 18 months has an experienced buddy."""
    recent = hub.today - timedelta(days=548)
    experienced = [c for c in carers if c.approved_on < hub.today - timedelta(days=3 * 365)]
    for carer in carers:
        if carer.approved_on >= recent and experienced:
            buddy = hub.rng.choice(experienced)
            carer_services.assign_buddy(actor=hub.actor, carer=carer, buddy=buddy)


def _leavers(hub: Hub, carers: list[ApprovedCarer]) -> None:
    rng = hub.rng
    candidates = [c for c in carers if c.applicant_id is None and c.buddy_id is None]
    for carer in rng.sample(candidates, LEAVERS_PER_REGION):
        carer_services.deregister_carer(
            actor=hub.actor,
            carer=carer,
            left_on=hub.today - timedelta(days=rng.randint(1, 360)),
            reason=rng.choices(list(LEAVING), weights=list(LEAVING.values()))[0],
        )


# The support offer ----------------------------------------------------------------------------
def _events(hub: Hub, carers: list[ApprovedCarer]) -> None:
    """A year of monthly groups and training, information events every six weeks, and the next
    three months; carers booked on each, attendance recorded for those already held."""
    K = SupportEvent.Kind
    place = hub.region.lead_council.name if hub.region.lead_council_id else hub.region.name
    events = []
    for month in range(-11, 3):
        day = hub.today + timedelta(days=30 * month)
        events.append((K.SUPPORT_GROUP, "Carers' coffee morning", day, 10, 20))
        events.append(
            (K.TRAINING, TRAINING[month % len(TRAINING)], day + timedelta(days=9), 13, 25)
        )
    for weeks in range(-48, 13, 6):
        events.append((K.INFORMATION, "Thinking about fostering? Information evening",
                       hub.today + timedelta(weeks=weeks, days=3), 18, 40))  # fmt: skip
    for kind, title, day, hour, capacity in events:
        event = carer_services.create_support_event(
            actor=hub.actor,
            region=hub.region,
            kind=kind,
            title=title,
            starts_at=timezone.make_aware(datetime.combine(day, time(hour))),
            location=f"{place} fostering hub",
            capacity=capacity,
        )
        _bookings(hub, event, carers)


def _bookings(hub: Hub, event: SupportEvent, carers: list[ApprovedCarer]) -> None:
    rng, held = hub.rng, event.starts_at < timezone.now()
    count = rng.randint(event.capacity // 3, event.capacity - 2)
    if event.kind == SupportEvent.Kind.INFORMATION:
        rows = [
            Attendance(
                event=event,
                name=f"{rng.choice(BOYS + GIRLS)} {_surname(hub)}",
                email=f"guest{n}.{event.pk}@example.com",
                attended=(rng.random() < 0.75) if held else None,
            )
            for n in range(count)
        ]
    else:
        active = [c for c in carers if c.is_active]
        rows = [
            Attendance(event=event, carer=c, attended=(rng.random() < 0.8) if held else None)
            for c in rng.sample(active, min(count, len(active)))
        ]
    Attendance.objects.bulk_create(rows)
