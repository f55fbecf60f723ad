"""The fostering hubs' demo data: a year of enquiries through every stage, approved carers with
vacancies offered to matching, support events with attendance, and a few who left."""

from __future__ import annotations

import random

from fostering.demo.carers import (
    add_carers,
    assign_buddies,
    deregister_leavers,
    offer_vacancies,
)
from fostering.demo.events import hold_events
from fostering.demo.hub import hub_for
from fostering.demo.pipeline import run_pipeline
from fostering.models import ApprovedCarer, Enquiry, ServiceStandard
from rcc.demo.geography import REGIONS
from rcc.demo.postcodes import Postcodes
from rcc.models import Region

__all__ = ["seed"]


def seed(rng: random.Random) -> None:
    """Both pathfinders' hubs; a no-op once any enquiry or carer exists."""
    regions = list(Region.objects.filter(slug__in=REGIONS.values()).order_by("slug"))
    for region in regions:
        ServiceStandard.objects.get_or_create(region=region)
    if Enquiry.objects.exists() or ApprovedCarer.objects.exists():
        return
    postcodes = Postcodes()
    for region in regions:
        hub = hub_for(rng, region, postcodes)
        approved = run_pipeline(hub)
        carers = add_carers(hub, approved)
        offer_vacancies(hub, carers)
        assign_buddies(hub, carers)
        deregister_leavers(hub, carers)
        hold_events(hub, carers)
