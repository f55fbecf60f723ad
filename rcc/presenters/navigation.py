"""Role-aware navigation: an item shows when the acting role holds its permission.

Apps append their items to NAVIGATION as their pages arrive.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    text: str
    url_name: str
    permission: str


NAVIGATION: list[NavItem] = [
    NavItem("Dashboard", "dashboard", "rcc.view_dashboard"),
    NavItem("Children", "placements:children", "placements.view_children"),
    NavItem("Referrals", "placements:referrals", "placements.view_referral_queue"),
    NavItem("Outcomes", "placements:outcomes", "placements.view_referral_queue"),
    NavItem("Approvals", "placements:approvals", "placements.approve"),
    NavItem("Referrals sent to you", "placements:received_list", "placements.respond"),
    NavItem("Enquiries", "fostering:queue", "fostering.work_hub"),
    NavItem("Applicants", "fostering:applicants", "fostering.work_hub"),
    NavItem("Carers", "fostering:carers", "fostering.work_hub"),
    NavItem("Support", "fostering:support_events", "fostering.work_hub"),
    NavItem("Fostering funnel", "fostering:funnel", "fostering.view_funnel"),
    NavItem("Market", "providers:market", "providers.view_market"),
    NavItem("Forecasts", "sufficiency:latest", "providers.view_market"),
    NavItem("Sufficiency", "strategy:strategies", "sufficiency.view_sufficiency"),
    NavItem("Partner data", "partners:datasets", "sufficiency.view_partner_data"),
    NavItem("903 imports", "placements:ssda903_imports", "placements.import_903"),
    NavItem("Your organisation", "providers:portal", "providers.use_portal"),
    NavItem("Settings", "providers:settings", "providers.search_supply"),
    NavItem("Vacancies", "providers:vacancies", "providers.search_supply"),
    NavItem("Frameworks", "providers:frameworks", "providers.view_market"),
    NavItem("Audit log", "audit:list", "rcc.view_audit_log"),
    NavItem("API keys", "api_keys:list", "rcc.manage_api_keys"),
    NavItem("API reference", "api_docs:reference", "rcc.view_api_docs"),
    NavItem("Back office", "admin:index", "rcc.use_admin"),
]


def navigation_for(request: Any) -> list[dict[str, Any]]:
    user = request.user
    items = [
        {"text": item.text, "href": reverse(item.url_name), "active": False}
        for item in NAVIGATION
        if user.has_perm(item.permission)
    ]
    # The item whose address is the longest start of this page's is the current one.
    matches = [i for i in items if request.path == i["href"] or request.path.startswith(i["href"])]
    matches = [i for i in matches if i["href"] != "/" or request.path == "/"]
    if matches:
        max(matches, key=lambda i: len(i["href"]))["active"] = True
    return items
