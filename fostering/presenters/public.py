"""What every public fostering page shows around its content: the hub's name, menu, footer."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.urls import reverse

from fostering.models import ServiceStandard
from rcc.models import Region

# (url name, menu text) of the region's pages, in menu order.
MENU = [
    ("fostering:public_home", "Home"),
    ("fostering:public_about", "What fostering is"),
    ("fostering:public_who", "Who can foster"),
    ("fostering:public_support", "Allowances and support"),
    ("fostering:public_events", "Events"),
    ("fostering:public_stories", "Stories"),
]


def working_days(days: int) -> str:
    return "1 working day" if days == 1 else f"{days} working days"


def long_date(day: date) -> str:
    """Monday 3 March 2025."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def layout(region: Region | None, standard: ServiceStandard | None, *, current: str) -> dict:
    """The hub's name, menu (``current``: this page's view name) and footer links, and its
    service standard in words."""
    if region is None:
        return {
            "hub_name": "Foster a child",
            "home_url": reverse("fostering:public_regions"),
            "navigation": [],
            "footer_links": [],
        }
    slug = {"region_slug": region.slug}
    return {
        "hub_name": f"Foster with {region.name}",
        "home_url": reverse("fostering:public_home", kwargs=slug),
        "navigation": _navigation(slug, current),
        "footer_links": [
            {"href": reverse("fostering:public_privacy", kwargs=slug), "text": "Privacy notice"}
        ],
        "first_contact": working_days(standard.first_contact_days),
        "initial_visit": working_days(standard.initial_visit_days),
    }


def _navigation(slug: dict[str, str], current: str) -> list[dict[str, Any]]:
    return [
        {"href": reverse(name, kwargs=slug), "text": text, "current": name == current}
        for name, text in MENU
    ]
