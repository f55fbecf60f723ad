"""Read queries of the tenancy core, already scoped by rcc.access."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from rcc import access
from rcc.models import AuditEvent, LocalAuthority, Membership, User
from rcc.roles import API_ROLES


def audit_events(user: Any, filters: dict[str, Any]) -> QuerySet[AuditEvent]:
    events = access.audit_events_for(user)
    if filters.get("action"):
        events = events.filter(action__icontains=filters["action"])
    if filters.get("actor"):
        events = events.filter(actor_email__icontains=filters["actor"])
    tz = timezone.get_current_timezone()
    if filters.get("date_from"):
        events = events.filter(
            occurred_at__gte=datetime.combine(filters["date_from"], time.min, tz)
        )
    if filters.get("date_to"):
        events = events.filter(occurred_at__lte=datetime.combine(filters["date_to"], time.max, tz))
    return events


def users_without_mfa(user: Any) -> QuerySet[User]:
    confirmed = TOTPDevice.objects.filter(confirmed=True).values("user_id")
    return access.users_for(user).filter(is_active=True).exclude(pk__in=confirmed)


def active_emails() -> list[str]:
    """Every active account's address (the system check for shared accounts reads them)."""
    return list(User.objects.filter(is_active=True).values_list("email", flat=True))


def membership_for_new_key(email: str, role: str | None) -> Membership | None:
    """The active user's first membership (or the one in ``role``), for ``issue_api_key``."""
    memberships = Membership.objects.filter(user__email=email.lower(), user__is_active=True)
    if role:
        memberships = memberships.filter(role=role)
    return memberships.order_by("id").first()


def memberships_for_new_keys(user: Any) -> QuerySet[Membership]:
    """Memberships the administrator may issue a key for, in the roles a key may act in."""
    return access.memberships_for_api_keys(user).filter(role__in=API_ROLES)


def councils_by_code(codes: list[str] | None) -> QuerySet[LocalAuthority]:
    """For management commands (run by an operator, not a signed-in person): the councils of
    these GSS codes, or every council when ``codes`` is None."""
    councils = LocalAuthority.objects.select_related("region")
    return councils if codes is None else councils.filter(gss_code__in=codes)
