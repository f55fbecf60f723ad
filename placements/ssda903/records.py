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


def latest_episodes(episodes: list[dict]) -> dict[str, dict]:
    latest: dict[str, dict] = {}
    for row in episodes:
        known = latest.get(row["CHILD"])
        if known is None or row["DECOM"] >= known["DECOM"]:
            latest[row["CHILD"]] = row
    return latest


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


def episode_values(row: dict) -> dict[str, Any]:
    return {
        field: (row[column] if row[column] is not None else _blank(field))
        for field, column in COLUMN_OF.items()
    }


def _blank(field: str) -> Any:
    return None if field == "end_date" else ""
