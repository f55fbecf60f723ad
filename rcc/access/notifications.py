"""Notifications belong to their recipient alone: nobody else, whatever their role, sees them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from rcc.access.scoping import get
from rcc.models import Notification


def notifications_for(user: Any) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=user.pk)


def get_notification_for_user(user: Any, public_id: Any) -> Notification:
    """The person's own notification, or the same 404 for missing and not theirs."""
    return get(notifications_for(user), public_id=public_id)
