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
    Sector,
    Setting,
    SettingType,
    Sexes,
    Vacancy,
)
from providers.services import frameworks, oversight, register, vacancies
from rcc.demo.tenancy import DEMO_DOMAIN
from rcc.models import LocalAuthority, Region, User

T = SettingType
CORE, ENHANCED, COMPLEX = NeedLevel.CORE, NeedLevel.ENHANCED, NeedLevel.COMPLEX
PRIVATE, VOLUNTARY, COUNCIL = Sector.PRIVATE, Sector.VOLUNTARY, Sector.LOCAL_AUTHORITY
REGIONS = {"GM": "greater-manchester", "SE": "south-east"}

# council: (the council as a provider, latitude, longitude, spread in degrees, outcodes, size)
COUNCILS = {
    "Bolton": ("Bolton Council", 53.578, -2.429, 0.04, "BL1 BL2 BL3 BL4 BL5 BL6 BL7", 3),
    "Bury": ("Bury Council", 53.593, -2.298, 0.04, "BL0 BL8 BL9 M25 M26 M45", 2),
    "Manchester": ("Manchester City Council", 53.47, -2.24, 0.05, "M8 M9 M11 M13 M14 M22 M40", 6),
    "Oldham": ("Oldham Council", 53.541, -2.118, 0.04, "OL1 OL2 OL4 OL8 OL9 M35", 3),
    "Rochdale": ("Rochdale Borough Council", 53.616, -2.155, 0.04, "OL10 OL11 OL12 OL16 M24", 3),
    "Salford": ("Salford City Council", 53.5, -2.33, 0.04, "M5 M6 M7 M27 M28 M30 M44", 3),
    "Stockport": ("Stockport Council", 53.408, -2.149, 0.04, "SK1 SK2 SK3 SK4 SK5 SK6 SK7", 2),
    "Tameside": ("Tameside Council", 53.48, -2.08, 0.04, "OL5 OL6 OL7 SK14 SK15 SK16 M34", 3),
    "Trafford": ("Trafford Council", 53.43, -2.33, 0.04, "M31 M32 M33 M41 WA14 WA15", 2),
    "Wigan": ("Wigan Council", 53.53, -2.6, 0.05, "WN1 WN2 WN3 WN4 WN5 WN6 WN7 M29", 3),
    "Bracknell Forest": ("Bracknell Forest Council", 51.41, -0.75, 0.03, "RG12 RG42 RG45", 1),
    "Brighton and Hove": ("Brighton & Hove City Council", 50.84, -0.15, 0.03, "BN1 BN2 BN3", 3),
    "Buckinghamshire": ("Buckinghamshire Council", 51.75, -0.8, 0.15, "HP11 HP13 HP19 SL7", 3),
    "East Sussex": ("East Sussex County Council", 50.9, 0.25, 0.12, "BN7 BN21 TN22 TN34", 4),
    "Hampshire": ("Hampshire County Council", 51.05, -1.2, 0.2, "GU14 PO7 RG21 SO23 SP10", 6),
    "Isle of Wight": ("Isle of Wight Council", 50.68, -1.3, 0.06, "PO30 PO31 PO33 PO36", 1),
    "Kent": ("Kent County Council", 51.23, 0.7, 0.25, "CT1 CT9 DA11 ME14 ME15 TN23 TN24", 8),
    "Medway": ("Medway Council", 51.38, 0.53, 0.04, "ME1 ME2 ME4 ME5 ME7 ME8", 3),
    "Milton Keynes": ("Milton Keynes City Council", 52.04, -0.76, 0.05, "MK2 MK3 MK6 MK9", 2),
    "Oxfordshire": ("Oxfordshire County Council", 51.78, -1.3, 0.18, "OX1 OX4 OX14 OX16", 4),
    "Portsmouth": ("Portsmouth City Council", 50.81, -1.08, 0.025, "PO1 PO2 PO3 PO4 PO6", 2),
    "Reading": ("Reading Borough Council", 51.455, -0.97, 0.02, "RG1 RG2 RG4 RG30", 2),
    "Slough": ("Slough Borough Council", 51.51, -0.59, 0.02, "SL1 SL2 SL3", 2),
    "Southampton": ("Southampton City Council", 50.91, -1.4, 0.03, "SO14 SO15 SO16 SO19", 3),
    "Surrey": ("Surrey County Council", 51.25, -0.4, 0.15, "GU1 GU21 KT12 KT22 RH1 TW18", 5),
    "West Berkshire": ("West Berkshire Council", 51.42, -1.3, 0.08, "RG7 RG14 RG18 RG20", 1),
    "West Sussex": ("West Sussex County Council", 50.95, -0.45, 0.15, "BN11 PO19 RH12 RH16", 5),
    "Windsor and Maidenhead": (
        "Royal Borough of Windsor and Maidenhead",
        51.49,
        -0.66,
        0.04,
        "SL4 SL5 SL6",
        1,
    ),
    "Wokingham": ("Wokingham Borough Council", 51.41, -0.86, 0.04, "RG5 RG6 RG40 RG41", 1),
}
SECURE_HOMES = ("Salford", "Hampshire", "Kent")

# (name, group, sector, kinds, regions, weight). Kinds: H children's home, F fostering agency,
# S supported accommodation, R residential special school (X secure home, L council fostering).
PROVIDERS = [
    ("Stonebridge Children's Homes Ltd", "Stonebridge Care Group", PRIVATE, "H", "GM SE", 9),
    ("Stonebridge Fostering Ltd", "Stonebridge Care Group", PRIVATE, "F", "GM SE", 3),
    ("Stonebridge Education Ltd", "Stonebridge Care Group", PRIVATE, "R", "SE", 2),
    ("Larchwood Residential Ltd", "Larchwood Group", PRIVATE, "H", "GM SE", 8),
    ("Larchwood Pathways Ltd", "Larchwood Group", PRIVATE, "S", "GM SE", 3),
    ("Larchwood Fostering Ltd", "Larchwood Group", PRIVATE, "F", "GM", 2),
    ("Meridian Young People's Services Ltd", "Meridian Youth Care Holdings", PRIVATE, "H", "GM", 7),
    ("Meridian Specialist Care Ltd", "Meridian Youth Care Holdings", PRIVATE, "HR", "GM SE", 4),
    ("Amberfield Care (North) Ltd", "Amberfield Holdings", PRIVATE, "H", "GM", 5),
    ("Amberfield Care (South) Ltd", "Amberfield Holdings", PRIVATE, "H", "SE", 6),
    ("Amberfield Family Placements Ltd", "Amberfield Holdings", PRIVATE, "F", "GM SE", 3),
    ("Kestrel Therapeutic Care Ltd", "Kestrel Family Services Group", PRIVATE, "H", "SE", 5),
    ("Kestrel Supported Living Ltd", "Kestrel Family Services Group", PRIVATE, "S", "SE", 3),
    ("Moorside Care Ltd", "", PRIVATE, "H", "GM", 3),
    ("Irwell Valley Homes for Children Ltd", "", PRIVATE, "H", "GM", 2),
    ("Brookfield Residential Care Ltd", "", PRIVATE, "H", "GM", 2),
    ("Red Rose Children's Services Ltd", "", PRIVATE, "H", "GM", 2),
    ("Saddleworth Care Ltd", "", PRIVATE, "H", "GM", 1),
    ("Northern Lights Care Ltd", "", PRIVATE, "HS", "GM", 2),
    ("Millbrook Therapeutic Homes Ltd", "", PRIVATE, "H", "GM", 2),
    ("Weald Children's Homes Ltd", "", PRIVATE, "H", "SE", 3),
    ("Downsview Care Ltd", "", PRIVATE, "H", "SE", 2),
    ("Solent Young People's Homes Ltd", "", PRIVATE, "H", "SE", 2),
    ("Chiltern Residential Care Ltd", "", PRIVATE, "H", "SE", 2),
    ("Thames Valley Therapeutic Care Ltd", "", PRIVATE, "H", "SE", 2),
    ("Medway Crossings Care Ltd", "", PRIVATE, "HS", "SE", 2),
    ("Harbourside Homes Ltd", "", PRIVATE, "H", "SE", 1),
    ("Foxglove Fostering Ltd", "", PRIVATE, "F", "GM", 2),
    ("Clearwater Fostering Ltd", "", PRIVATE, "F", "SE", 2),
    ("Brightstep Fostering Ltd", "", PRIVATE, "F", "GM SE", 2),
    ("Next Chapter Supported Living Ltd", "", PRIVATE, "S", "GM", 2),
    ("Keystone Housing Support Ltd", "", PRIVATE, "S", "SE", 2),
    ("The Harbour Children's Trust", "", VOLUNTARY, "HF", "GM SE", 2),
    ("St Aldhelm's Children's Society", "", VOLUNTARY, "HR", "SE", 2),
    ("Northern Families Fostering", "", VOLUNTARY, "F", "GM", 2),
    ("Southern Counties Fostering Trust", "", VOLUNTARY, "F", "SE", 2),
    ("Open Door Youth Housing", "", VOLUNTARY, "S", "GM SE", 3),
    ("Lighthouse Young People's Trust", "", VOLUNTARY, "HS", "GM", 1),
    ("Oakwood Schools Trust", "", VOLUNTARY, "R", "GM SE", 2),
]
DEMO_PROVIDER = "Pennine Children's Homes Ltd"
DEMO_HOMES = [
    ("Moorcroft House", "Oldham"),
    ("Healey Dell Lodge", "Rochdale"),
    ("Hartshead View", "Tameside"),
    ("Holcombe Brook House", "Bury"),
]

# (kind, sector of the providers, settings, one for each provider before the rest by weight)
PLAN = [
    ("H", PRIVATE, 160, True),  # with the demo provider's 4: 164 of 194 homes private (84.5%)
    ("H", VOLUNTARY, 12, True),
    ("H", COUNCIL, 18, False),
    ("F", None, 30, True),
    ("S", None, 40, True),
    ("R", None, 8, True),
    ("X", COUNCIL, len(SECURE_HOMES), True),
    ("L", COUNCIL, len(COUNCILS), True),
]
KINDS = {"H": T.CHILDRENS_HOME, "F": T.IFA, "S": T.SUPPORTED, "X": T.SECURE,
         "R": T.RESIDENTIAL_SCHOOL, "L": T.LA_FOSTERING}  # fmt: skip


@dataclass(frozen=True)
class Profile:
    places: tuple[int, ...]
    ages: tuple[tuple[int, int], ...]
    needs: str  # need category codes; the first is the usual one
    flags: tuple[float, float, float, float]  # emergencies, parent and child, siblings, UASC
    inspections: tuple[int, ...]
    suffixes: tuple[str, ...] = ()


PROFILES = {
    T.CHILDRENS_HOME: Profile((1, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6),
                              ((7, 17), (8, 17), (10, 17), (11, 17), (12, 17), (13, 17)),
                              "EBD LD MH PD SI DA", (0.25, 0, 0.2, 0.15), (1, 2, 3, 3),
                              ("House", "Lodge", "View", "Cottage", "Grange", "Farm")),
    T.IFA: Profile(tuple(range(20, 121, 5)), ((0, 17),), "EBD LD PD", (0.6, 0.4, 0.9, 0.4),
                   (1, 2, 3)),
    T.SUPPORTED: Profile(tuple(range(4, 25)), ((16, 17),), "EBD MH DA", (0.4, 0.2, 0.1, 0.6),
                         (0, 1, 1), ("Court", "Place", "Mews", "Gardens")),
    T.SECURE: Profile((8, 10, 12, 16), ((10, 17),), "EBD MH DA", (1, 0, 0, 0.2), (2, 3),
                      ("Secure Children's Home",)),
    T.RESIDENTIAL_SCHOOL: Profile(tuple(range(12, 61, 4)), ((7, 19), (8, 19), (11, 19)),
                                  "LD PD SI EBD", (0, 0, 0.1, 0), (1, 2, 3),
                                  ("School", "College")),
    T.LA_FOSTERING: Profile(tuple(range(80, 501, 10)), ((0, 17),), "EBD LD PD",
                            (0.9, 0.5, 0.9, 0.6), (0,)),
}  # fmt: skip
WORDS = (  # noqa: SIM905 (70 words read better as prose than as 70 literals)
    "Ash Beech Birch Bramble Briar Brook Cedar Clover Copper Elm Fern Foxley Glen Hawthorn Hazel "
    "Heather Holly Ivy Juniper Lark Laurel Linden Maple Meadow Mill Moor Oak Orchard Pine Poplar "
    "Primrose Rowan Sorrel Spring Stone Sycamore Thistle Willow Wren Yew Bluebell Bracken Chestnut "
    "Clough Dale Fell Greenacre Highfield Holme Kingsley Langley Mayfield Newlands Oakridge Ridge "
    "Riverside Rosedale Sandford Southview Summerhill Thornbury Westbury Whitegate Woodlands "
    "Ashdown Beacon Coppice Elmfield Fairview Hillcrest Longacre"
).split()
STREETS = ("Road", "Lane", "Close", "Avenue", "Street", "Drive", "Way")
LETTERS = "ABDEFGHJLNPQRSTUWXYZ"

LOTS = [(T.CHILDRENS_HOME, CORE, 0.85), (T.CHILDRENS_HOME, ENHANCED, 0.7),
        (T.CHILDRENS_HOME, COMPLEX, 0.35), (T.IFA, CORE, 0.95), (T.IFA, ENHANCED, 0.6),
        (T.SUPPORTED, CORE, 0.95)]  # fmt: skip
LOT_TITLES = {T.CHILDRENS_HOME: "children's homes", T.IFA: "independent fostering",
              T.SUPPORTED: "supported accommodation"}  # fmt: skip
# Framework weekly prices in whole pounds; spot purchases pay a premium on top (PREMIUMS).
BANDS = {
    (T.CHILDRENS_HOME, CORE): (4500, 5600), (T.CHILDRENS_HOME, ENHANCED): (6500, 8000),
    (T.CHILDRENS_HOME, COMPLEX): (9000, 12500), (T.IFA, CORE): (800, 900),
    (T.IFA, ENHANCED): (920, 1000), (T.SUPPORTED, CORE): (1500, 2200),
    (T.SUPPORTED, ENHANCED): (2200, 2800), (T.SECURE, COMPLEX): (7500, 10500),
    (T.RESIDENTIAL_SCHOOL, ENHANCED): (4500, 6500), (T.RESIDENTIAL_SCHOOL, COMPLEX): (6500, 9000),
}  # fmt: skip
PREMIUMS = {T.CHILDRENS_HOME: (1.08, 1.28), T.IFA: (1.04, 1.12), T.SUPPORTED: (1.05, 1.2)}
# Placement type and need level mix of the councils' current placements.
PLACEMENT_MIX = {
    T.CHILDRENS_HOME: (0.52, {CORE: 0.62, ENHANCED: 0.26, COMPLEX: 0.12}),
    T.IFA: (0.32, {CORE: 0.7, ENHANCED: 0.3}),
    T.SUPPORTED: (0.1, {CORE: 0.85, ENHANCED: 0.15}),
    T.RESIDENTIAL_SCHOOL: (0.04, {ENHANCED: 0.5, COMPLEX: 0.5}),
    T.SECURE: (0.02, {COMPLEX: 1}),
}
PLACEMENTS = 400
FRAMEWORK_CHANCE = 0.72  # of a placement in a segment with a lot: about 65% of all placements
VACANCIES = 150
FATES = ("open", "held", "withdrawn", "filled")
REFUSALS = (
    "The latest Ofsted judgement is below the lot's quality threshold.",
    "The price is outside the lot's band and the application does not justify it.",
    "The safeguarding policy evidence was incomplete.",
    "The financial standing check did not meet the framework's minimum.",
)
NOTES = ("", "", "", "Ground-floor bedroom.", "Suits a young person who needs a quieter home.",
         "Solo placement considered.", "Close to a bus route to the local college.",
         "Sibling pair considered.")  # fmt: skip


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
    _, lat, lon, spread, outcodes, _ = COUNCILS[council.name]
    history = _inspection_history(m, rng.choice(profile.inspections), good)
    age_min, age_max = rng.choice(profile.ages)
    emergencies, parent_and_child, siblings, uasc = profile.flags
    data = {
        "name": name or _name(m, provider, setting_type, council),
        "urn": None if setting_type == T.LA_FOSTERING else m.urns.pop(),
        "setting_type": setting_type,
        "address": f"{rng.randint(1, 180)} {rng.choice(WORDS)} {rng.choice(STREETS)}",
        "postcode": f"{rng.choice(outcodes.split())} {rng.randint(1, 9)}"
        + "".join(rng.choices(LETTERS, k=2)),
        "latitude": round(lat + rng.uniform(-spread, spread), 5),
        "longitude": round(lon + rng.uniform(-spread, spread) * 1.6, 5),
        "local_authority": council,
        "registered_places": rng.choice(profile.places),
        "age_min": age_min,
        "age_max": age_max,
        "sexes": _sexes(rng) if setting_type == T.CHILDRENS_HOME else Sexes.MIXED,
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


def _sexes(rng: random.Random) -> str:
    return rng.choices([Sexes.MIXED, Sexes.MALE, Sexes.FEMALE], weights=[85, 8, 7])[0]


def _needs(m: Market, codes: list[str]) -> list[NeedCategory]:
    usual, others = codes[0], codes[1:]
    chosen = m.rng.sample(others, m.rng.choice((0, 0, 1, 1, 2)))
    if m.rng.random() < 0.9 or not chosen:
        chosen.insert(0, usual)
    return [m.needs[code] for code in chosen]


def _inspection_history(m: Market, count: int, good: bool) -> list[tuple[date, int]]:
    """Newest first: the newest within the last 18 months, each earlier 6 to 13 months before."""
    rng, history = m.rng, []
    on = m.today - timedelta(days=rng.randint(30, 540))
    for _ in range(count):
        judgement = rng.choices((1, 2, 3, 4), weights=(16, 64, 15, 5))[0]
        history.append((on, min(judgement, 2) if good else judgement))
        on -= timedelta(days=rng.randint(180, 400))
    return history


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
                yield provider, m.lots[(region.pk, setting_type, need)], _demo_outcome(need)
            elif m.rng.random() < chance:
                yield provider, m.lots[(region.pk, setting_type, need)], _outcome(m.rng)


def _demo_outcome(need: str) -> str:
    return Application.Status.SUBMITTED if need == COMPLEX else Application.Status.ADMITTED


def _outcome(rng: random.Random) -> str:
    statuses = [s for s in Application.Status if s != Application.Status.WITHDRAWN]
    return rng.choices(statuses, weights=[15, 13, 62, 10])[0]


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
        cost, start = _spot_price(rng, setting_type, need), rng.randint(7, 1000)
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
    )


def _nearby(rng: random.Random, council: LocalAuthority, options: list[Setting]) -> Setting:
    """Nearly half of children are placed inside their own council; the rest elsewhere."""
    local = [s for s in options if s.local_authority_id == council.pk]
    return rng.choice(local if local and rng.random() < 0.45 else options)


def _spot_price(rng: random.Random, setting_type: str, need: str) -> float:
    if setting_type == T.CHILDRENS_HOME and need == COMPLEX and rng.random() < 0.06:
        return rng.randint(18_000, 32_000)  # the outliers a price page is for
    price = rng.randint(*BANDS[(setting_type, need)])
    return price * rng.uniform(*PREMIUMS.get(setting_type, (1.0, 1.0)))
