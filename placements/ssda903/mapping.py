"""From the platform's records to 903 rows: the one place that decides what a row says.

Pure: it takes plain values (as ``selectors.ssda903`` reads them) and returns rows of text,
already coded for the collection year. What it decides:

* Episodes: every episode open at any point of the year. One still open at 31 March
  (or ending after it) is written open: DEC, REC and REASON_PLACE_CHANGE blank.
* PLACE in the year's list (K3 is written H5 before 2025/26, H5 is written K3 from it;
  see ``specs.place_code``); PLACE_PROVIDER blank where the rules want it blank.
* REASON_PLACE_CHANGE only where the rules allow it (225, 226, 233): on an episode ending
  X1 whose next episode starts with RNE P, B, T or U, neither placement temporary (T0-T4),
  from 2023/24 on.
* URN: the episode's own, else its placement's setting's.
* Header: SEX coded for the year (1/2 until 2023/24, M/F/U from 2024/25).

Two shapes of the same decisions. The export streams records as tuples (values in
``CHILD_FIELDS`` or ``EPISODE_FIELDS`` order, straight from the database) and gets back
tuples of cells in the table's column order (``specs.TABLES``): a national year is about
130,000 episodes, and a dict per row in and out was a third of the export's time. The
dict functions (``header_row``, ``uasc_row``, ``episode_rows``) wrap them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import lru_cache, partial
from itertools import chain, pairwise
from typing import Any

from placements.ssda903 import specs, tables
from placements.ssda903.writing import format_date

Values = Mapping[str, Any]  # one record's values, by the field names below
Record = Sequence[Any]  # one record's values, in the order of the field names below
Cells = tuple[str, ...]  # one row's cells, in its table's column order
CHANGE_RNE = frozenset("PBTU")

CHILD_FIELDS = (
    "case_id", "sex", "date_of_birth", "ethnicity", "upn", "mother", "first_child_born",
    "is_uasc", "uasc_ceased",
)  # fmt: skip
# "child" first: an episode's following episode is the next record of the same child.
EPISODE_FIELDS = (
    "child", "case_id", "start_date", "end_date", "reason_new_episode", "legal_status",
    "category_of_need", "placement_type", "placement_provider", "placement_postcode",
    "home_postcode", "urn", "setting_urn", "reason_ceased", "reason_place_change",
)  # fmt: skip


# Header and UASC -------------------------------------------------------------------------
def header_cells(child: Record, year: int) -> Cells:
    """``child`` in ``CHILD_FIELDS`` order -> CHILD, SEX, DOB, ETHNIC, UPN, MOTHER, MC_DOB."""
    case_id, sex, born, ethnicity, upn, mother, first_child_born = child[:7]
    return (
        case_id,
        specs.sex_code(sex, year),
        format_date(born),
        ethnicity,
        upn,
        mother if sex == "female" else "",
        format_date(first_child_born),
    )


def uasc_cells(child: Record, year: int) -> Cells:
    """``child`` in ``CHILD_FIELDS`` order -> CHILD, SEX, DOB, DUC."""
    case_id, sex, born = child[:3]
    return case_id, specs.sex_code(sex, year), format_date(born), format_date(child[8])


def in_uasc_table(is_uasc: bool, ceased: date | None, year: int) -> bool:
    """A UASC row for a child who was UASC at some point of the year."""
    return is_uasc and (ceased is None or ceased >= specs.period(year)[0])


def header_row(child: Values, year: int) -> dict[str, str]:
    """``child``: case_id, sex, date_of_birth, ethnicity, upn, mother, first_child_born."""
    return _named("header", header_cells(_record(child, CHILD_FIELDS), year))


def uasc_row(child: Values, year: int) -> dict[str, str]:
    """``child``: case_id, sex, date_of_birth, uasc_ceased."""
    return _named("uasc", uasc_cells(_record(child, CHILD_FIELDS), year))


# Episodes --------------------------------------------------------------------------------
def open_in(start: date, end: date | None, year: int) -> bool:
    first, last = specs.period(year)
    return start <= last and (end is None or end >= first)


def episode_cells(records: Iterable[Record], year: int) -> Iterator[Cells]:
    """Episodes in ``EPISODE_FIELDS`` order, each child's together in order of DECOM ->
    the rows of those open in the year. An episode's following one is the next record of
    the same child, whether or not that one is open in the year."""
    write = _episode_writer(year)
    for record, after in pairwise(chain(records, (None,))):
        cells = write(record, after if after is not None and after[0] == record[0] else None)
        if cells is not None:
            yield cells


def episode_rows(episodes: Sequence[Values], year: int) -> list[dict[str, str]]:
    """One child's episodes (in order of DECOM) -> the year's rows.

    Each episode: case_id, start_date, end_date, reason_new_episode, legal_status,
    category_of_need, placement_type, placement_provider, placement_postcode,
    home_postcode, urn, setting_urn, reason_ceased, reason_place_change.
    """
    records = [(0, *_record(episode, EPISODE_FIELDS[1:])) for episode in episodes]
    return [_named("episodes", cells) for cells in episode_cells(records, year)]


def _episode_writer(year: int) -> Callable[[Record, Record | None], Cells | None]:
    """The year's episode row: its period and code lists worked out once, not per row."""
    first, last = specs.period(year)
    place_code = lru_cache(maxsize=None)(partial(specs.place_code, year=year))
    provider_needed = lru_cache(maxsize=None)(partial(specs.provider_needed, year=year))
    changes_allowed = year >= specs.REASON_PLACE_CHANGE_FROM

    def write(episode: Record, following: Record | None) -> Cells | None:
        (_, case_id, start, end, rne, ls, cin, placement_type, provider, placement_postcode,
         home_postcode, urn, setting_urn, rec, place_change) = episode  # fmt: skip
        if start > last or (end is not None and end < first):
            return None  # not open in the year
        place = place_code(placement_type)
        ended = end is not None and end <= last
        allowed = (
            ended
            and changes_allowed
            and following is not None
            and rec == "X1"
            and following[4] in CHANGE_RNE  # its reason_new_episode
            and place not in specs.TEMPORARY
            and place_code(following[7]) not in specs.TEMPORARY  # its placement_type
        )
        return (
            case_id,
            format_date(start),
            rne,
            ls,
            cin,
            place,
            provider if provider_needed(place) else "",
            format_date(end) if ended else "",
            rec if ended else "",
            place_change if allowed else "",
            home_postcode,
            placement_postcode,
            urn or setting_urn or "",
        )

    return write


# The tables held row for row (Reviews, OC2, OC3, AD1, ...) -------------------------------
def table_cells(table: str) -> Callable[[Record], Cells]:
    """``table``'s writer: (CHILD, DOB, then its fields in column order) -> its cells. Dates
    are written DD/MM/YYYY, numbers as digits, blanks blank."""
    writers = [_write_date, _write_date] + [
        _write_date if kind == tables.DATE else _write_text for _, kind in tables.FIELDS[table]
    ]
    writers[0] = _write_text

    def cells(record: Record) -> Cells:
        return tuple(write(value) for write, value in zip(writers, record, strict=True))

    return cells


def _write_date(value: date | None) -> str:
    return format_date(value)


def _write_text(value: Any) -> str:
    return "" if value is None else str(value)


def _record(values: Values, fields: Sequence[str]) -> Record:
    return tuple(values.get(field) for field in fields)


def _named(table: str, cells: Cells) -> dict[str, str]:
    return dict(zip(specs.TABLES[table], cells, strict=True))
