"""What the rows of a council's 903 return mean for the platform's records (pure: no Django).

The import (``placements.services.ssda903``) reads the return's rows with
``placements.ssda903.parsing`` and stores them with the values worked out here: a child's
fields from its Header row (and its latest episode), its UASC fields, an episode's fields, and
the key that matches an episode of a file to one already stored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date
from typing import Any

from placements.ssda903 import specs, tables

CHILD_FIELDS = ("sex", "date_of_birth", "ethnicity", "upn", "mother", "first_child_born")
UASC_FIELDS = ("is_uasc", "uasc_ceased")
EPISODE_FIELDS = (
    "reason_new_episode", "legal_status", "category_of_need", "placement_type",
    "placement_provider", "end_date", "reason_ceased", "reason_place_change",
    "home_postcode", "placement_postcode", "urn",
)  # fmt: skip
COLUMN_OF = {
    "reason_new_episode": "RNE", "legal_status": "LS", "category_of_need": "CIN",
    "placement_type": "PLACE", "placement_provider": "PLACE_PROVIDER", "end_date": "DEC",
    "reason_ceased": "REC", "reason_place_change": "REASON_PLACE_CHANGE",
    "home_postcode": "HOME_POST", "placement_postcode": "PL_POST", "urn": "URN",
}  # fmt: skip


def latest_episodes(episodes: list[dict], stored: dict[str, date] | None = None) -> dict[str, dict]:
    """Each child's latest episode in the file, unless one stored (``stored``: the latest
    DECOM held for each child) starts later."""
    latest: dict[str, dict] = {}
    for row in episodes:
        known = latest.get(row["CHILD"])
        if known is None or row["DECOM"] >= known["DECOM"]:
            latest[row["CHILD"]] = row
    stored = stored or {}
    return {
        child: row for child, row in latest.items() if row["DECOM"] >= stored.get(child, date.min)
    }


def child_values(row: dict, latest: dict | None) -> dict[str, Any]:
    values = {
        "sex": row["SEX"],
        "date_of_birth": row["DOB"],
        "ethnicity": row["ETHNIC"],
        "upn": row["UPN"] or "",
        "mother": row["MOTHER"] or "",
        "first_child_born": row["MC_DOB"],
    }
    if latest is not None:
        values["legal_status"] = latest["LS"]
        if latest["HOME_POST"]:
            values["home_postcode"] = latest["HOME_POST"]
    return values


def uasc_values(child: Any, row: dict | None, first: date) -> dict[str, Any]:
    if row is not None:
        return {"is_uasc": True, "uasc_ceased": row["DUC"]}
    if child is not None and child.is_uasc and child.uasc_ceased and child.uasc_ceased < first:
        return {}  # ceased before this year: rightly absent from its UASC table
    return {"is_uasc": False, "uasc_ceased": None}


def assign(obj: Any, wanted: dict[str, Any]) -> bool:
    changed = False
    for name, value in wanted.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


def key_episodes(
    rows: list,
    child_of: Callable[[Any], str],
    start_of: Callable[[Any], date],
    end_of: Callable[[Any], date | None],
) -> dict[tuple, Any]:
    """Key each episode by (child, DECOM, same-day, n).

    An episode that ends the day it starts (a same-day change) is told apart from the one
    that follows it on that day; n orders any others starting the same day.
    """
    keyed, seen = {}, defaultdict(int)
    for row in sorted(rows, key=lambda r: (end_of(r) is None, end_of(r) or date.min)):
        base = (child_of(row), start_of(row), end_of(row) == start_of(row))
        keyed[(*base, seen[base])] = row
        seen[base] += 1
    return keyed


def keep_stored(episode: Any, wanted: dict[str, Any], year: int) -> None:
    """Leave in ``episode`` what a ``year`` file cannot know or writes in its own codes.

    An episode the file gives as open keeps the DEC, REC and REASON_PLACE_CHANGE a later
    year's file gave it. PLACE and PLACE_PROVIDER stay as stored when the file gives what
    ``year`` writes for them (Z11 is Z1 before 2025/26; a provider is blank for some
    placements): a year's own export then changes nothing, whichever year coded them.
    """
    if wanted["end_date"] is None and episode.end_date and episode.end_date > specs.period(year)[1]:
        for name in ("end_date", "reason_ceased", "reason_place_change"):
            del wanted[name]
    place = specs.place_code(episode.placement_type, year)
    if wanted["placement_type"] == place:
        del wanted["placement_type"]
    if wanted["placement_provider"] == "" and not specs.provider_needed(place, year):
        del wanted["placement_provider"]


def episode_values(row: dict) -> dict[str, Any]:
    return {
        field: (row[column] if row[column] is not None else _blank(field))
        for field, column in COLUMN_OF.items()
    }


def _blank(field: str) -> Any:
    return None if field == "end_date" else ""


def match_rows(table: str, stored, rows: list[dict]) -> tuple[list[tuple[str, dict]], list]:
    """A table held row for row: its ``stored`` rows, each (pk, CHILD, field values...), and a
    file's parsed ``rows`` -> (the rows to create, as (CHILD, field values), the pks to delete).

    Rows are matched by all their values (blank text and None alike), and by their order
    among rows equal in every value; a matched row is left as it is.
    """
    columns = [column for column, _ in tables.FIELDS[table]]
    fields = tables.field_names(table)
    keep = _keyed((pk, *values) for pk, *values in stored)
    new = []
    for key, row in _keyed((row, row["CHILD"], *(row[c] for c in columns)) for row in rows).items():
        if keep.pop(key, None) is None:
            values = {
                f: tables.stored(kind, row[c])
                for f, (c, kind) in zip(fields, tables.FIELDS[table], strict=True)
            }
            new.append((row["CHILD"], values))
    return new, list(keep.values())


def _keyed(rows) -> dict[tuple, Any]:
    keyed, seen = {}, defaultdict(int)
    for item, *values in rows:
        base = tuple("" if value is None else value for value in values)
        keyed[(*base, seen[base])] = item
        seen[base] += 1
    return keyed
