"""What the placement pages show: a placement, the approvals table, the decision and ending
pages."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from rcc.kit.format import money
from rcc.kit.tables import Column


def placement_url(placement) -> str:
    return reverse("placements:placement", args=[placement.public_id])


def placement_page(record: dict[str, Any], *, can_end: bool) -> dict[str, Any]:
    return {"title": "Placement", "can_end": can_end, **record}


def end_page(placement) -> dict[str, str]:
    return {
        "title": "End the placement",
        "caption": placement.setting.name,
        "submit_text": "End placement",
        "back_url": placement_url(placement),
    }


APPROVAL_COLUMNS = [
    Column(
        "Placement",
        lambda a: a.placement.setting.name,
        link=lambda a: reverse("placements:approval", args=[a.pk]),
    ),
    Column("Child", lambda a: a.placement.child.case_id if a.placement.child else ""),
    Column("Needs approval because", lambda a: a.get_kind_display()),
    Column("Weekly cost", lambda a: money(a.placement.agreed_weekly_cost), numeric=True),
    Column("Starts", lambda a: a.placement.start_date.isoformat()),
]
APPROVALS_EMPTY = {"empty": "No placements are waiting for your approval."}


def approval_page(approval) -> dict[str, str]:
    placement = approval.placement
    return {
        "title": approval.get_kind_display(),
        "caption": placement.setting.name,
        "submit_text": "Record decision",
        "back_url": reverse("placements:approvals"),
        "intro": f"{placement.setting.name} ({placement.setting.local_authority.name}), "
        f"{money(placement.agreed_weekly_cost)} a week "
        f"from {placement.start_date:%d %B %Y}.",
    }
