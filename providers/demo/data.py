"""The demo market's data: providers, setting profiles, frameworks' lots and price bands.

Tables only, plus the few pure draws from them (a spot price, an inspection history) that the
market and the children's journeys share. The councils and their postcodes are the ground
floor's (``rcc.demo.geography``, ``rcc.demo.postcodes``). Figures follow DOMAIN.md.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from providers.models import Application, NeedLevel, Sector, SettingType, Sexes
from rcc.demo.geography import COUNCILS

T = SettingType
CORE, ENHANCED, COMPLEX = NeedLevel.CORE, NeedLevel.ENHANCED, NeedLevel.COMPLEX
PRIVATE, VOLUNTARY, COUNCIL = Sector.PRIVATE, Sector.VOLUNTARY, Sector.LOCAL_AUTHORITY

SECURE_HOMES = ("Salford", "Hampshire", "Kent")  # councils that run a secure children's home

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
DEMO_PROVIDER_URN = "SC900001"
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
