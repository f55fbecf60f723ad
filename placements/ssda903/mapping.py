"""From the platform's records to 903 rows: the one place that decides what a row says.

Pure: it takes plain values (as ``selectors_903`` reads them, one child at a time) and
returns rows of text, already coded for the collection year. What it decides:

* Episodes: every episode open at any point of the year. One still open at 31 March
  (or ending after it) is written open: DEC, REC and REASON_PLACE_CHANGE blank.
* PLACE in the year's list (K3 is written H5 before 2025/26, H5 is written K3 from it;
  see ``specs.place_code``); PLACE_PROVIDER blank where the rules want it blank.
* REASON_PLACE_CHANGE only where the rules allow it (225, 226, 233): on an episode ending
  X1 whose next episode starts with RNE P, B, T or U, neither placement temporary (T0-T4),
  from 2023/24 on.
* URN: the episode's own, else its placement's setting's.
* Header: SEX coded for the year (1/2 until 2023/24, M/F/U from 2024/25).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from placements.ssda903 import specs
from placements.ssda903.writing import format_date

Values = Mapping[str, Any]  # one record's values, by the names below
CHANGE_RNE = frozenset("PBTU")


def header_row(child: Values, year: int) -> dict[str, str]:
    """``child``: case_id, sex, date_of_birth, ethnicity, upn, mother, first_child_born."""
    return {
        "CHILD": child["case_id"],
        "SEX": specs.sex_code(child["sex"], year),
        "DOB": format_date(child["date_of_birth"]),
        "ETHNIC": child["ethnicity"],
        "UPN": child["upn"],
        "MOTHER": child["mother"] if child["sex"] == "female" else "",
        "MC_DOB": format_date(child["first_child_born"]),
    }


def uasc_row(child: Values, year: int) -> dict[str, str]:
    """``child``: case_id, sex, date_of_birth, uasc_ceased."""
    return {
        "CHILD": child["case_id"],
        "SEX": specs.sex_code(child["sex"], year),
        "DOB": format_date(child["date_of_birth"]),
        "DUC": format_date(child["uasc_ceased"]),
    }


def in_uasc_table(is_uasc: bool, ceased: date | None, year: int) -> bool:
    """A UASC row for a child who was UASC at some point of the year."""
    return is_uasc and (ceased is None or ceased >= specs.period(year)[0])


def open_in(start: date, end: date | None, year: int) -> bool:
    first, last = specs.period(year)
    return start <= last and (end is None or end >= first)


def episode_rows(episodes: Sequence[Values], year: int) -> list[dict[str, str]]:
    """One child's episodes (in order of DECOM) -> the year's rows.

    Each episode: case_id, start_date, end_date, reason_new_episode, legal_status,
    category_of_need, placement_type, placement_provider, placement_postcode,
    home_postcode, urn, setting_urn, reason_ceased, reason_place_change.
    """
    first, last = specs.period(year)
    rows = []
    for index, episode in enumerate(episodes):
        end = episode["end_date"]
        if episode["start_date"] > last or (end is not None and end < first):
            continue  # not open in the year
        following = episodes[index + 1] if index + 1 < len(episodes) else None
        rows.append(_episode_row(episode, following, year, last))
    return rows


def _episode_row(episode: Values, following: Values | None, year: int, last: date) -> dict:
    place = specs.place_code(episode["placement_type"], year)
    ended = episode["end_date"] is not None and episode["end_date"] <= last
    provider = episode["placement_provider"] if specs.provider_needed(place, year) else ""
    return {
        "CHILD": episode["case_id"],
        "DECOM": format_date(episode["start_date"]),
        "RNE": episode["reason_new_episode"],
        "LS": episode["legal_status"],
        "CIN": episode["category_of_need"],
        "PLACE": place,
        "PLACE_PROVIDER": provider,
        "DEC": format_date(episode["end_date"]) if ended else "",
        "REC": episode["reason_ceased"] if ended else "",
        "REASON_PLACE_CHANGE": _place_change(episode, following, year) if ended else "",
        "HOME_POST": episode["home_postcode"],
        "PL_POST": episode["placement_postcode"],
        "URN": episode["urn"] or episode.get("setting_urn") or "",
    }


def _place_change(episode: Values, following: Values | None, year: int) -> str:
    if year < specs.REASON_PLACE_CHANGE_FROM or following is None:
        return ""
    allowed = (
        episode["reason_ceased"] == "X1"
        and following["reason_new_episode"] in CHANGE_RNE
        and specs.place_code(episode["placement_type"], year) not in specs.TEMPORARY
        and specs.place_code(following["placement_type"], year) not in specs.TEMPORARY
    )
    return episode["reason_place_change"] if allowed else ""
