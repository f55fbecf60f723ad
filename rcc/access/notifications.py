"""Notifications belong to their recipient alone: nobody else, whatever their role, sees them."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from rcc.access.core import roles_with
from rcc.access.scoping import get
from rcc.models import Membership, Notification, User


def notifications_for(user: Any) -> QuerySet[Notification]:
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    return Notification.objects.filter(recipient_id=user.pk)


def get_notification_for_user(user: Any, public_id: Any) -> Notification:
    """The person's own notification, or the same 404 for missing and not theirs."""
    return get(notifications_for(user), public_id=public_id)


def emails_wanted_by(user_ids: list[int]) -> list[str]:
    """The addresses of these people, leaving out those who turned email off."""
    people = User.objects.filter(pk__in=user_ids, is_active=True)
    return list(
        people.exclude(notification_preference__email=False).values_list("email", flat=True)
    )


def council_people_in_region_who_can(
    permission: str, *, region_id: int, except_council_id: int | None = None
) -> QuerySet[User]:
    """Active people holding ``permission`` in a membership of any council of the region."""
    memberships = Membership.objects.filter(
        role__in=roles_with(permission), local_authority__region_id=region_id
    )
    if except_council_id is not None:
        memberships = memberships.exclude(local_authority_id=except_council_id)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))
