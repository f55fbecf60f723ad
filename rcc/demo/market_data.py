"""The demo market's data: councils, providers, setting profiles, price bands, and real postcodes.

Tables only, plus the few pure draws from them (a made-up postcode, a spot price) that the
market and the children's journeys share. Figures follow DOMAIN.md.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from providers.models import Application, NeedLevel, Sector, SettingType, Sexes
from rcc.geography.models import Postcode

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


# The ONS directory names a postcode's lower-tier council: in the six two-tier counties of the
# South East, a district (E07...), never the county (E10...) that looks after the children.
COUNTY_DISTRICTS = {
    "E10000011": "E07000061 E07000062 E07000063 E07000064 E07000065",  # East Sussex
    "E10000014": "E07000084 E07000085 E07000086 E07000087 E07000088 E07000089 E07000090 "
    "E07000091 E07000092 E07000093 E07000094",  # Hampshire
    "E10000016": "E07000105 E07000106 E07000107 E07000108 E07000109 E07000110 E07000111 "
    "E07000112 E07000113 E07000114 E07000115 E07000116",  # Kent
    "E10000025": "E07000177 E07000178 E07000179 E07000180 E07000181",  # Oxfordshire
    "E10000030": "E07000207 E07000208 E07000209 E07000210 E07000211 E07000212 E07000213 "
    "E07000214 E07000215 E07000216 E07000217",  # Surrey
    "E10000032": "E07000223 E07000224 E07000225 E07000226 E07000227 E07000228 "
    "E07000229",  # West Sussex
}


def made_up_postcode(rng: random.Random, council: str) -> str:
    """A postcode-shaped string in one of the council's districts (not a real postcode)."""
    outcodes = COUNCILS[council][4].split()
    return f"{rng.choice(outcodes)} {rng.randint(1, 9)}" + "".join(rng.choices(LETTERS, k=2))


class Postcodes:
    """Real postcodes of each council from the Postcode table, each council's read once.

    The table is empty until ``import_postcodes`` has run (tests seed without it): then every
    postcode is made up, as before real ones came in.
    """

    def __init__(self) -> None:
        self.real = Postcode.objects.exists()
        self._by_council: dict[str, list[str]] = {}

    def pick(self, rng: random.Random, council: str, gss_code: str) -> str:
        pool = self._of(gss_code) if self.real else []
        return pool[rng.randrange(len(pool))] if pool else made_up_postcode(rng, council)

    def _of(self, gss_code: str) -> list[str]:
        if gss_code not in self._by_council:
            codes = COUNTY_DISTRICTS.get(gss_code, gss_code).split()
            rows = Postcode.objects.filter(local_authority_code__in=codes).order_by("postcode")
            self._by_council[gss_code] = list(rows.values_list("postcode", flat=True))
        return self._by_council[gss_code]


def spot_price(rng: random.Random, setting_type: str, need: str) -> float:
    if setting_type == T.CHILDRENS_HOME and need == COMPLEX and rng.random() < 0.06:
        return rng.randint(18_000, 32_000)  # the outliers a price page is for
    price = rng.randint(*BANDS[(setting_type, need)])
    return price * rng.uniform(*PREMIUMS.get(setting_type, (1.0, 1.0)))


def draw_sexes(rng: random.Random) -> str:
    return rng.choices([Sexes.MIXED, Sexes.MALE, Sexes.FEMALE], weights=[85, 8, 7])[0]


def inspection_history(
    rng: random.Random, today: date, count: int, good: bool
) -> list[tuple[date, int]]:
    """Newest first: the newest within the last 18 months, each earlier 6 to 13 months before."""
    history = []
    on = today - timedelta(days=rng.randint(30, 540))
    for _ in range(count):
        judgement = rng.choices((1, 2, 3, 4), weights=(16, 64, 15, 5))[0]
        history.append((on, min(judgement, 2) if good else judgement))
        on -= timedelta(days=rng.randint(180, 400))
    return history


def demo_outcome(need: str) -> str:
    """The demo provider is admitted to core and enhanced; its complex bid awaits a decision."""
    return Application.Status.SUBMITTED if need == COMPLEX else Application.Status.ADMITTED


def draw_outcome(rng: random.Random) -> str:
    statuses = [s for s in Application.Status if s != Application.Status.WITHDRAWN]
    return rng.choices(statuses, weights=[15, 13, 62, 10])[0]
