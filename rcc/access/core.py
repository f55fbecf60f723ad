"""The ground floor's own records: councils, regions, the audit trail, API keys, users."""

from __future__ import annotations

import functools
from types import SimpleNamespace
from typing import Any

import rules
from django.db.models import Q, QuerySet

from rcc.access import permissions as p
from rcc.access.membership import acting_membership, is_national
from rcc.access.predicates import can
from rcc.access.scoping import get
from rcc.models import ApiKey, AuditEvent, LocalAuthority, Membership, Region, User
from rcc.roles import Role


def councils_for(user: Any) -> QuerySet[LocalAuthority]:
    membership = acting_membership(user)
    councils = LocalAuthority.objects.select_related("region")
    if membership is None:
        return councils.none()
    if membership.local_authority_id:
        return councils.filter(pk=membership.local_authority_id)
    if membership.region_id:
        return councils.filter(region_id=membership.region_id)
    if is_national(user):
        return councils
    return councils.none()


def regions_for(user: Any) -> QuerySet[Region]:
    membership = acting_membership(user)
    if membership is None:
        return Region.objects.none()
    if membership.region_id_in_scope:
        return Region.objects.filter(pk=membership.region_id_in_scope)
    if is_national(user):
        return Region.objects.all()
    return Region.objects.none()


def audit_events_for(user: Any) -> QuerySet[AuditEvent]:
    """Admins see the whole trail; a commissioner sees their region's events."""
    from rcc.access.predicates import is_platform_admin

    events = AuditEvent.objects.select_related("local_authority", "region")
    if not can(user, p.VIEW_AUDIT_LOG):
        return events.none()
    if is_platform_admin(user):
        return events
    region_id = acting_membership(user).region_id
    return events.filter(Q(region_id=region_id) | Q(local_authority__region_id=region_id))


def get_audit_event_for_user(user: Any, public_id: Any) -> AuditEvent:
    return get(audit_events_for(user), public_id=public_id)


def api_keys_for(user: Any) -> QuerySet[ApiKey]:
    """Platform administrators: every API key. Nobody else manages keys."""
    keys = ApiKey.objects.select_related(
        "membership__user",
        "membership__local_authority",
        "membership__region",
        "membership__provider",
        "created_by",
    )
    if not can(user, p.MANAGE_API_KEYS):
        return keys.none()
    return keys


def get_api_key_for_user(user: Any, pk: Any) -> ApiKey:
    return get(api_keys_for(user), pk=pk)


def memberships_for_api_keys(user: Any) -> QuerySet[Membership]:
    """Memberships a platform administrator may issue a key for (active users only)."""
    if not can(user, p.MANAGE_API_KEYS):
        return Membership.objects.none()
    return Membership.objects.filter(user__is_active=True).select_related(
        "user", "local_authority", "region", "provider"
    )


def users_for(user: Any) -> QuerySet[User]:
    if not can(user, p.MANAGE_USERS):
        return User.objects.none()
    return User.objects.all()


# Who may: for choosing recipients and panels by permission, never by role name --------------
@functools.cache
def roles_with(permission: str) -> frozenset[str]:
    """The roles whose members hold a permission that needs no object."""
    found = set()
    for role in Role.values:
        person = SimpleNamespace(
            is_authenticated=True, is_active=True, _memberships=[Membership(role=role)]
        )
        if rules.has_perm(permission, person):
            found.add(role)
    return frozenset(found)


def people_who_can(
    permission: str,
    *,
    council_id: int | None = None,
    region_id: int | None = None,
    provider_id: int | None = None,
) -> QuerySet[User]:
    """Active people holding ``permission`` in a membership of this council, region or
    provider (each given scope must match)."""
    memberships = Membership.objects.filter(role__in=roles_with(permission))
    if council_id is not None:
        memberships = memberships.filter(local_authority_id=council_id)
    if region_id is not None:
        memberships = memberships.filter(region_id=region_id)
    if provider_id is not None:
        memberships = memberships.filter(provider_id=provider_id)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))
