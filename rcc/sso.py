"""Single sign-on over OpenID Connect, one provider per council or region (ADR 0018).

Authlib is the OpenID client: discovery from the issuer, state, nonce and PKCE kept in the
session, the code exchanged at the token endpoint, and the ID token's signature checked
against the provider's JWKS and its ``iss``, ``aud``, ``exp``, ``iat`` and ``nonce`` claims
validated. This module decides what a verified identity may do here: nothing, unless an
active membership already ties that email to the provider's council or region.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import DjangoOAuth2App
from authlib.integrations.django_client.integration import DjangoIntegration
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django_otp import login as otp_login
from joserfc.errors import JoseError

from rcc import audit
from rcc.models import AccessRequest, IdentityProvider, Membership, SingleSignOnDevice, User
from rcc.roles import SCOPE_OF_ROLE, ScopeKind

SESSION_PROVIDER = "sso_provider_id"
SESSION_ID_TOKEN = "sso_id_token"  # noqa: S105 (a session key, not a secret)
# RFC 8176 authentication method references that mean more than one factor was checked.
MFA_AMR = {"mfa", "otp", "hwk", "sc"}
LEEWAY_SECONDS = 30
TIMEOUT_SECONDS = 10


class SignInFailed(Exception):
    """The provider's answer could not be trusted; the reason goes to the audit trail."""


def provider_for_email(email: str) -> IdentityProvider | None:
    """The active provider that signs in this email's domain, if any."""
    domain = email.rpartition("@")[2].strip().lower()
    if not domain:
        return None
    candidates = IdentityProvider.objects.filter(
        is_active=True, email_domains__icontains=domain
    ).select_related("local_authority", "region")
    return next((p for p in candidates if domain in p.domains), None)


def sign_in_origins() -> list[str]:
    """Where the council sign-in form may lead (its CSP's form-action): the active providers'
    issuer origins. Their authorization endpoints are assumed to share them, as Entra ID's,
    Google's and Okta's do."""
    origins = set()
    for issuer in IdentityProvider.objects.filter(is_active=True).values_list("issuer", flat=True):
        parts = urlsplit(issuer)
        origins.add(f"{parts.scheme}://{parts.netloc}")
    return sorted(origins)


def active_provider(pk) -> IdentityProvider | None:
    return IdentityProvider.objects.filter(pk=pk, is_active=True).first() if pk else None


def client_for(provider: IdentityProvider) -> DjangoOAuth2App:
    name = f"idp-{provider.pk}"
    return DjangoOAuth2App(
        DjangoIntegration(name),
        name,
        client_id=provider.client_id,
        client_secret=provider.client_secret,
        server_metadata_url=provider.issuer.rstrip("/") + "/.well-known/openid-configuration",
        client_kwargs={
            "scope": "openid email profile",
            "code_challenge_method": "S256",
            "default_timeout": TIMEOUT_SECONDS,
        },
    )


def metadata_for(client: DjangoOAuth2App, provider: IdentityProvider) -> dict:
    metadata = client.load_server_metadata()
    if metadata.get("issuer") != provider.issuer:
        # OpenID Connect Discovery 1.0, section 4.3: the document must name the issuer asked.
        raise SignInFailed("discovery issuer does not match")
    return metadata


def start(*, request, provider: IdentityProvider, redirect_uri: str, email: str):
    """The redirect to the provider; state, nonce and the PKCE verifier stay in the session."""
    client = client_for(provider)
    try:
        metadata_for(client, provider)
    except (OSError, ValueError) as exc:
        raise SignInFailed("provider unreachable") from exc
    request.session[SESSION_PROVIDER] = provider.pk
    return client.authorize_redirect(request, redirect_uri, login_hint=email)


def finish(*, request, provider: IdentityProvider) -> dict:
    """The verified ID token's claims, or SignInFailed."""
    client = client_for(provider)
    try:
        metadata_for(client, provider)
        token = client.authorize_access_token(
            request,
            claims_options={
                "iss": {"essential": True, "values": [provider.issuer]},
                "aud": {"essential": True, "value": provider.client_id},  # Authlib checks azp only
            },
            leeway=LEEWAY_SECONDS,
        )
    except SignInFailed:
        raise
    except (OAuthError, JoseError) as exc:
        raise SignInFailed(f"{type(exc).__name__}: {exc}") from exc
    except (OSError, ValueError, KeyError) as exc:
        raise SignInFailed(f"provider error: {type(exc).__name__}") from exc
    claims = token.get("userinfo")
    if not claims:
        raise SignInFailed("no ID token")
    request.session[SESSION_ID_TOKEN] = token["id_token"]
    return dict(claims)


def asserts_mfa(provider: IdentityProvider, claims: dict) -> bool:
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return bool(MFA_AMR & set(amr)) or (claims.get("acr") in provider.mfa_acrs)


def _scope_filter(provider: IdentityProvider) -> Q:
    if provider.local_authority_id:
        return Q(local_authority_id=provider.local_authority_id)
    return Q(region_id=provider.region_id) | Q(local_authority__region_id=provider.region_id)


def member_for(provider: IdentityProvider, email: str) -> User | None:
    """The active user with this email who holds a membership of the provider's scope."""
    membership = (
        Membership.objects.filter(_scope_filter(provider), user__email=email, user__is_active=True)
        .select_related("user")
        .first()
    )
    return membership.user if membership else None


@dataclass(frozen=True)
class Outcome:
    user: User | None = None
    access_request: AccessRequest | None = None
    mfa_by_provider: bool = False


def verified_email(provider: IdentityProvider, claims: dict) -> str:
    email = str(claims.get("email") or "").strip().lower()
    if not email or claims.get("email_verified") is False:
        raise SignInFailed("no verified email")
    if email.rpartition("@")[2] not in provider.domains:
        raise SignInFailed("email domain not allowed for this provider")
    return email


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


def logout_url(*, provider: IdentityProvider, id_token: str, return_to: str) -> str | None:
    """The provider's end-session address (RP-initiated logout), if it advertises one."""
    try:
        metadata = metadata_for(client_for(provider), provider)
    except (SignInFailed, OSError, ValueError):
        return None
    endpoint = metadata.get("end_session_endpoint")
    if not endpoint:
        return None
    query = urlencode(
        {
            "id_token_hint": id_token,
            "post_logout_redirect_uri": return_to,
            "client_id": provider.client_id,
        }
    )
    return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"


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
