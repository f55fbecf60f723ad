"""The acting membership: a person may hold more than one; they act in one at a time."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import Http404

from rcc.models import Membership, User
from rcc.roles import Role

_SESSION_KEY = "acting_membership_id"
NATIONAL_ROLES = (Role.PLATFORM_ADMIN, Role.DFE_ANALYST)


def memberships_of(user: Any) -> list[Membership]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user).select_related(
                "local_authority__region", "region", "provider"
            )
        )
        user._memberships = cached
    return cached


def acting_membership(user: Any, session: Mapping[str, Any] | None = None) -> Membership | None:
    """The membership the user is acting in now: their choice this session, else their first."""
    if session is not None:
        user._acting_membership_id = session.get(_SESSION_KEY)
    memberships = memberships_of(user)
    chosen = getattr(user, "_acting_membership_id", None)
    for membership in memberships:
        if membership.pk == chosen:
            return membership
    return memberships[0] if memberships else None


def choose_membership(session: Any, user: User, membership_id: int) -> Membership:
    """Switch the acting membership to one of the user's own (404 for anyone else's)."""
    for membership in memberships_of(user):
        if membership.pk == membership_id:
            session[_SESSION_KEY] = membership.pk
            user._acting_membership_id = membership.pk
            return membership
    raise Http404


def acting_role(user: Any) -> str | None:
    membership = acting_membership(user)
    return membership.role if membership else None


def region_id(user: Any) -> int | None:
    membership = acting_membership(user)
    return membership.region_id_in_scope if membership else None


def council_id(user: Any) -> int | None:
    membership = acting_membership(user)
    return membership.local_authority_id if membership else None


def provider_id(user: Any) -> int | None:
    membership = acting_membership(user)
    return membership.provider_id if membership else None


def is_national(user: Any) -> bool:
    return acting_role(user) in NATIONAL_ROLES
