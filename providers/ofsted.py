"""Reading Ofsted's provider-level CSV of children's social care in England.

Pure: no Django, no database. Values come back as the codes our models store
(``"childrens_home"``, ``"private"``, judgement 1-4), so the service only has to
look councils up and write. Problems with one row become ``RowError``s (the
service refuses the whole file when there are any); problems with the file as
a whole raise ``OfstedFileError``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

URN = "URN"
PROVIDER_TYPE = "Provider type"
SECTOR = "Sector"
LOCAL_AUTHORITY = "Local authority"
PLACES = "Places"
INSPECTION_DATE = "Inspection date"
JUDGEMENT = "Overall judgement"
SETTING_NAME = "Setting name"
OWNER = "Organisation which owns the provider"
POSTCODE = "Postcode"
EVENT_TYPE = "Inspection event type"

REQUIRED_COLUMNS = (URN, PROVIDER_TYPE, SECTOR, LOCAL_AUTHORITY, PLACES, INSPECTION_DATE, JUDGEMENT)
OPTIONAL_COLUMNS = (SETTING_NAME, OWNER, POSTCODE, EVENT_TYPE)
DEFAULT_EVENT_TYPE = "Full inspection"

# Keys are lower case; values are the codes of providers.models.choices.
SETTING_TYPES = {
    "children's home": "childrens_home",
    "independent fostering agency": "ifa",
    "secure children's home": "secure",
    "residential special school": "residential_school",
    "supported accommodation": "supported",
}
SECTORS = {
    "private": "private",
    "voluntary": "voluntary",
    "local authority": "local_authority",
    "health authority": "health",
}
JUDGEMENTS = {
    "outstanding": 1,
    "good": 2,
    "requires improvement to be good": 3,
    "inadequate": 4,
}

MAX_PLACES = 9999
URN_PATTERN = re.compile(r"^[A-Z0-9]{1,12}$")
# Field lengths of the models the rows are written to.
MAX_LENGTHS = {SETTING_NAME: 200, OWNER: 200, POSTCODE: 8, EVENT_TYPE: 60}


class OfstedFileError(Exception):
    """The file as a whole cannot be read; the message is fit to show the user."""


@dataclass(frozen=True)
class RowError:
    row: int  # as a spreadsheet numbers it: the header is row 1
    column: str
    reason: str

    def __str__(self) -> str:
        return f"Row {self.row}, {self.column}: {self.reason}"


@dataclass(frozen=True)
class OfstedRow:
    row: int
    urn: str
    setting_type: str
    sector: str
    local_authority: str  # the council's name, as Ofsted writes it
    places: int | None  # None: blank in the file (Ofsted leaves it blank for agencies)
    inspected_on: date | None
    judgement: int | None  # None: not yet inspected
    setting_name: str = ""
    owner: str = ""
    postcode: str | None = None  # None: the file has no Postcode column
    inspection_type: str = DEFAULT_EVENT_TYPE

    @property
    def has_inspection(self) -> bool:
        return self.inspected_on is not None and self.judgement is not None


@dataclass
class ParseResult:
    rows: list[OfstedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def parse_ofsted_csv(text: str) -> ParseResult:
    """Read the file's text into typed rows and plain-English row errors."""
    records = _records(text)
    columns = _columns(records[0])
    result = ParseResult()
    for number, record in enumerate(records[1:], start=2):
        if any(cell.strip() for cell in record):
            _parse_record(number, _cells(record, columns), result)
    if not result.rows and not result.errors:
        raise OfstedFileError("The file has a header row but no settings")
    _refuse_duplicate_urns(result.rows)
    return result


def _records(text: str) -> list[list[str]]:
    try:
        records = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error as exc:
        raise OfstedFileError(f"The file is not a readable CSV file ({exc})") from None
    if not records or not any(cell.strip() for cell in records[0]):
        raise OfstedFileError("The file is empty: it has no header row")
    return records


def _normalise(header: str) -> str:
    return " ".join(header.replace("\u2019", "'").split()).casefold()


def _columns(header: list[str]) -> dict[str, int]:
    """Where each column we read sits, by name, ignoring case and columns we do not use."""
    wanted = {_normalise(name): name for name in REQUIRED_COLUMNS + OPTIONAL_COLUMNS}
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = wanted.get(_normalise(cell))
        if name in columns:
            raise OfstedFileError(f"The file has more than one '{name}' column")
        if name:
            columns[name] = index
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        raise OfstedFileError(
            f"The file is missing the column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(missing)}. Check it is Ofsted's provider-level data."
        )
    return columns


def _cells(record: list[str], columns: dict[str, int]) -> dict[str, str | None]:
    """The row's values by column name; None for an optional column the file lacks."""
    return {
        name: (record[index].strip() if index < len(record) else "")
        for name, index in columns.items()
    } | {name: None for name in OPTIONAL_COLUMNS if name not in columns}


def _parse_record(number: int, cells: dict[str, str | None], result: ParseResult) -> None:
    errors: list[RowError] = []

    def read(column: str, parse: Callable[[str], Any]) -> Any:
        try:
            return parse(cells[column] or "")
        except ValueError as exc:
            errors.append(RowError(number, column, str(exc)))
            return None

    values = {
        "urn": read(URN, _urn),
        "setting_type": read(PROVIDER_TYPE, _choice(SETTING_TYPES, "a provider type we know")),
        "sector": read(SECTOR, _choice(SECTORS, "a sector Ofsted uses")),
        "local_authority": read(LOCAL_AUTHORITY, _required),
        "places": read(PLACES, _places),
        "inspected_on": read(INSPECTION_DATE, _date),
        "judgement": read(JUDGEMENT, _judgement),
        **_optional_values(cells, read),
    }
    if values["judgement"] is not None and not cells[INSPECTION_DATE]:
        errors.append(RowError(number, INSPECTION_DATE, "a judgement needs its inspection date"))
    if errors:
        result.errors.extend(errors)
    else:
        result.rows.append(OfstedRow(row=number, **values))


def _optional_values(cells: dict[str, str | None], read: Callable) -> dict[str, Any]:
    return {
        "setting_name": read(SETTING_NAME, _length(SETTING_NAME)),
        "owner": read(OWNER, _length(OWNER)),
        "postcode": None if cells[POSTCODE] is None else read(POSTCODE, _postcode),
        "inspection_type": read(EVENT_TYPE, _length(EVENT_TYPE)) or DEFAULT_EVENT_TYPE,
    }


# One parser per kind of cell: each returns the value or raises ValueError(reason).
def _required(value: str) -> str:
    if not value:
        raise ValueError("this is blank")
    return value


def _urn(value: str) -> str:
    urn = _required(value).upper()
    if not URN_PATTERN.match(urn):
        raise ValueError(f"'{value}' is not an Ofsted URN")
    return urn


def _choice(options: dict[str, Any], what: str) -> Callable[[str], Any]:
    def parse(value: str) -> Any:
        key = _normalise(value)
        if key not in options:
            raise ValueError(f"'{value}' is not {what}" if value else "this is blank")
        return options[key]

    return parse


def _places(value: str) -> int | None:
    if not value:
        return None
    if not value.isdigit() or int(value) > MAX_PLACES:
        raise ValueError(f"'{value}' is not a number of places")
    return int(value)


def _date(value: str) -> date | None:
    if not value:
        return None
    try:
        return datetime.strptime(value, "%d/%m/%Y").date()
    except ValueError:
        raise ValueError(f"'{value}' is not a date in the form DD/MM/YYYY") from None


def _judgement(value: str) -> int | None:
    if not value:
        return None
    return _choice(JUDGEMENTS, "an Ofsted judgement")(value)


def _length(column: str) -> Callable[[str], str]:
    def parse(value: str) -> str:
        if len(value) > MAX_LENGTHS[column]:
            raise ValueError(f"'{value}' is longer than {MAX_LENGTHS[column]} characters")
        return value

    return parse


def _postcode(value: str) -> str:
    return _length(POSTCODE)(" ".join(value.upper().split()))


def _refuse_duplicate_urns(rows: list[OfstedRow]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        if row.urn in seen:
            raise OfstedFileError(
                f"URN {row.urn} appears more than once (rows {seen[row.urn]} and {row.row}); "
                "each setting must appear once"
            )
        seen[row.urn] = row.row
