"""The pathfinders' children, their years in care, and home-search referrals in every state.

Deterministic for a seed, as the providers' market (``providers.demo``): every choice comes from
the ``rng`` passed in and rows are visited in the order they were made. The councils'
case-system history (children and their SSDA903 episodes) has no service, so it is bulk-created;
every referral moves through the placements services, as the pages move it. Actors are the demo
users where the demo has one (Bolton's social worker, Salford's team manager, the demo
provider); elsewhere nobody, or the region's commissioner where a service needs someone.

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

from placements.demo.care_history import make_children, make_history, pick
from placements.models import CareEpisode, Child, Referral
from placements.models.choices import RISKS_TO_CHILD, RISKS_TO_OTHERS
from placements.services import offers as offer_services
from placements.services import placements as placing
from placements.services import referrals as referral_services
from providers.demo.data import BANDS, DEMO_PROVIDER, NOTES
from providers.models import NeedCategory, Setting, Vacancy
from rcc.demo.geography import COUNCILS
from rcc.demo.postcodes import Postcodes
from rcc.demo.tenancy import DEMO_DOMAIN
from rcc.models import LocalAuthority, Region, User

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


def seed_journeys(rng: random.Random) -> None:
    """Children, their care histories and referrals of both pathfinders; a no-op once seeded."""
    if Child.objects.exists():
        return
    j = _journey(rng)
    regions = list(Region.objects.filter(pk__in=j.commissioners).order_by("slug"))
    for region in regions:
        children = Child.objects.bulk_create(make_children(j, region), batch_size=500)
        episodes = [e for child in children for e in make_history(j, child)]
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


def _plan(j: Journey, region: Region) -> list[tuple[LocalAuthority, str, str]]:
    left, plan = Counter(STATUS_MIX), []
    for name, status, kind in DEMO_PLAN:
        if j.councils[name].region_id == region.pk:
            plan.append((j.councils[name], status, kind))
            left[status] -= 1
    councils = [la for la in j.councils.values() if la.region_id == region.pk]
    sizes = [COUNCILS[la.name][-1] for la in councils]
    for status in [s for s in STATUS_MIX for _ in range(max(left[s], 0))]:
        plan.append((j.rng.choices(councils, sizes)[0], status, pick(j.rng, KINDS)))
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
        offer_services.decline(actor=actor, distribution=d, reason=pick(rng, DECLINES))
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
