"""What a verified identity may do here: nothing, unless an active membership already ties
that email to the provider's council or region; otherwise an access request that a platform
administrator approves (ADR 0023)."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import login
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_otp import login as otp_login

from rcc import audit
from rcc.models import AccessRequest, IdentityProvider, Membership, SingleSignOnDevice, User
from rcc.roles import SCOPE_OF_ROLE, ScopeKind
from rcc.sso.client import (
    SESSION_ID_TOKEN,
    SESSION_PROVIDER,
    SignInFailed,
    asserts_mfa,
    finish,
    start,
    verified_email,
)
from rcc.sso.selectors import member_for, provider_for_email


@dataclass(frozen=True)
class Outcome:
    user: User | None = None
    access_request: AccessRequest | None = None
    mfa_by_provider: bool = False


@transaction.atomic
def decide(*, provider: IdentityProvider, claims: dict) -> Outcome:
    """Match the identity to a member, or file (or find) their pending access request."""
    email = verified_email(provider, claims)
    user = member_for(provider, email)
    scope = {"local_authority": provider.local_authority, "region": provider.region}
    if user is not None:
        mfa = asserts_mfa(provider, claims)
        audit.record(
            actor=user,
            action="auth.sso_matched",
            obj=provider,
            metadata={"mfa_by_provider": mfa},
            **scope,
        )
        return Outcome(user=user, mfa_by_provider=mfa)
    pending = AccessRequest.objects.filter(
        identity_provider=provider, email=email, status=AccessRequest.Status.PENDING
    ).first()
    if pending is None:
        try:
            with transaction.atomic():
                pending = AccessRequest.objects.create(
                    identity_provider=provider,
                    email=email,
                    full_name=str(claims.get("name") or "")[:150],
                    subject=str(claims.get("sub") or "")[:255],
                )
        except IntegrityError:  # the same person's other tab got there first
            pending = AccessRequest.objects.get(
                identity_provider=provider, email=email, status=AccessRequest.Status.PENDING
            )
        else:
            audit.record(actor=None, action="auth.sso_access_requested", obj=pending, **scope)
    return Outcome(access_request=pending)


def verify_by_provider(*, request, user: User, provider: IdentityProvider) -> None:
    """Count the provider's multi-factor check as this session's second factor."""
    device, _ = SingleSignOnDevice.objects.get_or_create(
        user=user,
        identity_provider=provider,
        defaults={"name": f"Multi-factor sign-in at {provider.name}", "confirmed": True},
    )
    otp_login(request, device)
    audit.record(actor=user, action="auth.mfa_by_provider", obj=user)


def record_failure(*, provider: IdentityProvider | None, reason: str) -> None:
    audit.record(
        actor=None,
        action="auth.sso_failed",
        obj=provider,
        object_type="" if provider else "rcc.identityprovider",
        metadata={"reason": reason[:200]},
    )


def approve_roles(provider: IdentityProvider) -> list[str]:
    kind = ScopeKind.COUNCIL if provider.local_authority_id else ScopeKind.REGION
    return [role for role, scope in SCOPE_OF_ROLE.items() if scope == kind]


@transaction.atomic
def approve_access_request(*, actor: User, access_request: AccessRequest, role: str) -> Membership:
    """A platform administrator gives the person a role in the provider's council or region.
    Exactly once: the request moves from pending only by a conditional update."""
    provider = access_request.identity_provider
    if role not in approve_roles(provider):
        raise ValueError("That role does not fit this provider's council or region")
    claimed = AccessRequest.objects.filter(
        pk=access_request.pk, status=AccessRequest.Status.PENDING
    ).update(status=AccessRequest.Status.APPROVED, decided_at=timezone.now(), decided_by=actor)
    if not claimed:
        raise ValueError("This request has already been decided")
    user = User.objects.filter(email=access_request.email).first()
    if user is None:
        user = User.objects.create_user(
            access_request.email, None, full_name=access_request.full_name or ""
        )
    membership, _ = Membership.objects.get_or_create(
        user=user,
        role=role,
        local_authority=provider.local_authority,
        region=provider.region,
        provider=None,
    )
    AccessRequest.objects.filter(pk=access_request.pk).update(membership=membership)
    audit.record(
        actor=actor,
        action="auth.sso_access_approved",
        obj=access_request,
        local_authority=provider.local_authority,
        region=provider.region,
        metadata={"role": role, "membership": membership.pk},
    )
    return membership


@transaction.atomic
def decline_access_request(*, actor: User, access_request: AccessRequest) -> bool:
    declined = AccessRequest.objects.filter(
        pk=access_request.pk, status=AccessRequest.Status.PENDING
    ).update(status=AccessRequest.Status.DECLINED, decided_at=timezone.now(), decided_by=actor)
    if declined:
        audit.record(actor=actor, action="auth.sso_access_declined", obj=access_request)
    return bool(declined)


NO_PROVIDER = (
    "Your organisation does not sign in to this service with its own account. "
    "Sign in with your email address and password instead"
)
NOT_ANSWERING = "Your organisation's sign-in service is not answering. Try again later"


def begin(*, request, email: str, redirect_uri: str):
    """The redirect to the council's provider for this email, or the error to show."""
    provider = provider_for_email(email)
    if provider is None:
        record_failure(provider=None, reason="unknown domain")
        return None, NO_PROVIDER
    try:
        response = start(request=request, provider=provider, redirect_uri=redirect_uri, email=email)
    except SignInFailed as exc:
        record_failure(provider=provider, reason=str(exc))
        return None, NOT_ANSWERING
    return response, None


def complete(*, request, provider: IdentityProvider) -> Outcome | None:
    """Check the provider's answer and sign the member in (None: it could not be trusted).
    The session's second factor is the provider's when it asserted multi-factor."""
    try:
        claims = finish(request=request, provider=provider)
        outcome = decide(provider=provider, claims=claims)
    except SignInFailed as exc:
        record_failure(provider=provider, reason=str(exc))
        return None
    id_token = request.session.pop(SESSION_ID_TOKEN, None)
    if outcome.user is None:
        return outcome
    login(request, outcome.user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[SESSION_PROVIDER] = provider.pk  # sign-out needs them
    request.session[SESSION_ID_TOKEN] = id_token
    if outcome.mfa_by_provider:
        verify_by_provider(request=request, user=outcome.user, provider=provider)
    return outcome
