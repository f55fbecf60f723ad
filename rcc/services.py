"""State changes of the tenancy core. Each is atomic and audited."""

from __future__ import annotations

from django.contrib.auth import update_session_auth_hash
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from rcc import audit
from rcc.accounts import is_shared_address
from rcc.models import LocalAuthority, Membership, Region, User
from rcc.roles import Role


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
