"""The SSDA903 tables and code lists, per collection year. Pure: no Django.

A collection year is named as the DfE names it, by the year in which it ends: 2026 is
2025/26, from 1 April 2025 to 31 March 2026. The lists follow the DfE's guidance as
the Data to Insight validator (``csc-validator-be-903`` 0.1.17) checks it; see
``docs/adr/0008-ssda903.md`` for where they change and why.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

FIRST_YEAR, LAST_YEAR = 2017, 2027  # 2016/17 to 2026/27
FIRST_VALIDATED = 2023  # the DfE rule engine has rules from 2022/23

# The tables, each with its exact columns (the validator identifies a file by its column
# set; the order here is the order we write). The file name we give each table.
TABLES: dict[str, tuple[str, ...]] = {
    "header": ("CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"),
    "episodes": (
        "CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
        "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN",
    ),
    "uasc": ("CHILD", "SEX", "DOB", "DUC"),
    "reviews": ("CHILD", "DOB", "REVIEW", "REVIEW_CODE"),
    "oc2": (
        "CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS",
        "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED",
        "INTERVENTION_OFFERED",
    ),
    "oc3": ("CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"),
    "ad1": (
        "CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
        "LS_ADOPTR",
    ),
    "placed_for_adoption": (
        "CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED",
    ),
    "previous_permanence": ("CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"),
    "missing": ("CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"),
    "sw_episodes": ("CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"),
    "dolo": ("CHILD", "DOB", "DOLO_START", "DOLO_END"),
}  # fmt: skip
# The platform holds every table (imported and exported). Header, Episodes and UASC are the
# children's and care episodes' own fields; the others are rows of their own (``tables``).
TABLES_HELD = tuple(TABLES)
FIRST_YEAR_OF = {"sw_episodes": 2024, "dolo": 2027}  # tables that arrived later


def tables_for(year: int) -> list[str]:
    """Every table of the return for ``year``, held ones first."""
    return [t for t in TABLES if FIRST_YEAR_OF.get(t, 0) <= year]


def columns_for(table: str, year: int) -> list[str]:
    """The columns of ``table`` in the ``year`` return (raises KeyError for an unknown table)."""
    if table not in TABLES or FIRST_YEAR_OF.get(table, 0) > year:
        raise KeyError(f"{table} is not a table of the {year_label(year)} return")
    return list(TABLES[table])


def year_label(year: int) -> str:
    """2026 -> "2025/26"."""
    return f"{year - 1}/{year % 100:02d}"


@lru_cache(maxsize=64)
def period(year: int) -> tuple[date, date]:
    """The first and last day of collection year ``year``: 1 April to 31 March."""
    return date(year - 1, 4, 1), date(year, 3, 31)


def check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(
            f"{year} is not a collection year we can read or write: "
            f"use {FIRST_YEAR} ({year_label(FIRST_YEAR)}) to {LAST_YEAR} ({year_label(LAST_YEAR)})"
        )
    return year


# Code lists ----------------------------------------------------------------------------
_ETHNIC = "WBRI WIRI WOTH WIRT WROM MWBC MWBA MWAS MOTH AIND APKN ABAN AOTH BCRB BAFR BOTH CHNE"
ETHNIC = frozenset(f"{_ETHNIC} OOTH REFU NOBT".split())
RNE = frozenset("SLPTUB")
LS = frozenset("C1 C2 D1 E1 J1 J2 J3 L1 L2 L3 V2 V3 V4".split())  # noqa: SIM905
CIN = frozenset(f"N{n}" for n in range(1, 9))
PLACE_PROVIDER = frozenset(f"PR{n}" for n in range(6))
REC = frozenset(
    "X1 E11 E12 E2 E3 E4A E4B E13 E41 E45 E46 E47 E48 E5 E6 E7 E8 E9 E14 E15 E16 E17".split()  # noqa: SIM905
)
REASON_PLACE_CHANGE = frozenset(
    "CARPL CLOSE ALLEG STAND APPRR CREQB CREQO CHILD LAREQ PLACE CUSTOD OTHER".split()  # noqa: SIM905
)
TEMPORARY = frozenset(f"T{n}" for n in range(5))
_COMMON_PLACE = frozenset(
    "A3 A4 A5 A6 K1 K2 P1 P3 R1 R2 R3 R5 S1 T0 T1 T2 T3 T4 U1 U2 U3 U4 U5 U6".split()  # noqa: SIM905
)
# Up to 2024/25: H5, P2 and Z1 (K3 is listed for 2024/25 only in lower case, a validator
# bug: the data are upper-cased, so K3 is rejected that year and we write H5).
PLACE_BEFORE_2026 = _COMMON_PLACE | {"H5", "P2", "Z1"}
PLACE_FROM_2026 = _COMMON_PLACE | {"K3", "Z11", "Z12", "Z13", "Z14"}
REASON_PLACE_CHANGE_FROM = FIRST_YEAR  # in every return since 2015/16 (rules 225, 226, 1009)


def place_codes(year: int) -> frozenset[str]:
    return PLACE_FROM_2026 if year >= 2026 else PLACE_BEFORE_2026


def sex_codes(year: int) -> dict[str, str]:
    """903 SEX code -> the platform's sex, for ``year`` (1/2 until 2023/24, then M/F/U)."""
    if year <= 2024:
        return {"1": "male", "2": "female"}
    return {"M": "male", "F": "female", "U": "unknown"}


def sex_code(sex: str, year: int) -> str:
    """The platform's sex as ``year`` codes it ("" for not known before 2024/25)."""
    return {value: code for code, value in sex_codes(year).items()}.get(sex, "")


# A code valid one year but not another: what we write instead (PLACE). Imports keep the
# code as the file gives it; exports write the year's equivalent.
_PLACE_BEFORE_2026 = {"K3": "H5", "Z11": "Z1", "Z12": "Z1", "Z13": "Z1", "Z14": "Z1"}
_PLACE_FROM_2026 = {"H5": "K3", "Z1": "Z14", "P2": "Z14"}


def place_code(code: str, year: int) -> str:
    """The PLACE code to write in ``year`` for a placement recorded as ``code``."""
    table = _PLACE_FROM_2026 if year >= 2026 else _PLACE_BEFORE_2026
    return table.get(code, code)


def provider_needed(place: str, year: int) -> bool:
    """PLACE_PROVIDER is blank for T0-T4 and Z1 until 2024/25, T0-T3 and Z11-Z14 from 2025/26
    (rule 178 of each year)."""
    if year >= 2026:
        return place not in {"T0", "T1", "T2", "T3", "Z11", "Z12", "Z13", "Z14"}
    return place not in {"T0", "T1", "T2", "T3", "T4", "Z1"}
