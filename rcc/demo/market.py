"""The market of the two pathfinder regions: providers, settings, frameworks, vacancies, prices.

Deterministic for a seed: every choice comes from the ``rng`` passed in and rows are visited
in the order they were made (never by ``public_id``). State changes go through the providers
services, as a page would make them; only what has no service yet is bulk-created: Ofsted's
inspection history and the councils' current placements.

Figures follow DOMAIN.md: about 84% of children's homes private, a few large groups, children's
home places around £6,100 a week (complex ones far more), independent fostering about £900.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from placements.models import Placement
from providers.models import (
    Application,
    Framework,
    Lot,
    NeedCategory,
    NeedLevel,
    OfstedInspection,
    ProviderGroup,
    ProviderOrganisation,
    Setting,
    Sexes,
    Vacancy,
)
from providers.services import frameworks, oversight, register, vacancies
from rcc.demo.market_data import (
    BANDS,
    COUNCIL,
    COUNCILS,
    DEMO_HOMES,
    DEMO_PROVIDER,
    FATES,
    FRAMEWORK_CHANCE,
    KINDS,
    LOT_TITLES,
    LOTS,
    NOTES,
    PLACEMENT_MIX,
    PLACEMENTS,
    PLAN,
    PREMIUMS,  # noqa: F401 (bench/providers.py imports it from here)
    PROFILES,
    PROVIDERS,
    REFUSALS,
    REGIONS,
    SECURE_HOMES,
    STREETS,
    VACANCIES,
    VOLUNTARY,
    WORDS,
    Postcodes,
    T,
    demo_outcome,
    draw_outcome,
    draw_sexes,
    inspection_history,
    spot_price,
)
from rcc.demo.tenancy import DEMO_DOMAIN
from rcc.models import LocalAuthority, Region, User


@dataclass
class Org:
    provider: ProviderOrganisation
    kinds: str
    regions: tuple[str, ...]
    weight: int
    council: LocalAuthority | None = None


@dataclass
class Market:
    rng: random.Random
    today: date
    councils: dict[str, LocalAuthority]
    commissioners: dict[int, User]  # by region id
    demo_user: User
    needs: dict[str, NeedCategory]
    urns: list[str]
    settings: list[Setting] = field(default_factory=list)
    setting_needs: dict[int, list[NeedCategory]] = field(default_factory=dict)
    inspections: list[OfstedInspection] = field(default_factory=list)
    names: set[str] = field(default_factory=set)
    lots: dict[tuple[int, str, str], Lot] = field(default_factory=dict)
    rates: dict[tuple[int, int], int] = field(default_factory=dict)  # (lot, provider): £ a week
    postcodes: Postcodes = field(default_factory=Postcodes)

    def actor_for(self, provider: ProviderOrganisation) -> User | None:
        """Provider actions are the demo provider user's for that provider, else nobody's."""
        return self.demo_user if provider.name == DEMO_PROVIDER else None


def seed_market(rng: random.Random, *, scale: str) -> None:
    """The pathfinders' market (at either scale; bench/providers.py adds national volumes).

    A no-op when a framework exists already, so seeding again changes nothing.
    """
    if Framework.objects.exists():
        return
    market = _market(rng)
    orgs = _providers(market)
    _register(market, orgs)
    for region in Region.objects.filter(slug__in=REGIONS.values()).order_by("slug"):
        _framework(market, region)
    _vacancies(market)
    _returns(market, orgs)
    Placement.objects.bulk_create(_placements(market))


def _market(rng: random.Random) -> Market:
    councils = LocalAuthority.objects.select_related("region").filter(name__in=COUNCILS)
    commissioners = {}
    for key in REGIONS:
        user = User.objects.get(email=f"commissioner.{key.lower()}@{DEMO_DOMAIN}")
        commissioners[user.memberships.get().region_id] = user
    return Market(
        rng=rng,
        today=timezone.localdate(),
        councils={la.name: la for la in councils.order_by("name")},
        commissioners=commissioners,
        demo_user=User.objects.get(email=f"provider@{DEMO_DOMAIN}"),
        needs={n.code: n for n in NeedCategory.objects.order_by("code")},
        urns=[f"SC{n}" for n in rng.sample(range(100_000, 900_000), 400)],
    )


# The register ------------------------------------------------------------------------
def _providers(m: Market) -> list[Org]:
    orgs = []
    for name, group, sector, kinds, regions, weight in PROVIDERS:
        owner = ProviderGroup.objects.get_or_create(name=group)[0] if group else None
        provider = register.create_provider(
            actor=None,
            name=name,
            sector=sector,
            group=owner,
            companies_house_number=f"{m.rng.randint(1_000_000, 15_999_999):08d}",
            ofsted_provider_urn=m.urns.pop(),
        )
        orgs.append(Org(provider, kinds, tuple(REGIONS[r] for r in regions.split()), weight))
    for la_name, (org_name, *_, size) in COUNCILS.items():
        provider = register.create_provider(actor=None, name=org_name, sector=COUNCIL)
        kinds = "HLX" if la_name in SECURE_HOMES else "HL"
        orgs.append(Org(provider, kinds, (), size, m.councils[la_name]))
    return orgs


def _register(m: Market, orgs: list[Org]) -> None:
    demo = ProviderOrganisation.objects.get(name=DEMO_PROVIDER)
    for name, council in DEMO_HOMES:
        _setting(m, demo, T.CHILDRENS_HOME, m.councils[council], name=name, good=True)
    for kind, sector, count, one_each in PLAN:
        pool = [o for o in orgs if kind in o.kinds and sector in (None, o.provider.sector)]
        picks = list(pool) if one_each else []
        picks += m.rng.choices(pool, weights=[o.weight for o in pool], k=count - len(picks))
        for org in picks:
            _setting(m, org.provider, KINDS[kind], org.council or _council_for(m, org))
    OfstedInspection.objects.bulk_create(m.inspections)
    inadequate = [s for s in m.settings if s.latest_judgement == 4]
    for setting in inadequate[:2]:
        register.suspend_setting(
            actor=m.commissioners[setting.local_authority.region_id],
            setting=setting,
            reason=f"Judged inadequate by Ofsted on {_day(setting.latest_inspection_on)}: "
            "no new referrals until a monitoring visit finds the home safe.",
        )


def _day(on: date) -> str:
    return f"{on.day} {on:%B %Y}"


def _council_for(m: Market, org: Org) -> LocalAuthority:
    slug = m.rng.choice(org.regions)
    councils = [la for la in m.councils.values() if la.region.slug == slug]
    return m.rng.choices(councils, weights=[COUNCILS[la.name][-1] for la in councils])[0]


def _setting(
    m: Market,
    provider: ProviderOrganisation,
    setting_type: str,
    council: LocalAuthority,
    *,
    name: str = "",
    good: bool = False,
) -> None:
    rng, profile = m.rng, PROFILES[setting_type]
    _, lat, lon, spread, _, _ = COUNCILS[council.name]
    history = inspection_history(rng, m.today, rng.choice(profile.inspections), good)
    age_min, age_max = rng.choice(profile.ages)
    emergencies, parent_and_child, siblings, uasc = profile.flags
    data = {
        "name": name or _name(m, provider, setting_type, council),
        "urn": None if setting_type == T.LA_FOSTERING else m.urns.pop(),
        "setting_type": setting_type,
        "address": f"{rng.randint(1, 180)} {rng.choice(WORDS)} {rng.choice(STREETS)}",
        "postcode": m.postcodes.pick(rng, council.name, council.gss_code),
        "latitude": round(lat + rng.uniform(-spread, spread), 5),
        "longitude": round(lon + rng.uniform(-spread, spread) * 1.6, 5),
        "local_authority": council,
        "registered_places": rng.choice(profile.places),
        "age_min": age_min,
        "age_max": age_max,
        "sexes": draw_sexes(rng) if setting_type == T.CHILDRENS_HOME else Sexes.MIXED,
        "takes_emergencies": rng.random() < emergencies,
        "takes_parent_and_child": rng.random() < parent_and_child,
        "takes_sibling_groups": rng.random() < siblings,
        "takes_uasc": rng.random() < uasc,
        "latest_judgement": history[0][1] if history else None,
        "latest_inspection_on": history[0][0] if history else None,
    }
    needs = _needs(m, profile.needs.split())
    actor = m.commissioners[council.region_id]
    setting = register.create_setting(actor=actor, provider=provider, data=data, needs=needs)
    m.settings.append(setting)
    m.setting_needs[setting.pk] = needs
    m.inspections += [
        OfstedInspection(setting=setting, inspected_on=on, overall_judgement=judgement)
        for on, judgement in history
    ]


def _name(
    m: Market, provider: ProviderOrganisation, setting_type: str, council: LocalAuthority
) -> str:
    if setting_type == T.LA_FOSTERING:
        return f"{council.name} Fostering Service"
    if setting_type == T.IFA:
        base = f"{provider.name.removesuffix(' Ltd')}, {council.name} office"
        candidates = [base] + [f"{base} {n}" for n in range(2, 10)]
        name = next(c for c in candidates if c not in m.names)
    else:
        suffixes = PROFILES[setting_type].suffixes
        name = f"{m.rng.choice(WORDS)} {m.rng.choice(suffixes)}"
        while name in m.names:
            name = f"{m.rng.choice(WORDS)} {m.rng.choice(suffixes)}"
    m.names.add(name)
    return name


def _needs(m: Market, codes: list[str]) -> list[NeedCategory]:
    usual, others = codes[0], codes[1:]
    chosen = m.rng.sample(others, m.rng.choice((0, 0, 1, 1, 2)))
    if m.rng.random() < 0.9 or not chosen:
        chosen.insert(0, usual)
    return [m.needs[code] for code in chosen]


# Frameworks ---------------------------------------------------------------------------
def _framework(m: Market, region: Region) -> None:
    actor = m.commissioners[region.pk]
    starts_on = m.today - timedelta(days=270)
    framework = frameworks.create_framework(
        actor=actor,
        region=region,
        name=f"{region.name} children's placements DPS",
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=4 * 365),
    )
    for setting_type, need, _ in LOTS:
        m.lots[(region.pk, setting_type, need)] = frameworks.add_lot(
            actor=actor,
            framework=framework,
            name=f"{region.name} {LOT_TITLES[setting_type]}, {NeedLevel(need).label.lower()}",
            placement_type=setting_type,
            need_level=need,
        )
    frameworks.open_round(
        actor=actor,
        framework=framework,
        opens_on=m.today - timedelta(days=42),
        closes_on=m.today + timedelta(days=49),
    )
    for provider, lot, outcome in _bids(m, region):
        _apply(m, provider, lot, outcome)


def _bids(m: Market, region: Region) -> Iterator[tuple[ProviderOrganisation, Lot, str]]:
    """(provider, lot, outcome) for each provider with a setting of the lot's type in region."""
    offered: dict[int, set[str]] = defaultdict(set)
    providers: dict[int, ProviderOrganisation] = {}
    for s in m.settings:
        if s.local_authority.region_id == region.pk and s.provider.sector != COUNCIL:
            offered[s.provider_id].add(s.setting_type)
            providers.setdefault(s.provider_id, s.provider)
    for provider_id, provider in providers.items():
        for setting_type, need, chance in LOTS:
            if setting_type not in offered[provider_id]:
                continue
            if provider.name == DEMO_PROVIDER:
                # Admitted to core and enhanced; its complex bid waits for a decision.
                yield provider, m.lots[(region.pk, setting_type, need)], demo_outcome(need)
            elif m.rng.random() < chance:
                yield provider, m.lots[(region.pk, setting_type, need)], draw_outcome(m.rng)


def _apply(m: Market, provider: ProviderOrganisation, lot: Lot, outcome: str) -> None:
    rng, commissioner = m.rng, m.commissioners[lot.framework.region_id]
    price = rng.randint(*BANDS[(lot.placement_type, lot.need_level)])
    application = frameworks.apply_to_lot(
        actor=m.actor_for(provider),
        provider=provider,
        lot=lot,
        proposed_weekly_price=Decimal(price),
        statement=f"{provider.name} offers {lot.name.lower()} at £{price:,} a week.",
    )
    for step in _steps(outcome):
        reason = rng.choice(REFUSALS) if step == Application.Status.REFUSED else ""
        frameworks.decide_application(
            actor=commissioner, application=application, to=step, reason=reason
        )
    if outcome == Application.Status.ADMITTED:
        rate = round(price * rng.uniform(0.95, 1.0))
        frameworks.set_rate(
            actor=commissioner,
            lot=lot,
            provider=provider,
            need_level=lot.need_level,
            weekly_price=Decimal(rate),
            valid_from=lot.framework.starts_on,
        )
        m.rates[(lot.pk, provider.pk)] = rate


def _steps(outcome: str) -> list[str]:
    if outcome == Application.Status.SUBMITTED:
        return []
    if outcome == Application.Status.UNDER_EVALUATION:
        return [outcome]
    return [Application.Status.UNDER_EVALUATION, outcome]


# Vacancies and financial returns -----------------------------------------------------
def _vacancies(m: Market) -> None:
    eligible = [s for s in m.settings if s.status == Setting.Status.ACTIVE and s.urn is not None]
    demo = [s for s in eligible if s.provider.name == DEMO_PROVIDER][:2]
    others = m.rng.sample([s for s in eligible if s not in demo], VACANCIES - len(demo))
    fates = ["open", *m.rng.choices(FATES, weights=(75, 10, 8, 7), k=VACANCIES - 1)]
    for index, (setting, fate) in enumerate(zip(demo + others, fates, strict=True)):
        vacancy = _report(m, setting)
        commissioner = m.commissioners[setting.local_authority.region_id]
        if fate in ("held", "filled"):
            reference = f"OFFER-{index + 1:05d}"
            vacancies.hold_vacancy(actor=commissioner, vacancy=vacancy, reference=reference)
            if fate == "filled":
                vacancies.fill_vacancy(actor=commissioner, vacancy=vacancy, reference=reference)
        elif fate == "withdrawn":
            reason = "The place was filled by a child from outside the region."
            vacancies.withdraw_vacancy(
                actor=m.actor_for(setting.provider), vacancy=vacancy, reason=reason
            )


def _report(m: Market, setting: Setting) -> Vacancy:
    rng = m.rng
    available_from = m.today + timedelta(days=rng.randint(-14, 45))
    until = available_from + timedelta(days=rng.randint(28, 120))
    age_min = setting.age_min
    if setting.age_max - age_min > 4 and rng.random() < 0.4:
        age_min = rng.randint(age_min, setting.age_max - 3)
    needs = m.setting_needs[setting.pk]
    return vacancies.report_vacancy(
        actor=m.actor_for(setting.provider),
        setting=setting,
        places=min(rng.choice((1, 1, 1, 1, 2, 3)), setting.registered_places),
        available_from=available_from,
        available_until=until if rng.random() < 0.4 else None,
        age_min=age_min,
        age_max=setting.age_max,
        needs=rng.sample(needs, rng.randint(1, len(needs))),
        note=rng.choice(NOTES),
    )


def _returns(m: Market, orgs: list[Org]) -> None:
    """Large groups file group-wide returns; some independents and the demo provider their own."""
    rng, year, groups = m.rng, m.today.year, set()
    for org in orgs:
        provider = org.provider
        if provider.group_id and provider.group_id not in groups:
            groups.add(provider.group_id)
            for y in (year - 1, year - 2):
                _return(m, provider, y, rng.randint(40, 260) * 1_000_000, (0.14, 0.25), True)
        elif not provider.group_id and provider.sector != COUNCIL and rng.random() < 0.4:
            low, high = (0.05, 0.08) if provider.sector == VOLUNTARY else (0.06, 0.2)
            _return(m, provider, year - 1, rng.randint(1_500, 18_000) * 1000, (low, high), False)
    demo = ProviderOrganisation.objects.get(name=DEMO_PROVIDER)
    for y in (year - 1, year - 2):
        _return(m, demo, y, rng.randint(6_000, 9_000) * 1000, (0.09, 0.14), False)


def _return(
    m: Market,
    provider: ProviderOrganisation,
    year: int,
    turnover: int,
    margins: tuple[float, float],
    group: bool,
) -> None:
    profit = round(turnover * m.rng.uniform(*margins))
    oversight.submit_financial_return(
        actor=m.actor_for(provider),
        provider=provider,
        year=year,
        turnover=Decimal(turnover),
        operating_profit=Decimal(profit),
        ebitda=Decimal(profit + round(turnover * m.rng.uniform(0.02, 0.06))),
        is_group_return=group,
    )


# Placements ---------------------------------------------------------------------------
def _placements(m: Market) -> list[Placement]:
    placed = [s for s in m.settings if s.setting_type != T.LA_FOSTERING]
    by_segment: dict[tuple[int, str], list[Setting]] = defaultdict(list)
    for s in placed:
        by_segment[(s.local_authority.region_id, s.setting_type)].append(s)
    councils = list(m.councils.values())
    sizes = [COUNCILS[la.name][-1] for la in councils]
    types = list(PLACEMENT_MIX)
    rows = []
    for council in m.rng.choices(councils, weights=sizes, k=PLACEMENTS):
        setting_type = m.rng.choices(types, weights=[PLACEMENT_MIX[t][0] for t in types])[0]
        levels = PLACEMENT_MIX[setting_type][1]
        need = m.rng.choices(list(levels), weights=list(levels.values()))[0]
        # No such setting in the region: the child is placed out of the region.
        options = by_segment[(council.region_id, setting_type)] or [
            s for s in placed if s.setting_type == setting_type
        ]
        rows.append(_placement(m, council, setting_type, need, options))
    return rows


def _placement(
    m: Market, council: LocalAuthority, setting_type: str, need: str, options: list[Setting]
) -> Placement:
    rng = m.rng
    lot = m.lots.get((council.region_id, setting_type, need))
    admitted = [s for s in options if lot and (lot.pk, s.provider_id) in m.rates]
    framework = bool(admitted) and rng.random() < FRAMEWORK_CHANCE
    setting = _nearby(rng, council, admitted if framework else options)
    if framework:
        extra = rng.choice((1, 1, 1, 1.05, 1.1, 1.15))  # some buy extra one-to-one hours
        cost, start = m.rates[(lot.pk, setting.provider_id)] * extra, rng.randint(7, 260)
    else:
        cost, start = spot_price(rng, setting_type, need), rng.randint(7, 1000)
    return Placement(
        local_authority=council,
        setting=setting,
        provider_id=setting.provider_id,
        lot=lot if framework else None,
        placement_type=setting_type,
        need_level=need,
        route=Placement.Route.FRAMEWORK if framework else Placement.Route.SPOT,
        agreed_weekly_cost=Decimal(round(cost)),
        start_date=m.today - timedelta(days=start),
        miles_from_home=_miles_from_home(council, setting, start),
    )


def _miles_from_home(council: LocalAuthority, setting: Setting, start: int) -> float:
    """A plausible distance for a placement with no child record to measure from.

    Drawn from its own generator, seeded by the placement, so the rest of the market's
    random sequence (and every figure built on it) is unchanged.
    """
    rng = random.Random(f"miles-{council.pk}-{setting.pk}-{start}")
    if setting.local_authority_id == council.pk:
        return round(rng.uniform(0.5, 12), 1)
    if setting.local_authority.region_id == council.region_id:
        return round(rng.triangular(4, 45, 14), 1)
    return round(rng.uniform(35, 220), 1)


def _nearby(rng: random.Random, council: LocalAuthority, options: list[Setting]) -> Setting:
    """Nearly half of children are placed inside their own council; the rest elsewhere."""
    local = [s for s in options if s.local_authority_id == council.pk]
    return rng.choice(local if local and rng.random() < 0.45 else options)
