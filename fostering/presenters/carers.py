"""What the carers register and the support offer show: columns, links, titles, actions."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from fostering.models.choices import CarerType
from rcc.kit.format import format_date, format_datetime, share
from rcc.kit.tables import Column, number

TYPES = dict(CarerType.choices)


def carer_url(carer: Any) -> str:
    return reverse("fostering:carer", args=[carer.public_id])


def event_url(event: Any) -> str:
    return reverse("fostering:support_event", args=[event.pk])


def type_labels(types: list[str]) -> str:
    return ", ".join(TYPES.get(t, t) for t in types)


# The register -------------------------------------------------------------------------------
def carer_columns() -> list[Column]:
    return [
        Column("Household", lambda c: c.household, link=carer_url),
        Column("Council", lambda c: c.local_authority.name),
        Column("Approved", lambda c: format_date(c.approved_on)),
        Column("Types", lambda c: type_labels(c.types)),
        Column("Ages", lambda c: f"{c.age_min} to {c.age_max}"),
        number("Approved for", lambda c: c.max_children),
        number("Children now", lambda c: c.current_children),
        number("Free places", lambda c: max(c.free, 0)),
        number("Offered to matching", lambda c: c.offered),
    ]


def register_extra() -> dict[str, Any]:
    """The register's links to adding a carer, why carers leave, and the support offer."""
    return {
        "actions": [
            {"href": reverse("fostering:carer_add"), "text": "Add a carer"},
            {"href": reverse("fostering:leaving_reasons"), "text": "Why carers leave"},
            {"href": reverse("fostering:support_events"), "text": "Events and groups"},
        ]
    }


def carer_page(context: dict[str, Any]) -> dict[str, Any]:
    """A carer's page: ``context`` from ``selectors.carers.carer_detail``."""
    carer = context["carer"]
    return {**context, "title": carer.household, "type_labels": type_labels(carer.types)}


def reason_columns() -> list[Column]:
    return [
        Column("Reason", lambda r: r.reason),
        number("Carers", lambda r: r.carers),
        number("Share", lambda r: share(r.share)),
    ]


# The support offer ---------------------------------------------------------------------------
def event_columns() -> list[Column]:
    return [
        Column("Event", lambda e: e.title, link=event_url),
        Column("Kind", lambda e: e.get_kind_display()),
        Column("Starts", lambda e: format_datetime(e.starts_at)),
        Column("Where", lambda e: e.location),
        number("Places", lambda e: e.capacity),
        number("Booked", lambda e: e.booked),
        number("Attended", lambda e: e.attended_count),
    ]


def events_extra() -> dict[str, Any]:
    return {
        "actions": [{"href": reverse("fostering:support_event_add"), "text": "Add an event"}],
        "empty": "No events yet.",
    }


def event_page(context: dict[str, Any]) -> dict[str, Any]:
    """An event's page: ``context`` from ``selectors.carers.support_event_detail``."""
    event = context["event"]
    return {**context, "title": event.title, "started": event.starts_at <= timezone.now()}
