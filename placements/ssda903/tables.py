"""The 903 tables beyond Header, Episodes and UASC: their fields and code lists. Pure.

Reviews, OC2, OC3, AD1, PlacedAdoption, PrevPerm, Missing, SWEpisodes (from 2023/24) and
DoLo (Deprivation of Liberty, from 2026/27) are held row for row, each in its own model
(``placements.models.ssda903_tables``), one row per file row with its collection year. Their
first two columns are CHILD and DOB (DOB is the child's, from the Header); the others are
the model's fields, named after the column in lower case. Code lists are the ones the DfE
rule engine (``csc-validator-be-903`` 0.1.17) checks (rule in brackets); they have not
changed across the years it covers, and the earlier years' guidance used the same lists.
"""

from __future__ import annotations

from typing import Final

DATE: Final = "date"  # DD/MM/YYYY
TEXT: Final = "text"  # free text (an id, a partial date)
SCORE: Final = "score"  # a whole number 0-40 (SDQ_SCORE)

_YES_NO = frozenset({"0", "1"})  # rule 181 (OC2), 114 (AD1)
REVIEW_CODE = frozenset(f"PN{n}" for n in range(8))  # 167
SDQ_REASON = frozenset(f"SDQ{n}" for n in range(1, 6))  # 196
IN_TOUCH = frozenset("YES NO DIED REFU NREQ RHOM".split())  # noqa: SIM905 (131)
ACTIV = frozenset("F1 P1 F2 P2 F4 P4 F5 P5 G4 G5 G6 0".split())  # noqa: SIM905 (132)
ACCOM = frozenset(
    "B1 B2 C1 C2 D1 D2 E1 E2 G1 G2 H1 H2 K1 K2 R1 R2 S2 T1 T2 U1 U2 V1 V2 W1 W2 X2 Y1 Y2 "  # noqa: SIM905
    "Z1 Z2 0".split()
)  # 133
NB_ADOPTR = frozenset({"1", "2"})  # 175
SEX_ADOPTR = frozenset("M1 F1 MM FF MF".split())  # noqa: SIM905 (176)
LS_ADOPTR = frozenset("L0 L11 L12 L2 L3 L4".split())  # noqa: SIM905 (177)
REASON_PLACED_CEASED = frozenset("RD1 RD2 RD3 RD4".split())  # noqa: SIM905 (120)
PREV_PERM = frozenset("P1 P2 P3 P4 Z1".split())  # noqa: SIM905 (631)
MISSING = frozenset({"M", "A"})  # 1006
SW_REASON = frozenset(
    "MANAGE FCONTA LEFTRL ORGRST TSPROC ABSENC CHCHAN PCCHAN SWDIED OTHERS".split()  # noqa: SIM905
)  # SW13STG1

Kind = str | frozenset  # DATE, TEXT, SCORE or a code list

# table -> ((column, kind), ...) for the columns after CHILD and DOB, in file order.
FIELDS: dict[str, tuple[tuple[str, Kind], ...]] = {
    "reviews": (("REVIEW", DATE), ("REVIEW_CODE", REVIEW_CODE)),
    "oc2": (
        ("SDQ_SCORE", SCORE), ("SDQ_REASON", SDQ_REASON), ("CONVICTED", _YES_NO),
        ("HEALTH_CHECK", _YES_NO), ("IMMUNISATIONS", _YES_NO), ("TEETH_CHECK", _YES_NO),
        ("HEALTH_ASSESSMENT", _YES_NO), ("SUBSTANCE_MISUSE", _YES_NO),
        ("INTERVENTION_RECEIVED", _YES_NO), ("INTERVENTION_OFFERED", _YES_NO),
    ),
    "oc3": (("IN_TOUCH", IN_TOUCH), ("ACTIV", ACTIV), ("ACCOM", ACCOM)),
    "ad1": (
        ("DATE_INT", DATE), ("DATE_MATCH", DATE), ("FOSTER_CARE", _YES_NO),
        ("NB_ADOPTR", NB_ADOPTR), ("SEX_ADOPTR", SEX_ADOPTR), ("LS_ADOPTR", LS_ADOPTR),
    ),
    "placed_for_adoption": (
        ("DATE_PLACED", DATE), ("DATE_PLACED_CEASED", DATE),
        ("REASON_PLACED_CEASED", REASON_PLACED_CEASED),
    ),
    # DATE_PERM may be partly known ("zz/zz/2015"), so it is kept as written.
    "previous_permanence": (("PREV_PERM", PREV_PERM), ("LA_PERM", TEXT), ("DATE_PERM", TEXT)),
    "missing": (("MISSING", MISSING), ("MIS_START", DATE), ("MIS_END", DATE)),
    "sw_episodes": (
        ("SW_ID", TEXT), ("SW_DECOM", DATE), ("SW_DEC", DATE), ("SW_REASON", SW_REASON),
    ),
    "dolo": (("DOLO_START", DATE), ("DOLO_END", DATE)),
}  # fmt: skip

# The DfE's name of each table (as the rule engine names it).
TITLES: dict[str, str] = {
    "reviews": "Reviews",
    "oc2": "OC2",
    "oc3": "OC3",
    "ad1": "AD1",
    "placed_for_adoption": "PlacedAdoption",
    "previous_permanence": "PrevPerm",
    "missing": "Missing",
    "sw_episodes": "SWEpisodes",
    "dolo": "DoLo",
}

# The model of each table (app label "placements").
MODELS: dict[str, str] = {
    "reviews": "Ssda903Review",
    "oc2": "Ssda903Oc2",
    "oc3": "Ssda903Oc3",
    "ad1": "Ssda903Ad1",
    "placed_for_adoption": "Ssda903PlacedAdoption",
    "previous_permanence": "Ssda903PrevPerm",
    "missing": "Ssda903Missing",
    "sw_episodes": "Ssda903SwEpisode",
    "dolo": "Ssda903Dolo",
}


def field_names(table: str) -> tuple[str, ...]:
    """The model's fields for ``table``, in column order: the columns in lower case."""
    return tuple(column.lower() for column, _ in FIELDS[table])


def stored(kind: Kind, value):
    """A parsed cell as its model field holds it: a blank is "" in text, None in a date or
    a number."""
    if value is None and kind not in (DATE, SCORE):
        return ""
    return value
