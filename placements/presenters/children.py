"""What the children pages show: the list's columns and actions, the add-a-child page, and the
903 codes of a child's episodes in words."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from rcc.kit.format import format_date
from rcc.kit.tables import Column


def child_url(child) -> str:
    return reverse("placements:child", args=[child.public_id])


CHILD_COLUMNS = [
    Column("Child ID", lambda c: c.case_id, link=child_url),
    Column("Name", lambda c: c.display_name),
    Column(
        "Date of birth",
        lambda c: format_date(c.date_of_birth),
        raw=lambda c: c.date_of_birth.isoformat(),
    ),
    Column("Council", lambda c: c.local_authority.name),
    Column("Legal status", lambda c: c.get_legal_status_display(), raw=lambda c: c.legal_status),
]

# SSDA903 codes (DfE's children looked after return) in words; a code not listed shows as is.
PLACEMENT_TYPES = {
    "A3": "Placed for adoption with consent, with current foster carers",
    "A4": "Placed for adoption with consent, not with current foster carers",
    "A5": "Placed for adoption with a placement order, with current foster carers",
    "A6": "Placed for adoption with a placement order, not with current foster carers",
    "H5": "Semi-independent living accommodation",
    "K1": "Secure children's home",
    "K2": "Children's home",
    "P1": "Placed with own parents or others with parental responsibility",
    "P2": "Independent living",
    "P3": "Residential employment",
    "R1": "Residential care home",
    "R2": "NHS or health trust establishment providing medical or nursing care",
    "R3": "Family centre or mother and baby unit",
    "R5": "Young offender institution",
    "S1": "Residential school",
    "T0": "Temporary placement",
    "T1": "Temporary period in hospital",
    "T2": "Temporary absence on holiday",
    "T3": "Temporary placement while the usual foster carers are on holiday",
    "T4": "Temporary placement of seven days or less",
    "U1": "Foster care with relatives or friends, long term",
    "U2": "Foster care with relatives or friends who are approved adopters",
    "U3": "Foster care with relatives or friends, other",
    "U4": "Foster care with other foster carers, long term",
    "U5": "Foster care with other foster carers who are approved adopters",
    "U6": "Foster care with other foster carers, other",
    "Z1": "Other placement",
}
PLACEMENT_PROVIDERS = {
    "PR0": "Parents or others with parental responsibility",
    "PR1": "The council's own provision",
    "PR2": "Another council's provision",
    "PR3": "Other public provision",
    "PR4": "Private provision",
    "PR5": "Voluntary or third sector provision",
}


def coded(code: str, labels: dict[str, str]) -> str:
    """ "K2" reads "K2 Children's home": the label, after the code the return uses."""
    return f"{code} {labels[code]}" if code in labels else code


def episode_rows(episodes: list) -> list[dict[str, Any]]:
    """A child's episodes for their page, each code beside its meaning."""
    return [
        {
            "episode": e,
            "legal_status": e.get_legal_status_display(),
            "placement_type": coded(e.placement_type, PLACEMENT_TYPES),
            "placement_provider": coded(e.placement_provider, PLACEMENT_PROVIDERS),
            "reason_place_change": e.get_reason_place_change_display(),
        }
        for e in episodes
    ]


def child_list_actions(*, can_add: bool) -> list[dict[str, str]]:
    return [{"href": reverse("placements:child_new"), "text": "Add a child"}] if can_add else []


def new_child_page() -> dict[str, str]:
    return {
        "title": "Add a child",
        "submit_text": "Add child",
        "back_url": reverse("placements:children"),
    }
