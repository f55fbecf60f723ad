"""The audit trail: explicit calls from services (and child-record views), never signals.

Values of changed fields are not stored, only their names: the trail says that
a child's address changed, not what it is.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from rcc import context
from rcc.models import AuditEvent, LocalAuthority, Region, User


def record(
    *,
    actor: User | None,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    local_authority: LocalAuthority | None = None,
    region: Region | None = None,
    changed_fields: Iterable[str] = (),
    metadata: dict[str, Any] | None = None,
) -> AuditEvent:
    """Write one audit event; the request's id, address and acting role come from context."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
    if region is None and local_authority is not None:
        region = local_authority.region
    ctx = context.current()
    actor = actor if actor is not None and actor.is_authenticated else None
    return AuditEvent.objects.create(
        actor=actor,
        actor_email=actor.email if actor else "",
        acting_role=ctx.acting_role,
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        local_authority=local_authority,
        region=region,
        ip_address=ctx.ip_address,
        request_id=ctx.request_id,
        changed_fields=sorted(changed_fields),
        metadata=metadata or {},
    )
