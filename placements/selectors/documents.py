"""What the documents and conversation pages show, each in a fixed number of queries."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet

from rcc import access


def referral_documents(user: Any, referral: Any) -> QuerySet:
    """The referral's documents, each with the distributions it is released on."""
    releases = access.objects("placements.DocumentRelease").select_related("distribution__provider")
    return (
        access.documents_for(user)
        .filter(referral=referral)
        .prefetch_related(Prefetch("releases", queryset=releases))
    )


def referral_distributions(user: Any, referral: Any) -> list[Any]:
    return list(access.distributions_for(user).filter(referral=referral).select_related("provider"))


def released_documents(user: Any, distribution: Any) -> list[Any]:
    """The documents released to this distribution's provider (for the provider's page)."""
    return list(access.documents_for(user).filter(releases__distribution=distribution))


def thread(distribution: Any) -> list[Any]:
    return list(access.messages_on(distribution))
