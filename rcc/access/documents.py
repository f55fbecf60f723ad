"""Referral documents and message threads: a provider sees a document only once released to it."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from rcc.access import permissions as p
from rcc.access.membership import provider_id
from rcc.access.placements import distributions_for, referrals_for, referrals_to_act_on
from rcc.access.predicates import can, is_provider_staff
from rcc.access.scoping import get, objects, of_provider


def documents_for(user: Any) -> QuerySet:
    """Council staff and commissioners: documents of referrals they see. Providers: only the
    documents released to their organisation."""
    documents = objects("placements.ReferralDocument").select_related("referral", "uploaded_by")
    if is_provider_staff(user):
        releases = of_provider(objects("placements.DocumentRelease"), provider_id(user))
        return documents.filter(pk__in=releases.values("document_id"))
    if can(user, p.VIEW_REFERRAL_QUEUE):
        return documents.filter(referral__in=referrals_for(user).values("pk"))
    return documents.none()


def get_document_for_user(user: Any, public_id: Any) -> Any:
    return get(documents_for(user), public_id=public_id)


def get_document_to_release(user: Any, public_id: Any) -> Any:
    """A document of a referral the user may act on, if they may release documents."""
    if not can(user, p.RELEASE_DOCUMENTS):
        return get(objects("placements.ReferralDocument").none(), pk=None)
    documents = objects("placements.ReferralDocument").select_related("referral__local_authority")
    return get(
        documents.filter(referral__in=referrals_to_act_on(user).values("pk")), public_id=public_id
    )


def get_referral_to_attach_to(user: Any, public_id: Any) -> Any:
    if not can(user, p.ATTACH_DOCUMENTS):
        return get(objects("placements.Referral").none(), pk=None)
    return get(referrals_to_act_on(user), public_id=public_id)


def documents_released_to(distribution: Any) -> QuerySet:
    """The documents released on one distribution (already in the caller's scope)."""
    return objects("placements.ReferralDocument").filter(releases__distribution=distribution)


def distributions_to_message(user: Any) -> QuerySet:
    if not can(user, p.MESSAGE_ON_REFERRALS):
        return distributions_for(user).none()
    return distributions_for(user).select_related("referral__local_authority")


def get_distribution_to_message(user: Any, pk: Any) -> Any:
    return get(distributions_to_message(user), pk=pk)


def messages_on(distribution: Any) -> QuerySet:
    """A thread's messages in order, with each author's organisation (one query)."""
    return (
        objects("placements.ReferralMessage")
        .filter(distribution=distribution)
        .select_related(
            "author", "distribution__provider", "distribution__referral__local_authority"
        )
        .order_by("posted_at", "id")
    )
