"""Demo children and their 903-shaped care histories (episodes since April 2019).

Split from ``placements.demo.journey``, which seeds the referrals; the random draws happen in
the same order as before, so a seed gives the same data.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Protocol

from placements.models import CareEpisode, Child
from placements.ssda903.specs import place_code
from providers.demo.data import WORDS
from providers.models import Sector, Setting
from rcc.demo.geography import COUNCILS
from rcc.demo.postcodes import Postcodes
from rcc.kit.ages import birthday_in
from rcc.models import LocalAuthority, Region


class Journey(Protocol):
    """What the histories need of the referral journey's state (``placements.demo.journey``
    fills it): declared here, so the two modules do not import each other."""

    rng: random.Random
    today: date
    postcodes: Postcodes
    councils: dict[str, LocalAuthority]
    settings: dict[int, list[Setting]]
    in_care: dict[int, list[Child]]


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


def pick(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _postcode(j: Journey, council: LocalAuthority) -> str:
    return j.postcodes.pick(j.rng, council.name, council.gss_code)


# Children and their 903 episodes ------------------------------------------------------
def make_children(j: Journey, region: Region) -> list[Child]:
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
        ethnicity=pick(rng, UASC_ETHNICITIES if uasc else ETHNICITIES),
        legal_status=_legal_status(rng, age, uasc),
        is_uasc=uasc,
        home_postcode=_postcode(j, council),
        school_postcode=_postcode(j, council) if school else "",
        school_name=_school(rng, age) if school else "",
        siblings=rng.choice(("", "", "", "Brother, 9", "Two sisters, 5 and 12", "Sister, 15")),
        **_header_fields(council, serial, male),
    )


def _header_fields(council: LocalAuthority, serial: int, male: bool) -> dict:
    """903 Header fields the referral journey never needed: a UPN unique by construction
    (a letter and 12 digits: the council's DfE number, the serial and a check), and MOTHER
    for girls. Derived, not drawn, so the seed's other data stay as they were."""
    check = sum(int(d) * (i + 3) for i, d in enumerate(f"{council.dfe_number}{serial:05d}"))
    upn = f"A{council.dfe_number}{serial:05d}{check % 10_000:04d}"
    return {"upn": upn, "mother": "" if male else "0"}


def _pick_age(rng: random.Random) -> int:
    return rng.choices(range(18), weights=AGE_WEIGHTS)[0]


def _years_before(day: date, years: int) -> date:
    """The day ``years`` years before ``day``: a child born in the year before it is ``years``
    old on ``day`` (29 February becomes 1 March in a common year, as birthdays do)."""
    return birthday_in(day, day.year - years)


def _legal_status(rng: random.Random, age: int, uasc: bool) -> str:
    if uasc:
        return "V2" if rng.random() < 0.85 else "C2"
    status = pick(rng, LEGAL_STATUSES)
    if (status == "E1" and age >= 10) or (status == "J1" and age < 10):
        return "C2"
    return status


def _school(rng: random.Random, age: int) -> str:
    kind = "Primary School" if age < 11 else "Academy" if age < 16 else "College"
    return f"{rng.choice(WORDS)} {kind}"


def make_history(j: Journey, child: Child) -> list[CareEpisode]:
    """1-6 episodes since April 2019, back to back; most children still in care (one open)."""
    rng, council = j.rng, child.local_authority
    start, end = _time_in_care(j, child)
    span = (end - start).days
    count = min(pick(rng, EPISODE_COUNTS), span // 30 + 1)
    cuts = sorted(rng.sample(range(1, span), count - 1)) if count > 1 else []
    days = [start + timedelta(days=d) for d in [0, *cuts]]
    statuses = [
        _no_remand_under_10(child, s, d)
        for s, d in zip(_statuses(rng, child.legal_status, count), days, strict=True)
    ]
    category = pick(rng, {"N8": 1} if child.is_uasc else CATEGORIES_OF_NEED)
    in_care = end == j.today
    episodes = []
    for index, (begins, status) in enumerate(zip(days, statuses, strict=True)):
        before = episodes[-1].placement_type if episodes else None
        code = _adoption_rules(_place(rng, child, status, begins), status, before)
        if code in ("H5", "K3") and not _has_own(j, council, "supported"):
            code = "K2"  # supported accommodation must be in the council (241): it has none
        provider, postcode, urn = _where(j, child, council, code)
        for _ in range(3):  # away from home unless placed with parents (392d)
            if code == "P1" or postcode != child.home_postcode:
                break
            postcode = _postcode(j, council)
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
            home_postcode="" if child.is_uasc else child.home_postcode,  # none for UASC (406)
            urn=urn,
        )
        if index < count - 1:  # ends the day the next begins; the 903 says why it changed
            episode.end_date, episode.reason_ceased = days[index + 1], "X1"
            episode.reason_place_change = pick(rng, CHANGE_REASONS)
        elif not in_care:
            episode.end_date, episode.reason_ceased = end, _ending(rng, code)
            if episode.reason_ceased == "E5" and child.age_on(end) < 16:  # independent living
                episode.reason_ceased = "E8"
        episodes.append(episode)
    if in_care:
        j.in_care[council.pk].append(child)
    return _same_home_twice(episodes)


def _same_home_twice(episodes: list[CareEpisode]) -> list[CareEpisode]:
    """A "move" to the very same placement is none (435): with the same legal status the
    episode just goes on; with a new one it is a change of legal status only (RNE L)."""
    kept = [episodes[0]]
    for episode in episodes[1:]:
        before = kept[-1]
        if _where_fields(episode) != _where_fields(before):
            kept.append(episode)
        elif episode.legal_status != before.legal_status:
            episode.reason_new_episode = "L"
            before.reason_place_change = ""
            kept.append(episode)
        else:
            before.end_date, before.reason_ceased = episode.end_date, episode.reason_ceased
            before.reason_place_change = episode.reason_place_change
    return kept


def _where_fields(episode: CareEpisode) -> tuple[str, str, str, str]:
    return (
        place_code(episode.placement_type, 2026),  # H5 then K3 in one home is no move
        episode.placement_provider,
        episode.placement_postcode,
        episode.urn,
    )


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
        return pick(rng, PLACEMENT_ORDER)
    band = BANDS_BY_AGE[age]
    group = rng.choices((FOSTERING, RESIDENTIAL[band], OTHER[band]), GROUP_WEIGHTS[band])[0]
    code = pick(rng, group)
    if code in (
        "H5",
        "K3",
    ):  # supported accommodation from 16 (K3 from 2025/26, 371; H5 becomes K3 then)
        if on >= NEW_CODES_FROM:
            code = "K3" if age >= 16 else "K2"
        else:
            code = "H5" if age >= 16 else "K2"
    if code == "P1" and status == "V2":  # no placement with parents under section 20
        code = "U6"
    if code == "Z1" and on >= NEW_CODES_FROM:
        code = rng.choice(("Z11", "Z12", "Z13", "Z14"))
    return code


def _no_remand_under_10(child: Child, status: str, on: date) -> str:
    """Remand (J1) is for children of 10 or more (358): a younger child was in care (C2)."""
    return "C2" if status == "J1" and child.age_on(on) < 10 else status


def _adoption_rules(code: str, status: str, before: str | None) -> str:
    """Placed for adoption as the 903 allows: A5/A6 only under a placement order (408);
    never "with the current foster carer" (A3/A5), which needs a matching RNE (217); with
    consent (A4) only straight after foster care or another adoption placement (336), else
    the child stays with family or friends (U3). These swaps draw nothing from the rng."""
    if code[0] != "A":
        return code
    if status in ("E1", "D1"):
        return "A6"
    return "A4" if before is None or before[0] in "UA" else "U3"


def _where(j: Journey, child: Child, council: LocalAuthority, code: str) -> tuple[str, str, str]:
    """PLACE_PROVIDER, PL_POST and URN of a placement of this type."""
    rng = j.rng
    if code == "P1":
        return "PR0", child.home_postcode, ""
    if code in SETTING_OF:
        return _in_setting(j, council, SETTING_OF[code], code)
    nearby = council if rng.random() < 0.6 else rng.choice(_region_councils(j, council))
    if code in ("U4", "U5", "U6") and rng.random() < 0.4:  # an independent fostering agency
        agency = rng.choice([s for s in j.settings[council.region_id] if s.setting_type == "ifa"])
        return SECTOR_CODE[agency.provider.sector], _postcode(j, nearby), agency.urn
    if code[0] in "UA":
        provider = "PR1" if code[0] == "U" or rng.random() < 0.7 else "PR5"
        return provider, _postcode(j, nearby), "XXXXXXX"
    provider = "" if code.startswith("Z1") and len(code) == 3 else rng.choice(("PR4", "PR5"))
    return provider, _postcode(j, nearby), ""


def _in_setting(
    j: Journey, council: LocalAuthority, setting_type: str, code: str
) -> tuple[str, str, str]:
    options = [s for s in j.settings[council.region_id] if s.setting_type == setting_type]
    local = [s for s in options if s.local_authority_id == council.pk]
    # Supported accommodation in the council (241; H5 is written K3 from 2025/26).
    nearby = j.rng.random() < 0.45 or code in ("H5", "K3")
    setting = j.rng.choice(local if local and nearby else options)
    if setting.provider.sector == Sector.LOCAL_AUTHORITY:
        provider = "PR1" if setting.local_authority_id == council.pk else "PR2"
    else:
        provider = SECTOR_CODE[setting.provider.sector]
    return provider, setting.postcode, setting.urn or ""


def _has_own(j: Journey, council: LocalAuthority, setting_type: str) -> bool:
    return any(
        s.setting_type == setting_type and s.local_authority_id == council.pk
        for s in j.settings[council.region_id]
    )


def _region_councils(j: Journey, council: LocalAuthority) -> list[LocalAuthority]:
    return [la for la in j.councils.values() if la.region_id == council.region_id]


def _ending(rng: random.Random, code: str) -> str:
    return rng.choice(("E11", "E12")) if code[0] == "A" else pick(rng, ENDINGS)
