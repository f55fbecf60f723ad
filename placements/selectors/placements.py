"""Placements: one placement with its approvals, and the approvals waiting for a nominated
officer."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from rcc import access


def placement_record(user: Any, public_id: Any) -> dict[str, Any]:
    placement = access.get_placement_for_user(user, public_id)
    return {"placement": placement, "approvals": list(placement.approvals.all())}


def pending_approvals(user: Any) -> QuerySet:
    return access.approvals_for(user).filter(status="requested").order_by("placement__start_date")


def approval(user: Any, pk: Any):
    try:
        return access.approvals_for(user).get(pk=pk)
    except (ValueError, access.approvals_for(user).model.DoesNotExist):
        raise Http404 from None
