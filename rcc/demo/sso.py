"""Seed Bolton's identity provider (pointing at the demo's local OpenID provider) and the
members it signs in (ADR 0023)."""

from __future__ import annotations

from rcc import services
from rcc.demo import sso_identities as demo
from rcc.models import IdentityProvider, LocalAuthority, User
from rcc.roles import Role


def seed_single_sign_on() -> list[str]:
    """Bolton's provider and its members; the lines ``seed_demo`` prints about them."""
    bolton = LocalAuthority.objects.get(name="Bolton")
    provider, _ = IdentityProvider.objects.update_or_create(
        local_authority=bolton,
        defaults={
            "name": "Bolton Council",
            "issuer": demo.ISSUER,
            "client_id": demo.CLIENT_ID,
            "client_secret": demo.CLIENT_SECRET,
            "email_domains": demo.DOMAIN,
            "is_active": True,
        },
    )
    for sub, claims in demo.IDENTITIES:
        if sub not in demo.MEMBERS or User.objects.filter(email=claims["email"]).exists():
            continue
        # No password here: these people sign in only through their council's account.
        user = services.create_user(
            email=claims["email"], full_name=claims["name"], password=None, actor=None
        )
        services.grant_membership(
            user=user, role=Role.SOCIAL_WORKER, actor=None, local_authority=bolton
        )
    lines = [
        f"Council sign-in: {provider.name}'s OpenID provider at {provider.issuer}"
        " (started by make demo). Choose 'Sign in with your council account':"
    ]
    for sub, claims in demo.IDENTITIES:
        what = (
            "no role yet: an access request for the platform administrator"
            if sub not in demo.MEMBERS
            else "social worker, Bolton"
            + ("; the provider's MFA counts" if "mfa" in claims["amr"] else "; then a code")
        )
        lines.append(f"  {claims['email']}  {what}")
    return lines
