"""Read queries of the tenancy core, already scoped by rcc.access."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from rcc import access
from rcc.models import AuditEvent, User


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
