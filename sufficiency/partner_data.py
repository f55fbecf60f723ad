"""Partners' quarterly datasets: the schema and a parser for its CSV.

Pure: no Django, no database. A health or youth justice partner sends one figure per
quarter, council and measure; this module knows the kinds of dataset and their measures,
reads the file's text into typed rows and explains every bad cell by line and column.
Whether a council belongs to the partner's region is the service's question (it needs
the database). Problems with the file as a whole raise ``PartnerFileError``.

Quarters are calendar quarters (2024-Q1 is January to March 2024): the care figures are
counted at each quarter's last day.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

QUARTER = "quarter"
LA_CODE = "la_code"
MEASURE = "measure"
VALUE = "value"
COLUMNS = (QUARTER, LA_CODE, MEASURE, VALUE)
SUPPRESSED = "c"  # the statistical convention for a small number withheld
MAX_VALUE = 1_000_000
FIRST_YEAR, LAST_YEAR = 2000, 2099
QUARTER_PATTERN = re.compile(r"^(\d{4})-Q([1-4])$")
# Councils with children's services: unitary, metropolitan, London borough, county.
GSS_PATTERN = re.compile(r"^E(06|08|09|10)\d{6}$")


CouncilCheck = Callable[[str], None]


@dataclass(frozen=True)
class Kind:
    slug: str
    name: str
    measures: dict[str, str]  # code in the file -> what it counts


KINDS: dict[str, Kind] = {
    kind.slug: kind
    for kind in (
        Kind(
            "remands",
            "Remands to youth detention accommodation",
            {
                "remands": "Children remanded to youth detention accommodation",
                "remand_nights": "Nights in youth detention accommodation on remand",
            },
        ),
        Kind(
            "tier4",
            "Tier 4 mental health admissions of children",
            {
                "admissions": "Admissions of children to tier 4 mental health beds",
                "out_of_area_admissions": "Admissions to beds outside the region",
                "bed_days": "Bed days",
            },
        ),
        Kind(
            "ehcp",
            "Children with education, health and care plans",
            {
                "ehc_plans": "Children with an education, health and care plan",
                "new_ehc_plans": "New plans issued in the quarter",
                "looked_after_with_ehc_plan": "Looked-after children with a plan",
            },
        ),
    )
}
KIND_CHOICES = [(kind.slug, kind.name) for kind in KINDS.values()]


class PartnerFileError(Exception):
    """The file as a whole cannot be used; the message is fit to show the user."""


@dataclass(frozen=True)
class RowError:
    line: int  # the file's own line number: the header is line 1
    column: str
    reason: str

    def __str__(self) -> str:
        return f"Line {self.line}, {self.column}: {self.reason}"


@dataclass(frozen=True)
class PartnerRow:
    line: int
    quarter: str  # "2024-Q1"
    la_code: str
    measure: str
    value: int | None  # None: suppressed ("c")

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.quarter, self.la_code, self.measure)


def quarter_end(quarter: str) -> date:
    """The last day of a quarter written "YYYY-Qn"."""
    year, number = _quarter_parts(quarter)
    month = number * 3
    return date(year, month, 31 if month in (3, 12) else 30)


def quarter_label(quarter: str) -> str:
    """ "2024-Q1" -> "Jan-Mar 2024"."""
    year, number = _quarter_parts(quarter)
    return f"{('Jan-Mar', 'Apr-Jun', 'Jul-Sep', 'Oct-Dec')[number - 1]} {year}"


def _quarter_parts(quarter: str) -> tuple[int, int]:
    match = QUARTER_PATTERN.match(quarter)
    if not match:
        raise ValueError(f"'{quarter}' is not a quarter")
    return int(match[1]), int(match[2])


def parse_partner_csv(
    kind: str, text: str, *, check_council: CouncilCheck | None = None
) -> tuple[list[PartnerRow], list[RowError]]:
    """Read a partner's file of ``kind`` into rows and plain-English row errors.

    ``check_council`` (the caller's: it needs the database) raises ``ValueError(reason)``
    for a well-formed code that is not a council of the partner's region, so that error
    is reported with the rest, even on a row with other problems.

    Raises ``PartnerFileError`` for an unknown kind, an empty file, missing, repeated or
    unexpected columns, a file with no rows, or the same quarter, council and measure twice.
    """
    if kind not in KINDS:
        raise PartnerFileError(f"'{kind}' is not a kind of partner dataset")
    records = _records(text)
    columns = _columns(records[0][1])
    rows: list[PartnerRow] = []
    errors: list[RowError] = []
    for line, record in records[1:]:
        if any(cell.strip() for cell in record):
            cells = _cells(record, columns)
            _parse_record(KINDS[kind], line, cells, rows, errors, check_council)
    if not rows and not errors:
        raise PartnerFileError("The file has a header row but no figures")
    _refuse_duplicates(rows)
    return rows, errors


def _records(text: str) -> list[tuple[int, list[str]]]:
    """Each record with the line it starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    records, line = [], 1
    try:
        for record in reader:
            records.append((line, record))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise PartnerFileError(f"The file is not a readable CSV file ({exc})") from None
    if not records or not any(cell.strip() for cell in records[0][1]):
        raise PartnerFileError("The file is empty: it has no header row")
    return records


def _columns(header: list[str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    unexpected = []
    for index, cell in enumerate(header):
        name = cell.strip().casefold()
        if name in columns:
            raise PartnerFileError(f"The file has more than one '{name}' column")
        if name in COLUMNS:
            columns[name] = index
        elif name:
            unexpected.append(cell.strip())
    missing = [name for name in COLUMNS if name not in columns]
    if missing:
        raise PartnerFileError(
            f"The file is missing the column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)}. The columns are {', '.join(COLUMNS)}."
        )
    if unexpected:
        # Refused rather than ignored: an extra column is how child-level data slips in.
        raise PartnerFileError(
            f"The file has columns the schema does not: {', '.join(unexpected)}. "
            f"Remove them: the columns are {', '.join(COLUMNS)}."
        )
    return columns


def _cells(record: list[str], columns: dict[str, int]) -> dict[str, str]:
    return {
        name: (record[index].strip() if index < len(record) else "")
        for name, index in columns.items()
    }


def _parse_record(
    kind: Kind,
    line: int,
    cells: dict[str, str],
    rows: list[PartnerRow],
    errors: list[RowError],
    check_council: CouncilCheck | None,
) -> None:
    found: list[RowError] = []

    def read(column: str, parse: Callable[[str], Any]) -> Any:
        try:
            return parse(cells[column])
        except ValueError as exc:
            found.append(RowError(line, column, str(exc)))
            return None

    values = {
        "quarter": read(QUARTER, _quarter),
        "la_code": read(LA_CODE, _council(check_council)),
        "measure": read(MEASURE, _measure(kind)),
        "value": read(VALUE, _value),
    }
    if found:
        errors.extend(found)
    else:
        rows.append(PartnerRow(line=line, **values))


# One parser per column: each returns the value or raises ValueError(reason).
def _required(value: str) -> str:
    if not value:
        raise ValueError("this is blank")
    return value


def _quarter(value: str) -> str:
    quarter = _required(value).upper()
    match = QUARTER_PATTERN.match(quarter)
    if not match or not FIRST_YEAR <= int(match[1]) <= LAST_YEAR:
        raise ValueError(f"'{value}' is not a quarter in the form YYYY-Qn, such as 2024-Q1")
    return quarter


def _la_code(value: str) -> str:
    code = _required(value).upper()
    if not GSS_PATTERN.match(code):
        raise ValueError(f"'{value}' is not a council's ONS GSS code, such as E08000001")
    return code


def _council(check: CouncilCheck | None) -> Callable[[str], str]:
    def parse(value: str) -> str:
        code = _la_code(value)
        if check is not None:
            check(code)
        return code

    return parse


def _measure(kind: Kind) -> Callable[[str], str]:
    def parse(value: str) -> str:
        measure = _required(value).casefold()
        if measure not in kind.measures:
            raise ValueError(
                f"'{value}' is not a measure of this dataset: use one of {', '.join(kind.measures)}"
            )
        return measure

    return parse


def _value(value: str) -> int | None:
    if not value:
        raise ValueError(f"this is blank: write {SUPPRESSED} for a suppressed number")
    if value.casefold() == SUPPRESSED:
        return None
    if value.startswith("-") and value[1:].isdigit():
        raise ValueError(f"'{value}' is negative: a count cannot be below 0")
    if not value.isascii() or not value.isdigit():
        raise ValueError(f"'{value}' is not a whole number (or {SUPPRESSED} if suppressed)")
    if int(value) > MAX_VALUE:
        raise ValueError(f"'{value}' is more than {MAX_VALUE:,}")
    return int(value)


def _refuse_duplicates(rows: list[PartnerRow]) -> None:
    seen: dict[tuple[str, str, str], int] = {}
    for row in rows:
        if row.key in seen:
            raise PartnerFileError(
                f"{row.quarter}, {row.la_code}, {row.measure} appears more than once "
                f"(lines {seen[row.key]} and {row.line}); each figure must appear once"
            )
        seen[row.key] = row.line
