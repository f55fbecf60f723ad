"""The pathfinders' children, their years in care, and home-search referrals in every state.

Deterministic for a seed, as ``market.py``: every choice comes from the ``rng`` passed in and
rows are visited in the order they were made. The councils' case-system history (children and
their SSDA903 episodes) has no service, so it is bulk-created; every referral moves through
the placements services, as the pages move it. Actors are the demo users where the demo has
one (Bolton's social worker, Salford's team manager, the demo provider); elsewhere nobody, or
the region's commissioner where a service needs someone.

Figures follow DOMAIN.md and the 903: about two thirds of children in foster care and one in
six in residential or supported homes; 6% unaccompanied asylum-seeking children (UASC).
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from placements.models import CareEpisode, Child, Referral
from placements.models.choices import RISKS_TO_CHILD, RISKS_TO_OTHERS
from placements.services import offers as offer_services
from placements.services import placing
from placements.services import referrals as referral_services
from providers.models import NeedCategory, Sector, Setting, Vacancy
from rcc import notifications
from rcc.demo.market_data import BANDS, COUNCILS, DEMO_PROVIDER, NOTES, WORDS, Postcodes
from rcc.demo.tenancy import DEMO_DOMAIN
from rcc.models import LocalAuthority, Region, User

CHILDREN_PER_REGION = 2_000
HISTORY_FROM = date(2019, 4, 1)
NEW_CODES_FROM = date(2025, 4, 1)  # 903 2025/26: K3 replaces H5, Z11-Z14 replace Z1
UASC_SHARE, LEFT_CARE_SHARE = 0.06, 0.07

# Small name lists (read better as prose than as literals): first names by sex, surnames, and
# for UASC first names and surnames.
BOYS = (  # noqa: SIM905
    "Jayden Oliver Harry Noah Leo Alfie Charlie Jack Mason Tyler Kai Reece Ethan Logan Callum"
).split()
GIRLS = (  # noqa: SIM905
    "Olivia Amelia Isla Ava Mia Lily Freya Ella Grace Chloe Ruby Evie Sophie Leah Zara Holly"
).split()
SURNAMES = (  # noqa: SIM905
    "Smith Jones Taylor Brown Wilson Evans Walker Wright Robinson Thompson Hughes Green Hall Wood "
    "Clarke Jackson Turner Hill Moore Cooper Ward Khan Hussain Begum Murphy Kelly Campbell Edwards "
    "Price Okoro"
).split()
UASC_NAMES = (
    "Abdi Ahmed Amanuel Dawit Hassan Mohammed Omar Samir Yonas Bilal Aziz Haroon".split(),  # noqa: SIM905
    "Haile Tesfay Osman Ahmadi Rahimi Karimi Abdullah Hussein Bashir Yousef".split(),  # noqa: SIM905
)

# Ages 0-17 as the 903 finds them: 5% under 1, 14% 1-4, 17% 5-9, 38% 10-15, 26% 16-17.
AGE_WEIGHTS = (5, *[3.5] * 4, *[3.4] * 5, *[6.33] * 6, 13, 13)
ETHNICITIES = {"WBRI": 66, "WOTH": 4, "WIRI": 0.5, "WIRT": 0.5, "WROM": 1, "MWBC": 4, "MWBA": 2,
               "MWAS": 2, "MOTH": 3, "AIND": 1, "APKN": 3, "ABAN": 1, "AOTH": 1.5, "BCRB": 2,
               "BAFR": 3, "BOTH": 1, "CHNE": 0.3, "OOTH": 2, "REFU": 0.2, "NOBT": 1}  # fmt: skip
UASC_ETHNICITIES = {"BAFR": 30, "AOTH": 25, "OOTH": 25, "BOTH": 10, "WOTH": 10}
LEGAL_STATUSES = {"C2": 58, "V2": 15, "C1": 13, "E1": 9, "J1": 2, "L1": 1, "L2": 2}
SHORT_STATUSES = {"L1": 2, "L2": 20}  # police protection lasts 72 hours, an EPO 21 days at most
CATEGORIES_OF_NEED = {"N1": 62, "N2": 3, "N3": 3, "N4": 9, "N5": 13, "N6": 1, "N8": 9}
EPISODE_COUNTS = {1: 38, 2: 22, 3: 15, 4: 11, 5: 8, 6: 6}

# 903 PLACE by age band (0-4, 5-9, 10-15, 16-17): how likely each group is, then each code.
BANDS_BY_AGE = (0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 3, 3)
GROUP_WEIGHTS = ((75, 0, 25), (80, 6, 14), (62, 25, 13), (45, 42, 13))  # foster, res/sup, other
FOSTERING = {"U1": 5, "U2": 0.5, "U3": 12, "U4": 27, "U5": 0.5, "U6": 55}
RESIDENTIAL = ({}, {"K2": 80, "S1": 20}, {"K2": 80, "S1": 8, "K1": 3, "R1": 4, "H5": 5},
               {"K2": 45, "K3": 45, "S1": 4, "K1": 3, "R1": 3})  # fmt: skip
OTHER = ({"P1": 45, "A3": 8, "A4": 7, "A5": 15, "A6": 15, "Z1": 10}, {"P1": 75, "Z1": 25},
         {"P1": 75, "Z1": 25}, {"P1": 70, "Z1": 30})  # fmt: skip
PLACEMENT_ORDER = {"A5": 15, "A6": 25, "U4": 20, "U6": 35, "U3": 5}  # E1: placed for adoption
SETTING_OF = {"K2": "childrens_home", "K1": "secure", "S1": "residential_school",
              "H5": "supported", "K3": "supported"}  # fmt: skip
SECTOR_CODE = {Sector.PRIVATE: "PR4", Sector.VOLUNTARY: "PR5", Sector.HEALTH: "PR3"}
CHANGE_REASONS = {"CARPL": 58, "CREQB": 11, "CHILD": 7, "CREQO": 6, "STAND": 4, "LAREQ": 4,
                  "ALLEG": 3, "CLOSE": 3, "APPRR": 1, "OTHER": 3}  # fmt: skip
ENDINGS = {"E4A": 35, "E4B": 8, "E13": 12, "E41": 10, "E48": 10, "E8": 10, "E5": 15}

R = Referral.Status
# About 60 referrals a region; Greater Manchester's start with the demo users' own.
STATUS_MIX = {R.DRAFT: 5, R.AWAITING_APPROVAL: 7, R.RETURNED: 4, R.APPROVED: 4, R.SENT: 9,
              R.OFFERS_RECEIVED: 11, R.OFFER_ACCEPTED: 4, R.PLACED: 9, R.WITHDRAWN: 4,
              R.CLOSED_UNMET: 3}  # fmt: skip
DEMO_PLAN = [
    ("Bolton", R.DRAFT, "foster"), ("Bolton", R.AWAITING_APPROVAL, "residential"),
    ("Bolton", R.RETURNED, "foster"), ("Bolton", R.SENT, "residential"),
    ("Bolton", R.OFFERS_RECEIVED, "residential"), ("Bolton", R.OFFERS_RECEIVED, "foster"),
    ("Bolton", R.OFFER_ACCEPTED, "residential"), ("Bolton", R.PLACED, "foster"),
    ("Bolton", R.WITHDRAWN, "residential"), ("Salford", R.AWAITING_APPROVAL, "residential"),
    ("Salford", R.AWAITING_APPROVAL, "foster"), ("Salford", R.AWAITING_APPROVAL, "supported"),
    ("Salford", R.OFFER_ACCEPTED, "residential"),
]  # fmt: skip
# The demo provider's homes are in and around these: it gets their residential referrals.
DEMO_COUNCILS = ("Bolton", "Bury", "Oldham", "Rochdale", "Tameside")
KINDS = {"foster": 40, "residential": 45, "supported": 15}
AGES_FOR = {"foster": (0, 15), "residential": (10, 17), "supported": (16, 17)}
TYPES_FOR = {"foster": {"ifa", "la_fostering"}, "residential": {"childrens_home"},
             "supported": {"supported"}}  # fmt: skip
NEEDS_FOR = {"foster": ((), ("EBD",), ("EBD",), ("LD",)),
             "residential": (("EBD",), ("EBD",), ("EBD",), ("EBD", "MH"), ("LD",)),
             "supported": ((), ("EBD",), ("MH",))}  # fmt: skip
WITHDRAWN_AT = (R.DRAFT, R.AWAITING_APPROVAL, R.APPROVED, R.SENT, R.OFFERS_RECEIVED)
DECLINES = {"no_vacancy": 35, "matching": 20, "risks": 15, "needs": 10, "location": 10,
            "staffing": 5, "registration": 5}  # fmt: skip
RETURNED_BECAUSE = (
    "Add the school's view and the latest risk assessment before this goes to providers.",
    "The latest start date is too soon for a planned move: agree it with the family first.",
    "Say which places the child must avoid, and why.",
)
WITHDRAWN_BECAUSE = (
    "The child is going home to their mother under the care plan.",
    "A connected carer has been assessed and approved.",
    "The current carers will continue with extra support.",
)
UNMET_BECAUSE = "No provider could offer a home by the latest start date; the search goes on."
IMPORTANT = ("", "Grandmother's home", "Football club on Saturdays", "Mosque", "Youth club",
             "Sister's foster home", "Contact centre")  # fmt: skip
AVOID = ("", "", "Town centre (exploitation concerns)", "Previous address", "Retail park")


@dataclass
class Journey:
    rng: random.Random
    today: date
    postcodes: Postcodes
    councils: dict[str, LocalAuthority]
    commissioners: dict[int, User]  # by region id
    social_worker: User
    team_manager: User
    provider_user: User
    needs: dict[str, NeedCategory]
    settings: dict[int, list[Setting]]  # by region id, in the order they were made
    vacancies: dict[int, list[Vacancy]]  # open ones by setting id, each offered once
    in_care: dict[int, list[Child]] = field(default_factory=lambda: defaultdict(list))
    used: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class Who:
    writer: User  # the draft needs an author: Bolton's social worker or the commissioner
    worker: User | None  # submits, accepts, withdraws
    manager: User | None  # approves referrals and placements
    commissioner: User  # sends to providers


def no_notifications():
    """Seed without emailing anyone (the services notify as the pages would)."""
    return notifications.muted()


def seed_journeys(rng: random.Random) -> None:
    """Children, their care histories and referrals of both pathfinders; a no-op once seeded."""
    if Child.objects.exists():
        return
    j = _journey(rng)
    regions = list(Region.objects.filter(pk__in=j.commissioners).order_by("slug"))
    for region in regions:
        children = Child.objects.bulk_create(_children(j, region), batch_size=500)
        episodes = [e for child in children for e in _history(j, child)]
        CareEpisode.objects.bulk_create(episodes, batch_size=1000)
    for region in regions:
        for council, status, kind in _plan(j, region):
            _referral(j, council, status, kind)


def _journey(rng: random.Random) -> Journey:
    councils = LocalAuthority.objects.filter(name__in=COUNCILS).select_related("region")
    commissioners = {}
    for key in ("gm", "se"):
        user = User.objects.get(email=f"commissioner.{key}@{DEMO_DOMAIN}")
        commissioners[user.memberships.get().region_id] = user
    settings = defaultdict(list)
    for s in (
        Setting.objects.filter(local_authority__region_id__in=commissioners)
        .select_related("provider", "local_authority")
        .prefetch_related("needs")
        .order_by("pk")
    ):
        settings[s.local_authority.region_id].append(s)
    vacancies = defaultdict(list)
    for v in Vacancy.objects.filter(status=Vacancy.Status.OPEN).order_by("pk"):
        vacancies[v.setting_id].append(v)
    return Journey(
        rng=rng,
        today=timezone.localdate(),
        postcodes=Postcodes(),
        councils={la.name: la for la in councils.order_by("name")},
        commissioners=commissioners,
        social_worker=User.objects.get(email=f"sw.bolton@{DEMO_DOMAIN}"),
        team_manager=User.objects.get(email=f"tm.salford@{DEMO_DOMAIN}"),
        provider_user=User.objects.get(email=f"provider@{DEMO_DOMAIN}"),
        needs={n.code: n for n in NeedCategory.objects.all()},
        settings=settings,
        vacancies=vacancies,
    )


def _pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _postcode(j: Journey, council: LocalAuthority) -> str:
    return j.postcodes.pick(j.rng, council.name, council.gss_code)


# Children and their 903 episodes ------------------------------------------------------
def _children(j: Journey, region: Region) -> list[Child]:
    councils = [la for la in j.councils.values() if la.region_id == region.pk]
    sizes = [COUNCILS[la.name][-1] for la in councils]
    counts = [CHILDREN_PER_REGION * size // sum(sizes) for size in sizes]
    for index in range(CHILDREN_PER_REGION - sum(counts)):  # the remainder to the largest
        counts[sorted(range(len(sizes)), key=lambda i: -sizes[i])[index % len(sizes)]] += 1
    return [
        _child(j, council, serial)
        for council, count in zip(councils, counts, strict=True)
        for serial in range(1, count + 1)
    ]


def _child(j: Journey, council: LocalAuthority, serial: int) -> Child:
    rng = j.rng
    uasc = rng.random() < UASC_SHARE
    age = rng.choices((14, 15, 16, 17), (1, 2, 4, 5))[0] if uasc else _pick_age(rng)
    male = rng.random() < (0.92 if uasc else 0.55)
    first, last = UASC_NAMES if uasc else (BOYS if male else GIRLS, SURNAMES)
    born = _years_before(j.today, age) - timedelta(days=rng.randint(1, 364))
    school = age >= 4
    return Child(
        local_authority=council,
        case_id=f"{council.dfe_number}-{serial:05d}",
        name=f"{rng.choice(first)} {rng.choice(last)}",
        date_of_birth=born,
        sex="male" if male else "female",
        ethnicity=_pick(rng, UASC_ETHNICITIES if uasc else ETHNICITIES),
        legal_status=_legal_status(rng, age, uasc),
        is_uasc=uasc,
        home_postcode=_postcode(j, council),
        school_postcode=_postcode(j, council) if school else "",
        school_name=_school(rng, age) if school else "",
        siblings=rng.choice(("", "", "", "Brother, 9", "Two sisters, 5 and 12", "Sister, 15")),
    )


def _pick_age(rng: random.Random) -> int:
    return rng.choices(range(18), weights=AGE_WEIGHTS)[0]


def _years_before(day: date, years: int) -> date:
    return day.replace(
        year=day.year - years, day=28 if (day.month, day.day) == (2, 29) else day.day
    )


def _legal_status(rng: random.Random, age: int, uasc: bool) -> str:
    if uasc:
        return "V2" if rng.random() < 0.85 else "C2"
    status = _pick(rng, LEGAL_STATUSES)
    if (status == "E1" and age >= 10) or (status == "J1" and age < 10):
        return "C2"
    return status


def _school(rng: random.Random, age: int) -> str:
    kind = "Primary School" if age < 11 else "Academy" if age < 16 else "College"
    return f"{rng.choice(WORDS)} {kind}"


def _history(j: Journey, child: Child) -> list[CareEpisode]:
    """1-6 episodes since April 2019, back to back; most children still in care (one open)."""
    rng, council = j.rng, child.local_authority
    start, end = _time_in_care(j, child)
    span = (end - start).days
    count = min(_pick(rng, EPISODE_COUNTS), span // 30 + 1)
    cuts = sorted(rng.sample(range(1, span), count - 1)) if count > 1 else []
    days = [start + timedelta(days=d) for d in [0, *cuts]]
    statuses = _statuses(rng, child.legal_status, count)
    category = _pick(rng, {"N8": 1} if child.is_uasc else CATEGORIES_OF_NEED)
    in_care = end == j.today
    episodes = []
    for index, (begins, status) in enumerate(zip(days, statuses, strict=True)):
        code = _place(rng, child, status, begins)
        provider, postcode, urn = _where(j, child, council, code)
        changed = index > 0 and status != statuses[index - 1]
        episode = CareEpisode(
            child=child,
            start_date=begins,
            reason_new_episode="S" if index == 0 else "B" if changed else "P",
            legal_status=status,
            category_of_need=category,
            placement_type=code,
            placement_provider=provider,
            placement_postcode=postcode,
            urn=urn,
        )
        if index < count - 1:  # ends the day the next begins; the 903 says why it changed
            episode.end_date, episode.reason_ceased = days[index + 1], "X1"
            episode.reason_place_change = _pick(rng, CHANGE_REASONS)
        elif not in_care:
            episode.end_date, episode.reason_ceased = end, _ending(rng, code)
        episodes.append(episode)
    if in_care:
        j.in_care[council.pk].append(child)
    return episodes


def _time_in_care(j: Journey, child: Child) -> tuple[date, date]:
    """When care began, and when it ended (today for a child still in care)."""
    rng, today = j.rng, j.today
    if child.legal_status in SHORT_STATUSES:
        return today - timedelta(days=rng.randint(0, SHORT_STATUSES[child.legal_status])), today
    earliest = max(HISTORY_FROM, child.date_of_birth)
    if child.is_uasc:
        earliest = max(earliest, today - timedelta(days=700))
    latest = max(earliest, today - timedelta(days=7))
    start = earliest + timedelta(days=rng.randint(0, (latest - earliest).days))
    if rng.random() < LEFT_CARE_SHARE and (today - start).days > 60:
        return start, start + timedelta(days=rng.randint(30, (today - start).days - 1))
    return start, today


def _statuses(rng: random.Random, status: str, count: int) -> list[str]:
    """Most care orders follow an interim one, and placement orders a care order."""
    earlier = {"C2": "C1", "E1": "C2"}.get(status)
    if earlier is None or count < 2 or rng.random() < 0.4:
        return [status] * count
    change = rng.randint(1, count - 1)
    return [earlier] * change + [status] * (count - change)


def _place(rng: random.Random, child: Child, status: str, on: date) -> str:
    age = child.age_on(on)
    if status == "E1":
        return _pick(rng, PLACEMENT_ORDER)
    band = BANDS_BY_AGE[age]
    group = rng.choices((FOSTERING, RESIDENTIAL[band], OTHER[band]), GROUP_WEIGHTS[band])[0]
    code = _pick(rng, group)
    if code in ("H5", "K3"):  # supported accommodation: H5 from 14; K3 from 16, in 2025/26
        if on >= NEW_CODES_FROM:
            code = "K3" if age >= 16 else "K2"
        else:
            code = "H5" if age >= 14 else "K2"
    if code == "P1" and status == "V2":  # no placement with parents under section 20
        code = "U6"
    if code == "Z1" and on >= NEW_CODES_FROM:
        code = rng.choice(("Z11", "Z12", "Z13", "Z14"))
    return code


def _where(j: Journey, child: Child, council: LocalAuthority, code: str) -> tuple[str, str, str]:
    """PLACE_PROVIDER, PL_POST and URN of a placement of this type."""
    rng = j.rng
    if code == "P1":
        return "PR0", child.home_postcode, ""
    if code in SETTING_OF:
        return _in_setting(j, council, SETTING_OF[code])
    nearby = council if rng.random() < 0.6 else rng.choice(_region_councils(j, council))
    if code in ("U4", "U5", "U6") and rng.random() < 0.4:  # an independent fostering agency
        agency = rng.choice([s for s in j.settings[council.region_id] if s.setting_type == "ifa"])
        return SECTOR_CODE[agency.provider.sector], _postcode(j, nearby), agency.urn
    if code[0] in "UA":
        provider = "PR1" if code[0] == "U" or rng.random() < 0.7 else "PR5"
        return provider, _postcode(j, nearby), "XXXXXXX"
    provider = "" if code.startswith("Z1") and len(code) == 3 else rng.choice(("PR4", "PR5"))
    return provider, _postcode(j, nearby), ""


def _in_setting(j: Journey, council: LocalAuthority, setting_type: str) -> tuple[str, str, str]:
    options = [s for s in j.settings[council.region_id] if s.setting_type == setting_type]
    local = [s for s in options if s.local_authority_id == council.pk]
    setting = j.rng.choice(local if local and j.rng.random() < 0.45 else options)
    if setting.provider.sector == Sector.LOCAL_AUTHORITY:
        provider = "PR1" if setting.local_authority_id == council.pk else "PR2"
    else:
        provider = SECTOR_CODE[setting.provider.sector]
    return provider, setting.postcode, setting.urn or ""


def _region_councils(j: Journey, council: LocalAuthority) -> list[LocalAuthority]:
    return [la for la in j.councils.values() if la.region_id == council.region_id]


def _ending(rng: random.Random, code: str) -> str:
    return rng.choice(("E11", "E12")) if code[0] == "A" else _pick(rng, ENDINGS)


# Referrals, through the services -----------------------------------------------------
def _plan(j: Journey, region: Region) -> list[tuple[LocalAuthority, str, str]]:
    left, plan = Counter(STATUS_MIX), []
    for name, status, kind in DEMO_PLAN:
        if j.councils[name].region_id == region.pk:
            plan.append((j.councils[name], status, kind))
            left[status] -= 1
    councils = [la for la in j.councils.values() if la.region_id == region.pk]
    sizes = [COUNCILS[la.name][-1] for la in councils]
    for status in [s for s in STATUS_MIX for _ in range(max(left[s], 0))]:
        plan.append((j.rng.choices(councils, sizes)[0], status, _pick(j.rng, KINDS)))
    return plan


def _who(j: Journey, council: LocalAuthority) -> Who:
    commissioner = j.commissioners[council.region_id]
    if council.name == "Bolton":
        return Who(j.social_worker, j.social_worker, None, commissioner)
    manager = j.team_manager if council.name == "Salford" else None
    return Who(commissioner, None, manager, commissioner)


def _referral(j: Journey, council: LocalAuthority, status: str, kind: str) -> None:
    rng, who = j.rng, _who(j, council)
    stop = rng.choice(WITHDRAWN_AT) if status == R.WITHDRAWN else status
    stop = R.SENT if status == R.CLOSED_UNMET else stop
    waiting = stop in (R.SENT, R.OFFERS_RECEIVED) and status != R.CLOSED_UNMET
    wants_demo = waiting and kind == "residential" and council.name in DEMO_COUNCILS
    child, data, needs, providers = _matched_child(j, council, kind, wants_demo=wants_demo)
    referral = referral_services.save_draft(actor=who.writer, child=child, data=data, needs=needs)
    if stop != R.DRAFT:
        referral_services.submit_referral(actor=who.worker, referral=referral)
    if stop == R.RETURNED:
        reason = rng.choice(RETURNED_BECAUSE)
        referral_services.return_referral(actor=who.manager, referral=referral, reason=reason)
    elif stop not in (R.DRAFT, R.AWAITING_APPROVAL):
        referral_services.approve_referral(actor=who.manager, referral=referral)
        if stop != R.APPROVED:
            unmet = status == R.CLOSED_UNMET
            _send(j, who, referral, providers, stop, waiting=waiting, unmet=unmet)
    if status in (R.WITHDRAWN, R.CLOSED_UNMET):
        reason = UNMET_BECAUSE if status == R.CLOSED_UNMET else rng.choice(WITHDRAWN_BECAUSE)
        referral_services.close_referral(
            actor=who.worker, referral=referral, reason=reason, unmet=status == R.CLOSED_UNMET
        )


def _matched_child(
    j: Journey, council: LocalAuthority, kind: str, *, wants_demo: bool
) -> tuple[Child, dict, list[NeedCategory], dict]:
    """A child in care of the right age, what the referral asks for, and the providers whose
    settings match it (settings in provider order, best-placed first)."""
    rng, low, high = j.rng, *AGES_FOR[kind]
    soon = j.today + timedelta(days=60)
    children = [
        c
        for c in j.in_care[council.pk]
        if c.pk not in j.used and low <= c.age_on(j.today) and c.age_on(soon) <= high
    ]
    for attempt in range(40):
        child = rng.choice(children)
        data = _details(j, child, kind)
        codes = rng.choice(NEEDS_FOR[kind])
        providers = _matching(j, child, kind, data, codes)
        demo_ok = not wants_demo or attempt > 30 or any(p.name == DEMO_PROVIDER for p in providers)
        if len(providers) >= 2 + wants_demo and demo_ok:
            break
    j.used.add(child.pk)
    return child, data, [j.needs[code] for code in codes], providers


def _details(j: Journey, child: Child, kind: str) -> dict:
    rng, age = j.rng, child.age_on(j.today)
    emergency = rng.random() < 0.15
    at_school = 5 <= age <= 16
    risks = rng.sample([*RISKS_TO_CHILD, *RISKS_TO_OTHERS], {"foster": 1}.get(kind, 3))
    levels = ("low", "low", "high") if kind != "foster" else ("low",)
    ratio = (
        rng.choices(("standard", "1:1", "2:1"), (60, 30, 10))[0]
        if kind == "residential"
        else ("na" if kind == "foster" else "standard")
    )
    return {
        "search_type": "emergency" if emergency else "planned",
        "latest_start_date": j.today
        + timedelta(days=rng.randint(1, 3) if emergency else rng.randint(7, 42)),
        "siblings_to_place_with": 1 if kind == "foster" and rng.random() < 0.12 else 0,
        "preferred_location": f"Within 10 miles of home in {child.local_authority.name}",
        "family_postcode": child.home_postcode,
        "close_to_family": rng.random() < 0.8,
        "attends_school": "yes" if at_school else "na",
        "school_postcode": child.school_postcode if at_school else "",
        "must_continue_school": at_school and rng.random() < 0.4,
        "important_locations": rng.choice(IMPORTANT),
        "locations_to_avoid": "" if kind == "foster" else rng.choice(AVOID),
        "communication_needs": ["ESOL"] if child.is_uasc else [],
        "cultural_needs": "Halal food; help to attend a mosque" if child.is_uasc else "",
        "live_alongside": rng.choice(("any", "older", "solo")) if kind == "residential" else "any",
        "can_live_with_pets": rng.choice(("yes", "no", "unknown")),
        "foster_suitability": "preferred" if kind == "foster" else "unsuitable",
        "residential_suitability": "preferred" if kind == "residential" else "unsuitable",
        "supported_suitability": "preferred" if kind == "supported" else "unsuitable",
        "adult_ratio": ratio,
        "risks": {name: rng.choice(levels) for name, _ in risks if rng.random() < 0.7},
        "additional_support": ["therapeutic"] if rng.random() < 0.3 else [],
    }


def _matching(j: Journey, child: Child, kind: str, data: dict, codes) -> dict:
    """{provider: [its settings that can take the child]}, as the matching's hard filters."""
    age = child.age_on(data["latest_start_date"])
    found: dict = {}
    for s in j.settings[child.local_authority.region_id]:
        if (
            s.setting_type in TYPES_FOR[kind]
            and s.status == Setting.Status.ACTIVE
            and s.latest_judgement != 4
            and s.age_min <= age <= s.age_max
            and s.sexes in ("mixed", child.sex)
            and (s.takes_uasc or not child.is_uasc)
            and (s.takes_sibling_groups or not data["siblings_to_place_with"])
            and (s.takes_emergencies or data["search_type"] != "emergency")
            and set(codes) <= {n.code for n in s.needs.all()}
        ):
            found.setdefault(s.provider, []).append(s)
    return found


def _send(
    j: Journey,
    who: Who,
    referral: Referral,
    matches: dict,
    stop: str,
    *,
    waiting: bool,
    unmet: bool,
) -> None:
    """Send to 4-7 matching providers (the demo provider first when it matches), then answer:
    2-4 offers, some declines, the rest still to respond; accept one for the later states.
    While ``waiting`` for offers, the demo provider has not answered yet."""
    rng, providers = j.rng, list(matches)
    if not providers:  # nothing matches: the referral stays approved
        return
    rng.shuffle(providers)
    providers.sort(key=lambda p: p.name != DEMO_PROVIDER)
    sent = referral_services.send_to_providers(
        actor=who.commissioner, referral=referral, providers=providers[: rng.randint(4, 7)]
    )
    answering = [d for d in sent if not (waiting and d.provider.name == DEMO_PROVIDER)]
    if stop == R.OFFER_ACCEPTED:  # accepted out of the council's area: it needs approving
        answering.sort(key=lambda d: not _away(matches[d.provider], referral))
    offering = 0 if stop == R.SENT else min(rng.randint(2, 4), len(answering))
    declining = len(answering) if unmet else min(rng.randint(0, 2), len(answering) - offering)
    made = [
        _offer(j, d, matches[d.provider], referral, stop == R.PLACED, away=stop == R.OFFER_ACCEPTED)
        for d in answering[:offering]
    ]
    for d in answering[offering : offering + declining]:
        actor = _provider_actor(j, d.provider)
        offer_services.decline(actor=actor, distribution=d, reason=_pick(rng, DECLINES))
    if made and stop in (R.OFFER_ACCEPTED, R.PLACED):
        placement = offer_services.accept_offer(actor=who.worker, offer=made[0])
        for approval in placement.approvals.order_by("kind") if stop == R.PLACED else ():
            placing.decide_approval(actor=who.manager, approval=approval, approve=True, reason="")


def _away(settings: list[Setting], referral: Referral) -> list[Setting]:
    return [s for s in settings if s.local_authority_id != referral.local_authority_id]


def _offer(j: Journey, distribution, settings, referral: Referral, now: bool, *, away: bool):
    rng, age = j.rng, referral.child.age_on(referral.latest_start_date)
    setting = rng.choice((_away(settings, referral) if away else []) or settings)
    free = [v for v in j.vacancies.get(setting.pk, []) if v.age_min <= age <= v.age_max]
    if free:
        j.vacancies[setting.pk].remove(free[0])
    days = (referral.latest_start_date - j.today).days
    price, extras = _price(rng, setting, referral)
    return offer_services.make_offer(
        actor=_provider_actor(j, distribution.provider),
        distribution=distribution,
        setting=setting,
        vacancy=free[0] if free else None,
        weekly_price=price,
        extras=extras,
        start_date=j.today if now else j.today + timedelta(days=rng.randint(1, max(days, 1))),
        note=rng.choice(NOTES),
    )


def _price(rng: random.Random, setting: Setting, referral: Referral) -> tuple[Decimal, list]:
    need = {"1:1": "enhanced", "2:1": "complex"}.get(referral.adult_ratio, "core")
    if setting.setting_type == "la_fostering":
        return Decimal(rng.randint(450, 650)), []
    low, high = BANDS.get((setting.setting_type, need)) or BANDS[(setting.setting_type, "core")]
    price = round(rng.randint(low, high) * rng.uniform(1.0, 1.15))
    if need == "core" or rng.random() < 0.5:
        return Decimal(price), []
    return Decimal(price), [{"item": "Extra one-to-one staffing, 20 hours", "weekly": 640}]


def _provider_actor(j: Journey, provider) -> User | None:
    return j.provider_user if provider.name == DEMO_PROVIDER else None
