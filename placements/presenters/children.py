"""What the children pages show: the list's columns and actions, the add-a-child page."""

from __future__ import annotations

from django.urls import reverse

from rcc.kit.tables import Column


def child_url(child) -> str:
    return reverse("placements:child", args=[child.public_id])


CHILD_COLUMNS = [
    Column("Child ID", lambda c: c.case_id, link=child_url),
    Column("Name", lambda c: c.display_name),
    Column("Date of birth", lambda c: c.date_of_birth.isoformat()),
    Column("Council", lambda c: c.local_authority.name),
    Column("Legal status", lambda c: c.legal_status),
]


def child_list_actions(*, can_add: bool) -> list[dict[str, str]]:
    return [{"href": reverse("placements:child_new"), "text": "Add a child"}] if can_add else []


def new_child_page() -> dict[str, str]:
    return {
        "title": "Add a child",
        "submit_text": "Add child",
        "back_url": reverse("placements:children"),
    }
