"""The fostering hub: enquiries, applicants, approved carers and the support offer."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from rcc.access import permissions as p
from rcc.access.core import regions_for
from rcc.access.membership import region_id
from rcc.access.predicates import can, is_hub_officer
from rcc.access.scoping import get, in_region, objects


def enquiries_for(user: Any) -> QuerySet:
    """Hub officers: every fostering enquiry of their region (routed to a council or not)."""
    enquiries = objects("fostering.Enquiry").select_related("routed_to", "region")
    if is_hub_officer(user):
        return in_region(enquiries, region_id(user))
    return enquiries.none()


def applicants_for(user: Any) -> QuerySet:
    return (
        objects("fostering.Applicant")
        .filter(enquiry__in=enquiries_for(user).values("pk"))
        .select_related("enquiry__routed_to")
    )


def carers_for(user: Any) -> QuerySet:
    """Hub officers: approved carers of their region's councils."""
    carers = objects("fostering.ApprovedCarer").select_related("local_authority")
    if is_hub_officer(user):
        return in_region(carers, region_id(user))
    return carers.none()


def support_events_for(user: Any) -> QuerySet:
    events = objects("fostering.SupportEvent")
    if is_hub_officer(user):
        return in_region(events, region_id(user))
    return events.none()


def fostering_region_for_figures(user: Any) -> QuerySet:
    """Regions whose fostering aggregates the user may see (no personal data)."""
    if not can(user, p.VIEW_FOSTERING_FUNNEL) and not can(user, p.USE_FOSTERING_API):
        return regions_for(user).none()
    return regions_for(user)


def get_enquiry_for_user(user: Any, public_id: Any) -> Any:
    return get(enquiries_for(user), public_id=public_id)


def get_applicant_for_user(user: Any, public_id: Any) -> Any:
    return get(applicants_for(user), public_id=public_id)


def get_carer_for_user(user: Any, public_id: Any) -> Any:
    return get(carers_for(user), public_id=public_id)


def get_support_event_for_user(user: Any, pk: Any) -> Any:
    return get(support_events_for(user), pk=pk)
