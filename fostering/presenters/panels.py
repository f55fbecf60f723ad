"""Dashboard panels of the fostering hub: what is overdue against the region's standard."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from fostering.selectors import pipeline as selectors
from rcc import access
from rcc.kit.format import format_date
from rcc.presenters.dashboard import Panel, PanelItem, register

LIMIT = 10


@register(access.WORK_FOSTERING_HUB)
def overdue_enquiries(user: Any) -> Panel:
    enquiries = selectors.overdue_enquiries(user)[:LIMIT]
    items = [
        PanelItem(
            text=f"Enquiry from {e.name}",
            href=reverse("fostering:enquiry", args=[e.public_id]),
            hint=f"Received {format_date(timezone.localdate(e.received_at))}, "
            + ("contacted, not visited yet" if e.first_contact_at else "no contact yet"),
        )
        for e in enquiries
    ]
    return Panel(
        title="Overdue enquiries",
        empty_text="No enquiry is overdue for contact or an initial visit.",
        items=items,
        more_href=reverse("fostering:queue"),
    )


@register(access.WORK_FOSTERING_HUB)
def overdue_applicants(user: Any) -> Panel:
    applicants = selectors.overdue_applicants(user).order_by("enquiry__received_at")[:LIMIT]
    items = [
        PanelItem(
            text=f"Applicant {a.enquiry.name}",
            href=reverse("fostering:applicant", args=[a.public_id]),
            hint=f"{a.get_stage_display()}: past its timescale",
        )
        for a in applicants
    ]
    return Panel(
        title="Applicants past their timescales",
        empty_text="No applicant is past a timescale.",
        items=items,
        more_href=reverse("fostering:applicants"),
    )
