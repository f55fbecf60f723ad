"""Finding a council's identity provider and the member a verified identity belongs to."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.db.models import Q

from rcc.models import IdentityProvider, Membership, User


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


def domains_of_other_providers(provider_pk: int | None) -> set[str]:
    """The email domains the other active providers sign in (a domain has one provider)."""
    others = IdentityProvider.objects.filter(is_active=True).exclude(pk=provider_pk)
    return {domain for other in others for domain in other.domains}
