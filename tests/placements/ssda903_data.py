"""A generated council's 903 returns over several years, with the edge cases a round trip
must survive: episodes open at 31 March, same-day X1 changes, UASC children (one who stops
being UASC), missing postcodes, children leaving care and coming back, a mother, and every
other table of the return (Reviews, OC2, OC3 with care leavers who have no episode in the
year, AD1, PlacedAdoption, PrevPerm, Missing, SWEpisodes, DoLo) with blank cells, partial
dates and rows repeated exactly."""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from placements.ssda903 import specs
from placements.ssda903.writing import csv_lines, format_date

YEARS = (2024, 2025, 2026)
ALL_YEARS = tuple(range(2017, 2028))  # 2016/17 to 2026/27: every table and code list
FROM, TO = date(2016, 6, 1), date(2027, 3, 31)
PLACES = ("U4", "U6", "U1", "K2", "K3", "P1", "Z11", "T1", "S1", "A5")
POSTCODES = ("BL1 1AA", "BL2 6JQ", "M1 1AE", "OL1 1AA", "WN1 1XL", "SK1 3XE")


def _episodes(rng: random.Random, born: date, uasc: bool, since: date) -> list[dict]:
    """Chronological episodes: periods of care, changes within them (some the same day)."""
    day = max(since, born) + timedelta(days=rng.randint(0, 500))
    episodes: list[dict] = []
    status = rng.choice(("C1", "C2", "V2"))
    for period in range(rng.choice((1, 1, 2))):  # some children leave and come back
        count = rng.randint(1, 4)
        for index in range(count):
            same_day = index > 0 and episodes[-1]["DECOM"] != day and rng.random() < 0.15
            length = 0 if same_day else rng.randint(20, 400)
            place = rng.choice(PLACES)
            if place == "K3" and (day - born).days < 16 * 366:
                place = "K2"
            episode = {
                "DECOM": day, "PLACE": place, "LS": status,
                "RNE": "S" if index == 0 else rng.choice("PBLTU"),
                "CIN": "N1" if not uasc else "N8",
                "PROVIDER": _provider(rng, place),
                "HOME": "" if uasc or rng.random() < 0.1 else rng.choice(POSTCODES),
                "PL": "" if rng.random() < 0.1 else rng.choice(POSTCODES),
                "URN": _urn(rng, place),
                "END": None, "REC": "", "RPC": "",
            }  # fmt: skip
            if episodes and episodes[-1]["END"] == day and episode["RNE"] == "L":
                episode.update({k: episodes[-1][k] for k in ("PLACE", "PROVIDER", "PL", "URN")})
            if episode["RNE"] in "BU":
                episode["LS"] = status = "C2" if status != "C2" else "E1"
            episodes.append(episode)
            end = day + timedelta(days=length)
            if index < count - 1:
                episode.update(END=end, REC="X1", RPC=rng.choice(("CARPL", "CREQB", "CHILD")))
            elif period == 0 or rng.random() < 0.5:
                episode.update(END=end, REC=rng.choice(("E4A", "E13", "E8")))
            day = end
        if episodes[-1]["END"] is None or episodes[-1]["END"] > TO:
            break
        day = episodes[-1]["END"] + timedelta(days=rng.randint(30, 200))
        status = rng.choice(("C1", "V2"))
    return [e for e in episodes if e["DECOM"] <= date(2026, 3, 31)]


def _urn(rng: random.Random, place: str) -> str:
    if place[0] in "UA":
        return "XXXXXXX"
    return "" if place in ("P1", "T1", "Z11") else f"SC{rng.randint(100000, 999999)}"


def _provider(rng: random.Random, place: str) -> str:
    if place in ("T1", "Z11"):
        return ""
    return "PR0" if place == "P1" else rng.choice(("PR1", "PR4", "PR5"))


def make_council(
    seed: int = 903, children: int = 60, since: date = date(2022, 6, 1), leavers: int = 6
) -> list[dict]:
    """``children`` with episodes from ``since``, then ``leavers`` care leavers (in OC3)."""
    rng = random.Random(seed)
    made = []
    for serial in range(children + leavers):
        if serial >= children:
            made.append(_care_leaver(rng, serial))
            continue
        uasc = serial % 10 == 3
        born = date(2004, 1, 1) + timedelta(days=rng.randint(0, 6000))
        if uasc:
            born = date(2007, 6, 1) + timedelta(days=rng.randint(0, 900))
        sex = "male" if uasc or rng.random() < 0.5 else "female"
        mother = "" if sex == "male" else ("1" if serial == 4 else "0")
        made.append({
            "CHILD": f"{serial:05d}X", "SEX": sex, "DOB": born, "UASC": uasc,
            "DUC": date(2024, 9, 30) if serial == 13 else None,
            "ETHNIC": rng.choice(("WBRI", "BAFR", "APKN", "MWBC")),
            "UPN": "" if uasc else f"A{rng.randint(10**11, 10**12 - 1):012d}",
            "MOTHER": mother, "MC_DOB": date(2023, 2, 1) if mother == "1" else None,
            "EPISODES": _episodes(rng, born, uasc, since),
        })  # fmt: skip
    return made


def _care_leaver(rng: random.Random, serial: int) -> dict:
    """A young person who left care before the years: in Header only through OC3."""
    return {
        "CHILD": f"{serial:05d}L", "SEX": "female", "DOB": date(2003, 1, 1) + timedelta(serial),
        "UASC": False, "DUC": None, "ETHNIC": "WBRI", "UPN": "", "MOTHER": "0", "MC_DOB": None,
        "EPISODES": [], "LEAVER": True,
    }  # fmt: skip


def _open_in(episode: dict, year: int) -> bool:
    first, last = specs.period(year)
    return episode["DECOM"] <= last and (episode["END"] is None or episode["END"] >= first)


def year_files(council: list[dict], year: int) -> dict[str, list[dict[str, str]]]:
    """The return a council would send for ``year``: what the export must give back."""
    last = specs.period(year)[1]
    header, episodes, uasc = [], [], []
    for child in council:
        history = child["EPISODES"]
        mine = [e for e in history if _open_in(e, year)]
        if not mine and not child.get("LEAVER"):
            continue
        sex = specs.sex_code(child["SEX"], year)
        header.append({
            "CHILD": child["CHILD"], "SEX": sex, "DOB": format_date(child["DOB"]),
            "ETHNIC": child["ETHNIC"], "UPN": child["UPN"], "MOTHER": child["MOTHER"],
            "MC_DOB": format_date(child["MC_DOB"]),
        })  # fmt: skip
        if child["UASC"] and (child["DUC"] is None or child["DUC"] >= specs.period(year)[0]):
            uasc.append({"CHILD": child["CHILD"], "SEX": sex, "DOB": format_date(child["DOB"]),
                         "DUC": format_date(child["DUC"])})  # fmt: skip
        for episode in mine:
            ended = episode["END"] is not None and episode["END"] <= last
            following = history[history.index(episode) + 1 :][:1]
            place = specs.place_code(episode["PLACE"], year)
            rpc_allowed = (
                ended and episode["REC"] == "X1" and following
                and following[0]["RNE"] in "PBTU"
                and place not in specs.TEMPORARY
                and specs.place_code(following[0]["PLACE"], year) not in specs.TEMPORARY
            )  # fmt: skip
            episodes.append({
                "CHILD": child["CHILD"], "DECOM": format_date(episode["DECOM"]),
                "RNE": episode["RNE"], "LS": episode["LS"], "CIN": episode["CIN"],
                "PLACE": place,
                "PLACE_PROVIDER": episode["PROVIDER"] if specs.provider_needed(place, year) else "",
                "DEC": format_date(episode["END"]) if ended else "",
                "REC": episode["REC"] if ended else "",
                "REASON_PLACE_CHANGE": episode["RPC"] if rpc_allowed else "",
                "HOME_POST": episode["HOME"], "PL_POST": episode["PL"], "URN": episode["URN"],
            })  # fmt: skip
    tables = {"header": header, "episodes": episodes, "uasc": uasc}
    if not any(child.get("LEAVER") for child in council):
        return tables
    for table in specs.tables_for(year)[3:]:
        tables[table] = []
    for child in council:
        if child.get("LEAVER") or any(_open_in(e, year) for e in child["EPISODES"]):
            for table, row in _other_rows(child, year):
                tables[table].append(row)
    return tables


def _other_rows(child: dict, year: int):
    """(table, row) for the tables beyond Header, Episodes and UASC: codes of each list,
    blanks, a partial DATE_PERM, and a review given twice exactly."""
    rng = random.Random(f"{child['CHILD']}-{year}")
    first = specs.period(year)[0]
    day = lambda: format_date(first + timedelta(days=rng.randint(0, 360)))  # noqa: E731
    base = {"CHILD": child["CHILD"], "DOB": format_date(child["DOB"])}
    if child.get("LEAVER"):
        yield "oc3", {**base, "IN_TOUCH": rng.choice(("YES", "NO", "RHOM")),
                      "ACTIV": rng.choice(("F1", "P2", "G4", "0")),
                      "ACCOM": rng.choice(("B1", "Z2", ""))}  # fmt: skip
        return
    review = {**base, "REVIEW": day(), "REVIEW_CODE": rng.choice(("PN1", "PN4", "PN0"))}
    yield "reviews", review
    if rng.random() < 0.2:
        yield "reviews", dict(review)  # the same review twice: both rows are kept
    if rng.random() < 0.5:
        yield "oc2", {**base, "SDQ_SCORE": rng.choice(("", "0", "17", "40")),
                      "SDQ_REASON": rng.choice(("", "SDQ1", "SDQ5")), "CONVICTED": "0",
                      "HEALTH_CHECK": "1", "IMMUNISATIONS": rng.choice("01"), "TEETH_CHECK": "1",
                      "HEALTH_ASSESSMENT": "1", "SUBSTANCE_MISUSE": "0",
                      "INTERVENTION_RECEIVED": "", "INTERVENTION_OFFERED": ""}  # fmt: skip
    if rng.random() < 0.15:
        yield "ad1", {**base, "DATE_INT": day(), "DATE_MATCH": day(), "FOSTER_CARE": "1",
                      "NB_ADOPTR": "2", "SEX_ADOPTR": "MF", "LS_ADOPTR": "L12"}  # fmt: skip
    if rng.random() < 0.15:
        ceased = rng.random() < 0.5
        yield "placed_for_adoption", {**base, "DATE_PLACED": day(),
                                      "DATE_PLACED_CEASED": day() if ceased else "",
                                      "REASON_PLACED_CEASED": "RD1" if ceased else ""}  # fmt: skip
    if rng.random() < 0.2:
        perm = rng.choice(("zz/zz/2015", "01/05/2014"))  # DATE_PERM may be partly known
        la_perm = rng.choice(("318", ""))
        yield "previous_permanence", {
            **base, "PREV_PERM": rng.choice(("P1", "Z1")), "LA_PERM": la_perm, "DATE_PERM": perm
        }  # fmt: skip
    if rng.random() < 0.3:
        yield "missing", {**base, "MISSING": rng.choice("MA"), "MIS_START": day(),
                          "MIS_END": rng.choice((day(), ""))}  # fmt: skip
    if "sw_episodes" in specs.tables_for(year):
        yield "sw_episodes", {**base, "SW_ID": f"SW{rng.randint(1, 40)}", "SW_DECOM": day(),
                              "SW_DEC": "", "SW_REASON": ""}  # fmt: skip
    if "dolo" in specs.tables_for(year) and rng.random() < 0.2:
        yield "dolo", {**base, "DOLO_START": day(), "DOLO_END": ""}


def write_year(folder: Path, year: int, tables: dict[str, list[dict[str, str]]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for table, rows in tables.items():
        text = "".join(csv_lines(specs.columns_for(table, year), rows))
        (folder / f"{table}.csv").write_text(text, encoding="utf-8")
