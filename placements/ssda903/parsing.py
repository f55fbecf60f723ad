"""Reading a council's 903 files: which table each is, and every row's problems. Pure.

A file is known by its set of column names (as the DfE validator knows it), whatever its
name; values are trimmed and codes upper-cased. Each row comes back either clean (typed
values) or with one ``RowError`` per bad cell, naming the file, the row (the header is
row 1) and the column. Nothing here touches the database.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from placements.ssda903 import specs, tables
from rcc.geography.postcodes import PostcodeError, normalise_postcode

MAX_CHILD_ID = 40
PROGRESS_EVERY = 1_000
_UPN = re.compile(r"^(?:[A-HJ-NP-RT-Z]\d{12}|[A-HJ-NP-RT-Z]\d{11}[A-Z]|UN[1-5])$")
_URN = re.compile(r"^[A-Z0-9]{1,12}$")
_YEAR_IN_NAME = re.compile(r"(?<!\d)(20\d\d)(?:[-_/ ]?(\d\d))?(?!\d)")


class Ssda903FileError(ValueError):
    """A file we cannot read at all (not text, not CSV, no 903 table); the message says why."""


@dataclass(frozen=True)
class RowError:
    file: str
    row: int  # the line of the file; the header is row 1 (0: the whole file)
    column: str
    reason: str

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "column": self.column, "reason": self.reason}


@dataclass
class ParsedTable:
    file: str
    table: str
    year: int
    rows: list[dict[str, Any]] = field(default_factory=list)  # clean rows, with "_row"
    errors: list[RowError] = field(default_factory=list)
    row_count: int = 0

    @property
    def held(self) -> bool:
        return self.table in specs.TABLES_HELD


def identify(columns: list[str]) -> str | None:
    """The table whose column set these are (case and spaces ignored), or None."""
    wanted = {c.strip().upper() for c in columns}
    for table, table_columns in specs.TABLES.items():
        if wanted == set(table_columns):
            return table
    return None


def year_from_name(name: str) -> int | None:
    """The collection year a path names: ".../2026/episodes.csv" or "episodes_2025-26.csv"."""
    found = _YEAR_IN_NAME.findall(name)
    if not found:
        return None
    first, second = found[-1]
    year = int(first)
    return year + 1 if second and int(second) == (year + 1) % 100 else year


def named_with_years(files: dict[str, str], year: int | None) -> dict[str, str]:
    """A file whose name gives no year is named under ``year``: "2026/episodes.csv"."""
    if year is None:
        return dict(files)
    return {
        (name if year_from_name(name) else f"{year}/{name}"): text for name, text in files.items()
    }


def parse_table(
    name: str, text: str, year: int, progress: Callable[[int], None] | None = None
) -> ParsedTable:
    """Read one file of the ``year`` return. Raises Ssda903FileError for an unusable file.

    ``progress``, if given, is told the number of rows read every ``PROGRESS_EVERY`` rows.
    """
    specs.check_year(year)
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        columns = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise Ssda903FileError(f"{name} is empty") from exc
    table = identify(columns)
    if table is None:
        raise Ssda903FileError(
            f"{name} does not have the columns of any 903 table, so it is not imported (its "
            f"columns: {', '.join(columns)}). An Episodes file, for example, has exactly: "
            f"{', '.join(specs.TABLES['episodes'])}"
        )
    if table not in specs.tables_for(year):
        first = specs.FIRST_YEAR_OF[table]
        raise Ssda903FileError(
            f"{name} is a {table} table, which the {specs.year_label(year)} return does not "
            f"have (it starts with {specs.year_label(first)}): check the file's year"
        )
    parsed = ParsedTable(file=name, table=table, year=year)
    names = [c.strip().upper() for c in columns]
    checks = _CHECKS.get(table)
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            parsed.row_count += 1
            if progress is not None and parsed.row_count % PROGRESS_EVERY == 0:
                progress(parsed.row_count)
            if checks is not None:
                _parse_row(parsed, number, names, cells, checks)
    except csv.Error as exc:
        raise Ssda903FileError(f"{name} is not a CSV file we can read: {exc}") from exc
    return parsed


def _parse_row(parsed: ParsedTable, number: int, names, cells, checks) -> None:
    if len(cells) != len(names):
        parsed.errors.append(
            RowError(parsed.file, number, "", f"has {len(cells)} cells, not {len(names)}")
        )
        return
    raw = {name: cell.strip() for name, cell in zip(names, cells, strict=True)}
    row: dict[str, Any] = {"_row": number}
    errors = []
    for column, check in checks.items():
        try:
            row[column] = check(raw[column], parsed.year)
        except ValueError as exc:
            errors.append(RowError(parsed.file, number, column, str(exc)))
    if not errors:
        errors = [
            RowError(parsed.file, number, column, reason)
            for column, reason in _ROW_RULES.get(parsed.table, _no_rules)(row, parsed.year)
        ]
    if errors:
        parsed.errors.extend(errors)
    else:
        parsed.rows.append(row)


# Cells ----------------------------------------------------------------------------------
Check = Callable[[str, int], Any]


def _required(check: Check) -> Check:
    def required(value: str, year: int) -> Any:
        if not value:
            raise ValueError("is missing")
        return check(value, year)

    return required


def _optional(check: Check) -> Check:
    def optional(value: str, year: int) -> Any:
        return check(value, year) if value else None

    return optional


def _date(value: str, year: int) -> date:
    try:
        return datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        raise ValueError(f"'{value}' is not a date written DD/MM/YYYY") from None


def _one_of(codes: Callable[[int], Any], what: str) -> Check:
    def check(value: str, year: int) -> str:
        code = value.upper()
        allowed = codes(year)
        if code not in allowed:
            raise ValueError(
                f"'{value}' is not a {what} code of the {specs.year_label(year)} return "
                f"({', '.join(sorted(allowed))})"
            )
        return code

    return check


def _child(value: str, year: int) -> str:
    if len(value) > MAX_CHILD_ID:
        raise ValueError(f"is longer than {MAX_CHILD_ID} characters")
    return value


def _sex(value: str, year: int) -> str:
    codes = specs.sex_codes(year)
    sex = codes.get(value.upper())
    if sex is None:
        raise ValueError(
            f"'{value}' is not a SEX code of the {specs.year_label(year)} return "
            f"({' or '.join(codes)})"
        )
    return sex


def _upn(value: str, year: int) -> str:
    if not _UPN.match(value.upper()):
        raise ValueError(
            f"'{value}' is not a UPN: a letter (not I, O or S) and 12 digits, or 11 digits "
            "and a letter, or UN1 to UN5"
        )
    return value.upper()


def _mother(value: str, year: int) -> str:
    if value not in ("0", "1"):
        raise ValueError(f"'{value}' is not 0 or 1")
    return value


def _postcode(value: str, year: int) -> str:
    try:
        return normalise_postcode(value)
    except PostcodeError:
        raise ValueError(f"'{value}' is not a full postcode") from None


def _urn(value: str, year: int) -> str:
    if not _URN.match(value.upper()):
        raise ValueError(f"'{value}' is not an Ofsted URN (letters and digits, at most 12)")
    return value.upper()


def _fixed(codes: frozenset[str]) -> Callable[[int], frozenset[str]]:
    return lambda year: codes


def _score(value: str, year: int) -> int:
    if not value.isdigit() or int(value) > 40:
        raise ValueError(f"'{value}' is not a score from 0 to 40")
    return int(value)


def _text(value: str, year: int) -> str:
    if len(value) > 40:
        raise ValueError("is longer than 40 characters")
    return value


def _checks_of(table: str) -> dict[str, Check]:
    """CHILD and DOB, then each column of a table held row for row (``tables.FIELDS``)."""
    kinds = {tables.DATE: _date, tables.TEXT: _text, tables.SCORE: _score}
    checks = {"CHILD": _required(_child), "DOB": _optional(_date)}
    for column, kind in tables.FIELDS[table]:
        check = kinds[kind] if isinstance(kind, str) else _one_of(_fixed(kind), column)
        checks[column] = _optional(check)
    return checks


_CHECKS: dict[str, dict[str, Check]] = {
    "header": {
        "CHILD": _required(_child),
        "SEX": _required(_sex),
        "DOB": _required(_date),
        "ETHNIC": _required(_one_of(_fixed(specs.ETHNIC), "ETHNIC")),
        "UPN": _optional(_upn),
        "MOTHER": _optional(_mother),
        "MC_DOB": _optional(_date),
    },
    "episodes": {
        "CHILD": _required(_child),
        "DECOM": _required(_date),
        "RNE": _required(_one_of(_fixed(specs.RNE), "RNE")),
        "LS": _required(_one_of(_fixed(specs.LS), "LS")),
        "CIN": _required(_one_of(_fixed(specs.CIN), "CIN")),
        "PLACE": _required(_one_of(specs.place_codes, "PLACE")),
        "PLACE_PROVIDER": _optional(_one_of(_fixed(specs.PLACE_PROVIDER), "PLACE_PROVIDER")),
        "DEC": _optional(_date),
        "REC": _optional(_one_of(_fixed(specs.REC), "REC")),
        "REASON_PLACE_CHANGE": _optional(
            _one_of(_fixed(specs.REASON_PLACE_CHANGE), "REASON_PLACE_CHANGE")
        ),
        "HOME_POST": _optional(_postcode),
        "PL_POST": _optional(_postcode),
        "URN": _optional(_urn),
    },
    "uasc": {
        "CHILD": _required(_child),
        "SEX": _required(_sex),
        "DOB": _required(_date),
        "DUC": _optional(_date),
    },
    **{table: _checks_of(table) for table in tables.FIELDS},
}


# Rows -----------------------------------------------------------------------------------
def _no_rules(row: dict, year: int) -> list[tuple[str, str]]:
    return []


def _episode_rules(row: dict, year: int) -> list[tuple[str, str]]:
    first, last = specs.period(year)
    label = specs.year_label(year)
    start, end = row["DECOM"], row["DEC"]
    problems = []
    if start > last:
        problems.append(("DECOM", f"is after the end of {label} (31/03/{year})"))
    if end is not None and end < start:
        problems.append(("DEC", "is before DECOM"))
    elif end is not None and end < first:
        problems.append(("DEC", f"is before the start of {label}: the episode is not in it"))
    elif end is not None and end > last:
        problems.append(("DEC", f"is after the end of {label}: leave it blank"))
    if (end is None) != (row["REC"] is None):
        problems.append(("REC", "must be given with DEC, and only with DEC"))
    if row["REASON_PLACE_CHANGE"] is not None and end is None:
        problems.append(("REASON_PLACE_CHANGE", "is only for an episode that has ended"))
    return problems


def _header_rules(row: dict, year: int) -> list[tuple[str, str]]:
    if row["MC_DOB"] is not None and row["MC_DOB"] <= row["DOB"]:
        return [("MC_DOB", "is not after the child's DOB")]
    return []


_ROW_RULES = {"episodes": _episode_rules, "header": _header_rules}


# Across the tables of one year ------------------------------------------------------------
def check_return(tables: list[ParsedTable]) -> list[RowError]:
    """Problems between the tables of one council's year: duplicates, unknown children."""
    errors: list[RowError] = []
    by_table: dict[str, list[ParsedTable]] = {}
    for parsed in tables:
        by_table.setdefault(parsed.table, []).append(parsed)
    for table, key in (
        ("header", ("CHILD",)),
        ("uasc", ("CHILD",)),
        ("episodes", ("CHILD", "DECOM", "DEC")),
    ):
        errors += _duplicates(by_table.get(table, []), key)
    known = {row["CHILD"] for parsed in by_table.get("header", []) for row in parsed.rows}
    for table in by_table.keys() - {"header"}:
        for parsed in by_table[table]:
            errors += [
                RowError(parsed.file, row["_row"], "CHILD", f"'{row['CHILD']}' has no Header row")
                for row in parsed.rows
                if row["CHILD"] not in known
            ]
    return errors


def _duplicates(tables: list[ParsedTable], key: tuple[str, ...]) -> list[RowError]:
    counts = Counter(tuple(row[k] for k in key) for parsed in tables for row in parsed.rows)
    return [
        RowError(parsed.file, row["_row"], key[0], f"is repeated ({' and '.join(key)} the same)")
        for parsed in tables
        for row in parsed.rows
        if counts[tuple(row[k] for k in key)] > 1
    ]


def check_tables(year: int, tables: dict[str, list[ParsedTable]]) -> list[RowError]:
    """A year's files: Header and Episodes there, and no table twice."""
    missing = [
        RowError("", 0, "", f"The {specs.year_label(year)} files have no {table} table")
        for table in ("header", "episodes")
        if table not in tables
    ]
    return missing + [
        RowError(found[1].file, 0, "", f"is a second {table} table for the same year")
        for table, found in tables.items()
        if len(found) > 1
    ]
