"""Issuing, checking and revoking API keys (format ``rcc_<prefix>_<secret>``)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.db import transaction
from django.utils import timezone

from rcc import audit
from rcc.models import ApiKey, Membership, User
from rcc.roles import Role
from rcc.services import ServiceError

API_ROLES = {
    Role.SOCIAL_WORKER,
    Role.TEAM_MANAGER,
    Role.COMMISSIONER,
    Role.ANALYST,
    Role.PROVIDER_STAFF,
    Role.DFE_ANALYST,
    Role.PLATFORM_ADMIN,
}


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def issue_api_key(*, actor: User | None, membership: Membership, name: str) -> tuple[ApiKey, str]:
    """Make a key acting in ``membership``; returns the key row and the only copy of the key."""
    if membership.role not in API_ROLES:
        raise ServiceError(f"{membership.get_role_display()} accounts cannot have API keys")
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        membership=membership, name=name, prefix=prefix, key_hash=_hash(secret), created_by=actor
    )
    audit.record(actor=actor, action="api_key.issued", obj=key, region=membership.region)
    return key, f"rcc_{prefix}_{secret}"


@transaction.atomic
def revoke_api_key(*, actor: User | None, key: ApiKey) -> None:
    if key.revoked_at is None:
        ApiKey.objects.filter(pk=key.pk).update(revoked_at=timezone.now())
        audit.record(actor=actor, action="api_key.revoked", obj=key)


def check_api_key(presented: str) -> ApiKey | None:
    """The live key matching ``presented``, or None. Compares hashes in constant time."""
    parts = presented.split("_", 2)
    if len(parts) != 3 or parts[0] != "rcc":
        return None
    key = (
        ApiKey.objects.select_related("membership__user")
        .filter(prefix=parts[1], revoked_at__isnull=True)
        .first()
    )
    if key is None or not hmac.compare_digest(key.key_hash, _hash(parts[2])):
        return None
    if not key.membership.user.is_active:
        return None
    return key
