"""Children of a council: the list (and its search) and the child's record."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from rcc import access


def children_list(user: Any, query: str = "") -> QuerySet:
    """The children in the user's scope by name, those matching ``query`` if one is given."""
    children = access.children_for(user).order_by("name")
    return search_children(children, query) if query else children


def search_children(children: QuerySet, query: str) -> QuerySet:
    return children.filter(Q(name__icontains=query) | Q(case_id__iexact=query))


def child_record(user: Any, public_id: Any) -> dict[str, Any]:
    child = access.get_child_for_user(user, public_id)
    return {
        "child": child,
        "episodes": list(child.episodes.order_by("-start_date")),
        "placements": list(access.placements_for(user).filter(child=child).order_by("-start_date")),
        "referrals": list(access.referrals_for(user).filter(child=child)),
    }
