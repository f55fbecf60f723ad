"""State changes of the tenancy core. Each is atomic and audited."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.contrib.auth import update_session_auth_hash
from django.db import transaction
from django.utils import timezone
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from rcc import audit
from rcc.accounts import is_shared_address
from rcc.models import ApiKey, LocalAuthority, Membership, Region, User
from rcc.roles import API_ROLES, Role


class ServiceError(Exception):
    """A business rule said no; the message is fit to show the user."""


@transaction.atomic
def create_user(*, email: str, full_name: str, password: str | None, actor: User | None) -> User:
    if is_shared_address(email):
        raise ServiceError("Accounts are personal: use the person's own email address.")
    user = User.objects.create_user(email=email, full_name=full_name, password=password)
    audit.record(actor=actor, action="user.created", obj=user)
    return user


@transaction.atomic
def grant_membership(
    *,
    user: User,
    role: Role | str,
    actor: User | None,
    local_authority: LocalAuthority | None = None,
    region: Region | None = None,
    provider=None,
) -> Membership:
    membership = Membership.objects.create(
        user=user, role=role, local_authority=local_authority, region=region, provider=provider
    )
    if role == Role.PLATFORM_ADMIN and not user.is_staff:
        User.objects.filter(pk=user.pk).update(is_staff=True)
        user.is_staff = True
    audit.record(
        actor=actor,
        action="membership.granted",
        obj=membership,
        local_authority=local_authority,
        region=region,
        metadata={"role": str(role), "user": user.pk},
    )
    return membership


def pending_totp_device(user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator, made once so reloading the page keeps the secret."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def totp_device_for(user: User) -> tuple[TOTPDevice, bool]:
    """The user's confirmed authenticator, or a pending one to enrol (and True)."""
    device = confirmed_totp_device(user)
    if device is not None:
        return device, False
    return pending_totp_device(user), True


@transaction.atomic
def verify_second_factor(*, request, user: User, token: str) -> bool:
    """Check a code against the user's authenticator; on success, mark the session verified.

    A first successful code confirms a pending device (enrolment). A code is
    accepted once only: django-otp remembers the last time step used.
    """
    device = confirmed_totp_device(user)
    enrolling = device is None
    if enrolling:
        device = pending_totp_device(user)
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if not device.verify_token(token):
        audit.record(actor=user, action="auth.mfa_failed", obj=user)
        return False
    if enrolling:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit.record(actor=user, action="auth.mfa_enrolled", obj=user)
    otp_login(request, device)
    audit.record(actor=user, action="auth.mfa_verified", obj=user)
    return True


@transaction.atomic
def reset_second_factor(*, actor: User, user: User, reason: str) -> None:
    """An administrator removes a user's authenticator after re-proofing them in person."""
    if not reason.strip():
        raise ServiceError("Give the reason for resetting two-factor authentication")
    TOTPDevice.objects.filter(user=user).delete()
    audit.record(actor=actor, action="auth.mfa_reset", obj=user, metadata={"reason": reason})


@transaction.atomic
def change_password(*, request, user: User, new_password: str) -> None:
    user.set_password(new_password)
    user.save(update_fields=["password"])
    update_session_auth_hash(request, user)
    audit.record(actor=user, action="auth.password_changed", obj=user)


# API keys (format ``rcc_<prefix>_<secret>``) ---------------------------------------------


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


# A key's "last used" is shown to the minute: writing it on every request made each API
# read a write as well (bench/burst.py, docs/adr/0016-bench-harness.md).
LAST_USED_PRECISION = timedelta(minutes=1)


def mark_api_key_used(key: ApiKey) -> None:
    """When the key was last used: one UPDATE, at most once a minute a key, no audit event
    (every request would make one)."""
    now = timezone.now()
    if key.last_used_at is not None and now - key.last_used_at < LAST_USED_PRECISION:
        return
    ApiKey.objects.filter(pk=key.pk).update(last_used_at=now)
    key.last_used_at = now


# Idempotency-Key (the API's POSTs, rcc/api/idempotency.py; ADR 0022) ------------------------


def find_idempotency_record(*, api_key: ApiKey, key: str):
    from rcc.models import IdempotencyRecord

    return IdempotencyRecord.objects.filter(api_key=api_key, key=key).first()


def begin_idempotent_request(*, api_key: ApiKey, key: str, request_hash: str):
    """Claim ``key`` for this API key (IntegrityError if a request already did); call inside
    the transaction that acts, so a rolled-back action frees the key again."""
    from rcc.models import IdempotencyRecord

    return IdempotencyRecord.objects.create(api_key=api_key, key=key, request_hash=request_hash)


def store_idempotent_answer(*, record, status_code: int, response) -> None:
    record.status_code, record.response = status_code, response
    record.save(update_fields=["status_code", "response"])
