"""A small 903 return for Bolton that the DfE rule engine (csc-validator-be-903) finds clean,
with a row in every table of the year: a girl looked after for years (OC2, reviews, a
missing period, social worker episodes), a boy who starts to be looked after in the year
(previous permanence), a child adopted in the year (PlacedAdoption, AD1), a care leaver
with no episode in the year (OC3, so in Header), and from 2026/27 a young person under a
Deprivation of Liberty order (DoLo). Dates move with the year; real Bolton postcodes."""

from __future__ import annotations

from datetime import date, timedelta

from placements.ssda903 import specs
from placements.ssda903.writing import format_date

HOME, NEAR, OTHER = "BL1 1AA", "BL1 1AB", "BL1 1AD"  # Bolton (E08000001)


def clean_return(year: int) -> dict[str, list[dict[str, str]]]:
    first = specs.period(year)[0]
    d = lambda day: format_date(day)  # noqa: E731
    sex = {s: specs.sex_code(s, year) for s in ("male", "female")}
    tables: dict[str, list[dict[str, str]]] = {t: [] for t in specs.tables_for(year)}

    def child(case: str, s: str, born: date, upn: str, mother: str = "") -> str:
        tables["header"].append({
            "CHILD": case, "SEX": sex[s], "DOB": d(born), "ETHNIC": "WBRI", "UPN": upn,
            "MOTHER": mother, "MC_DOB": "",
        })  # fmt: skip
        return d(born)

    def episode(case, start, end, rne, ls, place, provider, rec="", urn="XXXXXXX", **more):
        tables["episodes"].append({
            "CHILD": case, "DECOM": d(start), "RNE": rne, "LS": ls, "CIN": "N1",
            "PLACE": place, "PLACE_PROVIDER": provider, "DEC": d(end), "REC": rec,
            "REASON_PLACE_CHANGE": "", "HOME_POST": HOME, "PL_POST": NEAR, "URN": urn, **more,
        })  # fmt: skip

    # A girl of 12 in foster care since three years before the year.
    dob = child("LONG1", "female", first - timedelta(days=12 * 366), "A123456789012", "0")
    since = first - timedelta(days=3 * 365)
    episode("LONG1", since, None, "S", "C2", "U4", "PR1")
    tables["oc2"].append({
        "CHILD": "LONG1", "DOB": dob, "SDQ_SCORE": "12", "SDQ_REASON": "", "CONVICTED": "0",
        "HEALTH_CHECK": "", "IMMUNISATIONS": "1", "TEETH_CHECK": "1", "HEALTH_ASSESSMENT": "1",
        "SUBSTANCE_MISUSE": "0", "INTERVENTION_RECEIVED": "", "INTERVENTION_OFFERED": "",
    })  # fmt: skip
    for day in (first + timedelta(days=40), first + timedelta(days=200)):
        tables["reviews"].append(
            {"CHILD": "LONG1", "DOB": dob, "REVIEW": d(day), "REVIEW_CODE": "PN1"}
        )
    tables["missing"].append({
        "CHILD": "LONG1", "DOB": dob, "MISSING": "M", "MIS_START": d(first + timedelta(days=90)),
        "MIS_END": d(first + timedelta(days=92)),
    })  # fmt: skip

    # A boy of 8 who starts to be looked after in the year, with no previous permanence.
    dob = child("START1", "male", first - timedelta(days=8 * 366), "A123456789013")
    start = first + timedelta(days=60)
    episode("START1", start, None, "S", "V2", "U6", "PR4")
    tables["previous_permanence"].append(
        {"CHILD": "START1", "DOB": dob, "PREV_PERM": "Z1", "LA_PERM": "", "DATE_PERM": ""}
    )

    # A girl of 3 in foster care, then placed for adoption with her foster carers under a
    # placement order, and adopted in the year.
    dob = child("ADOPT1", "female", first - timedelta(days=3 * 366), "A123456789015", "0")
    cared = first - timedelta(days=200)
    decided, placed = cared + timedelta(days=60), first + timedelta(days=20)
    episode("ADOPT1", cared, placed, "S", "C2", "U4", "PR1", rec="X1",
            REASON_PLACE_CHANGE="CARPL")  # fmt: skip
    episode("ADOPT1", placed, first + timedelta(days=200), "U", "E1", "A5", "PR1", rec="E11")
    tables["placed_for_adoption"].append({
        "CHILD": "ADOPT1", "DOB": dob, "DATE_PLACED": d(decided), "DATE_PLACED_CEASED": "",
        "REASON_PLACED_CEASED": "",
    })  # fmt: skip
    tables["ad1"].append({
        "CHILD": "ADOPT1", "DOB": dob, "DATE_INT": d(decided),
        "DATE_MATCH": d(decided + timedelta(days=30)), "FOSTER_CARE": "1", "NB_ADOPTR": "2",
        "SEX_ADOPTR": "MF", "LS_ADOPTR": "L11",
    })  # fmt: skip
    tables["reviews"].append(
        {"CHILD": "ADOPT1", "DOB": dob, "REVIEW": d(first + timedelta(days=30)),
         "REVIEW_CODE": "PN0"}
    )  # fmt: skip

    # An unaccompanied asylum-seeking boy of 16 who arrives in the year (no home postcode).
    dob = child("UASC1", "male", first - timedelta(days=16 * 366), "UN2")
    arrived = first + timedelta(days=120)
    episode("UASC1", arrived, None, "S", "V2", "U6", "PR4", HOME_POST="")
    tables["uasc"].append({
        "CHILD": "UASC1", "SEX": sex["male"], "DOB": dob,
        "DUC": d((first - timedelta(days=16 * 366)).replace(year=first.year + 2)),
    })  # fmt: skip
    tables["previous_permanence"].append(
        {"CHILD": "UASC1", "DOB": dob, "PREV_PERM": "Z1", "LA_PERM": "", "DATE_PERM": ""}
    )

    # A care leaver of 19, not looked after in the year: in Header through OC3.
    dob = child("LEAVER1", "male", first + timedelta(days=30) - timedelta(days=19 * 365 + 4), "")
    tables["oc3"].append(
        {"CHILD": "LEAVER1", "DOB": dob, "IN_TOUCH": "YES", "ACTIV": "F1", "ACCOM": "B1"}
    )

    if "sw_episodes" in tables:
        firsts = (("LONG1", since), ("START1", start), ("UASC1", arrived), ("ADOPT1", cared))
        born = {row["CHILD"]: row["DOB"] for row in tables["header"]}
        for case, start in firsts:
            tables["sw_episodes"].append({
                "CHILD": case, "DOB": born[case],
                "SW_ID": "SW1234", "SW_DECOM": d(start), "SW_DEC": "", "SW_REASON": "MANAGE",
            })  # fmt: skip
    if "dolo" in tables:
        dob = child("DOLO1", "male", first - timedelta(days=15 * 366), "A123456789014")
        home = first - timedelta(days=400)
        episode("DOLO1", home, None, "S", "C2", "K2", "PR4", urn="SC123456")
        tables["dolo"].append({
            "CHILD": "DOLO1", "DOB": dob, "DOLO_START": d(first + timedelta(days=10)),
            "DOLO_END": d(first + timedelta(days=100)),
        })  # fmt: skip
        tables["oc2"].append({
            "CHILD": "DOLO1", "DOB": dob, "SDQ_SCORE": "20", "SDQ_REASON": "", "CONVICTED": "0",
            "HEALTH_CHECK": "", "IMMUNISATIONS": "1", "TEETH_CHECK": "1",
            "HEALTH_ASSESSMENT": "1", "SUBSTANCE_MISUSE": "0", "INTERVENTION_RECEIVED": "",
            "INTERVENTION_OFFERED": "",
        })  # fmt: skip
        tables["sw_episodes"].append({
            "CHILD": "DOLO1", "DOB": dob, "SW_ID": "SW1235", "SW_DECOM": d(home), "SW_DEC": "",
            "SW_REASON": "MANAGE",
        })  # fmt: skip
    return tables
