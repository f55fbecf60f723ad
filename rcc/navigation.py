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
    NavItem("Audit log", "audit:list", "rcc.view_audit_log"),
    NavItem("Back office", "admin:index", "rcc.use_admin"),
]


def navigation_for(request: Any) -> list[dict[str, Any]]:
    user = request.user
    items = []
    for item in NAVIGATION:
        if not user.has_perm(item.permission):
            continue
        href = reverse(item.url_name)
        current = request.path == href or (href != "/" and request.path.startswith(href))
        items.append({"text": item.text, "href": href, "active": current})
    return items
