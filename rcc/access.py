"""THE one place that says who may see and do what.

Three kinds of thing live here, and views, templates, API and selectors ask them
the same way:
- permission constants (``VIEW_AUDIT_LOG``), evaluated by django-rules predicates
  against the user's *acting* membership (a person may hold more than one);
- queryset scopes (``audit_events_for(user)``): the only entry points selectors
  use for tenant-scoped tables;
- ``get_<thing>_for_user`` helpers that raise the same 404 for "missing" and
  "not yours".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import rules
from django.db.models import Q, QuerySet
from django.http import Http404

from rcc.models import AuditEvent, LocalAuthority, Membership, Region, User
from rcc.roles import Role

# Permission constants -------------------------------------------------------------
VIEW_DASHBOARD = "rcc.view_dashboard"
VIEW_AUDIT_LOG = "rcc.view_audit_log"
USE_ADMIN = "rcc.use_admin"
MANAGE_USERS = "rcc.manage_users"

_SESSION_KEY = "acting_membership_id"

# Tables whose rows belong to a tenant (a council, region or provider). Views and API
# modules must not query these directly: they go through the scopes below
# (``manage.py lint_scoping`` enforces it). Apps add their models as they arrive.
TENANT_SCOPED_MODELS: set[str] = {
    "rcc.AuditEvent",
    "rcc.Membership",
    "rcc.User",
    "rcc.LocalAuthority",
    "providers.ProviderOrganisation",
}


# The acting membership -------------------------------------------------------------
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


# Predicates ---------------------------------------------------------------------------
def _acts_as(*roles: str) -> rules.Predicate:
    @rules.predicate(name=f"acts_as({', '.join(roles)})")
    def predicate(user: Any) -> bool:
        return acting_role(user) in roles

    return predicate


is_social_worker = _acts_as(Role.SOCIAL_WORKER)
is_team_manager = _acts_as(Role.TEAM_MANAGER)
is_commissioner = _acts_as(Role.COMMISSIONER)
is_analyst = _acts_as(Role.ANALYST)
is_provider_staff = _acts_as(Role.PROVIDER_STAFF)
is_hub_officer = _acts_as(Role.HUB_OFFICER)
is_partner = _acts_as(Role.PARTNER)
is_dfe_analyst = _acts_as(Role.DFE_ANALYST)
is_platform_admin = _acts_as(Role.PLATFORM_ADMIN)
has_any_role = _acts_as(*Role.values)

rules.add_perm(VIEW_DASHBOARD, has_any_role)
rules.add_perm(VIEW_AUDIT_LOG, is_platform_admin | is_commissioner)
rules.add_perm(USE_ADMIN, is_platform_admin)
rules.add_perm(MANAGE_USERS, is_platform_admin)


def can(user: Any, permission: str, obj: Any = None) -> bool:
    return bool(user.has_perm(permission, obj))


# Queryset scopes ---------------------------------------------------------------------
def councils_for(user: Any) -> QuerySet[LocalAuthority]:
    membership = acting_membership(user)
    councils = LocalAuthority.objects.select_related("region")
    if membership is None:
        return councils.none()
    if membership.local_authority_id:
        return councils.filter(pk=membership.local_authority_id)
    if membership.region_id:
        return councils.filter(region_id=membership.region_id)
    if membership.role in (Role.PLATFORM_ADMIN, Role.DFE_ANALYST):
        return councils
    return councils.none()


def regions_for(user: Any) -> QuerySet[Region]:
    membership = acting_membership(user)
    if membership is None:
        return Region.objects.none()
    region_id = membership.region_id_in_scope
    if region_id:
        return Region.objects.filter(pk=region_id)
    if membership.role in (Role.PLATFORM_ADMIN, Role.DFE_ANALYST):
        return Region.objects.all()
    return Region.objects.none()


def audit_events_for(user: Any) -> QuerySet[AuditEvent]:
    """Admins see the whole trail; a commissioner sees their region's events."""
    events = AuditEvent.objects.select_related("local_authority", "region")
    if not can(user, VIEW_AUDIT_LOG):
        return events.none()
    membership = acting_membership(user)
    if membership.role == Role.PLATFORM_ADMIN:
        return events
    return events.filter(
        Q(region_id=membership.region_id) | Q(local_authority__region_id=membership.region_id)
    )


def users_for(user: Any) -> QuerySet[User]:
    if not can(user, MANAGE_USERS):
        return User.objects.none()
    return User.objects.all()


# get_<thing>_for_user ----------------------------------------------------------------
def get_audit_event_for_user(user: Any, public_id: Any) -> AuditEvent:
    try:
        return audit_events_for(user).get(public_id=public_id)
    except (AuditEvent.DoesNotExist, ValueError):
        raise Http404 from None


# The back office (Django admin) ------------------------------------------------------
BACK_OFFICE_APPS = (
    "rcc",
    "providers",
    "placements",
    "sufficiency",
    "fostering",
    "otp_totp",
    "axes",
)


def register_back_office_permissions() -> None:
    """Platform administrators hold the admin's model permissions; nobody else does.

    No account is a Django superuser: a superuser passes every permission check,
    whatever role they are acting in.
    """
    from django.apps import apps

    for label in BACK_OFFICE_APPS:
        if not apps.is_installed(apps.get_app_config(label).name):
            continue
        rules.set_perm(label, is_platform_admin)
        for model in apps.get_app_config(label).get_models():
            for action in model._meta.default_permissions:
                rules.set_perm(f"{label}.{action}_{model._meta.model_name}", is_platform_admin)
