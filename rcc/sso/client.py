"""The OpenID Connect client for one council's or region's provider (ADR 0023).

Authlib does the protocol: discovery from the issuer, state, nonce and the PKCE verifier kept
in the session (each used once), the code exchanged at the token endpoint, and the ID token's
signature checked against the provider's JWKS with its ``iss``, ``aud``, ``exp``, ``iat``,
``azp`` and ``nonce`` claims validated. No database queries here.
"""

from __future__ import annotations

from urllib.parse import urlencode

from authlib.integrations.base_client import OAuthError
from authlib.integrations.django_client import DjangoOAuth2App
from authlib.integrations.django_client.integration import DjangoIntegration
from joserfc.errors import JoseError

from rcc.models import IdentityProvider

SESSION_PROVIDER = "sso_provider_id"
SESSION_ID_TOKEN = "sso_id_token"  # noqa: S105 (a session key, not a secret)
# RFC 8176 authentication method references that mean more than one factor was checked.
MFA_AMR = {"mfa", "otp", "hwk", "sc"}
LEEWAY_SECONDS = 30
TIMEOUT_SECONDS = 10


class SignInFailed(Exception):
    """The provider's answer could not be trusted; the reason goes to the audit trail."""


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


def verified_email(provider: IdentityProvider, claims: dict) -> str:
    email = str(claims.get("email") or "").strip().lower()
    if not email or claims.get("email_verified") is False:
        raise SignInFailed("no verified email")
    if email.rpartition("@")[2] not in provider.domains:
        raise SignInFailed("email domain not allowed for this provider")
    return email


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
