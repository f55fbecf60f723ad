"""Placements: the approvals waiting for a nominated officer."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from rcc import access


def pending_approvals(user: Any) -> QuerySet:
    return access.approvals_for(user).filter(status="requested").order_by("placement__start_date")


def approval(user: Any, pk: Any):
    try:
        return access.approvals_for(user).get(pk=pk)
    except (ValueError, access.approvals_for(user).model.DoesNotExist):
        raise Http404 from None
