"""What the hub's pipeline pages show: list columns, the overdue tag, titles and links."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils import timezone

from fostering.models.choices import Interest
from rcc.kit.format import format_date
from rcc.kit.tables import Column

TAG_CLASSES = {
    "Overdue": "govuk-tag--red",
    "Met late": "govuk-tag--orange",
    "Met": "govuk-tag--green",
    "Due": "govuk-tag--blue",
    "Stopped": "govuk-tag--grey",
    "Not started": "govuk-tag--grey",
}
OVERDUE = "Overdue"
INTERESTS = dict(Interest.choices)

Clock = Callable[[Any], Any]  # a row's clock that matters now (a selectors.pipeline.Timescale)


def enquiry_url(enquiry: Any) -> str:
    return reverse("fostering:enquiry", args=[enquiry.public_id])


def applicant_url(applicant: Any) -> str:
    return reverse("fostering:applicant", args=[applicant.public_id])


def council(enquiry: Any) -> str:
    return enquiry.routed_to.name if enquiry.routed_to else "Regional hub"


def _overdue_tag(row_clock: Clock) -> Callable[[Any], dict | None]:
    def tag(row: Any) -> dict | None:
        clock = row_clock(row)
        return {"text": OVERDUE, "classes": TAG_CLASSES[OVERDUE]} if clock.overdue else None

    return tag


def list_extra(clock: Clock) -> dict[str, Any]:
    """The list template's overdue column, shown as a red tag."""
    return {"tag_column": OVERDUE, "tag": _overdue_tag(clock)}


def queue_columns(clock: Clock) -> list[Column]:
    return [
        Column("Enquirer", lambda e: e.name, link=enquiry_url),
        Column("Received", lambda e: format_date(timezone.localdate(e.received_at))),
        Column("Routed to", council),
        Column("Age (working days)", lambda e: clock(e).elapsed, numeric=True),
        Column("Next step", lambda e: clock(e).label),
        Column("Due", lambda e: format_date(clock(e).due)),
        Column(OVERDUE, lambda e: "Yes" if clock(e).overdue else "No"),
        Column("Repeat of", repeat_of),
    ]


def repeat_of(enquiry: Any) -> str:
    """For a repeat enquiry, when the first one came (the link is on the enquiry's page)."""
    first = enquiry.duplicate_of
    return f"Enquiry of {format_date(timezone.localdate(first.received_at))}" if first else ""


def applicant_columns(clock: Clock) -> list[Column]:
    return [
        Column("Applicant", lambda a: a.enquiry.name, link=applicant_url),
        Column("Routed to", lambda a: council(a.enquiry)),
        Column("Stage", lambda a: a.get_stage_display()),
        Column("Timescale", lambda a: clock(a).label),
        Column("Due", lambda a: format_date(clock(a).due)),
        Column(OVERDUE, lambda a: "Yes" if clock(a).overdue else "No"),
    ]


def enquiry_page(context: dict[str, Any]) -> dict[str, Any]:
    """An enquiry's page: ``context`` from ``selectors.pipeline.enquiry_detail``."""
    enquiry = context["enquiry"]
    return {
        "title": f"Enquiry from {enquiry.name}",
        "tag_classes": TAG_CLASSES,
        "interests": [INTERESTS.get(i, i) for i in enquiry.interests],
        **context,
    }


def applicant_page(context: dict[str, Any]) -> dict[str, Any]:
    """An applicant's page: ``context`` from ``selectors.pipeline.applicant_detail``."""
    return {
        "title": f"Applicant: {context['enquiry'].name}",
        "tag_classes": TAG_CLASSES,
        **context,
    }


def route_intro(enquiry: Any, suggested: Any) -> str:
    """Where the enquirer's postcode is, if we know."""
    return f"Postcode {enquiry.postcode}" + (
        f" is in {suggested.name}." if suggested else ": its council is not known."
    )
