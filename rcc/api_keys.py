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
    if not membership.user.is_active:
        raise ServiceError("This person's account is deactivated: it cannot have an API key")
    name = name.strip()
    if not name:
        raise ServiceError("Give the key a name that says what uses it")
    prefix, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
    key = ApiKey.objects.create(
        membership=membership, name=name, prefix=prefix, key_hash=_hash(secret), created_by=actor
    )
    audit.record(actor=actor, action="api_key.issued", obj=key, region=membership.region)
    return key, f"rcc_{prefix}_{secret}"


@transaction.atomic
def revoke_api_key(*, actor: User | None, key: ApiKey) -> bool:
    """Revoke ``key`` at once; False (and nothing written) if it already was."""
    revoked = ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        audit.record(actor=actor, action="api_key.revoked", obj=key, region=_region(key))
    return bool(revoked)


@transaction.atomic
def rotate_api_key(*, actor: User | None, key: ApiKey) -> tuple[ApiKey, str]:
    """Replace ``key`` by a new one for the same membership and name, in one transaction:
    the old key stops working exactly when the new one exists. A revoked key (or one a
    concurrent rotation already replaced) cannot be rotated: the conditional UPDATE sees it."""
    if not ApiKey.objects.filter(pk=key.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    ):
        raise ServiceError("This key is already revoked: issue a new one instead")
    new_key, secret = issue_api_key(actor=actor, membership=key.membership, name=key.name)
    audit.record(
        actor=actor,
        action="api_key.rotated",
        obj=key,
        region=_region(key),
        metadata={"old_prefix": key.prefix, "new_prefix": new_key.prefix, "new_key": new_key.pk},
    )
    return new_key, secret


def _region(key: ApiKey):
    membership = key.membership
    return membership.region or (
        membership.local_authority.region if membership.local_authority_id else None
    )


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
