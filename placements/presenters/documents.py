"""What the documents and conversation pages show."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from placements.selectors import documents as selectors
from rcc import access


def documents_page(user: Any, referral: Any, form: Any) -> dict[str, Any]:
    documents = list(selectors.referral_documents(user, referral))
    for document in documents:
        document.released_to = {r.distribution_id for r in document.releases.all()}
    return {
        "title": "Documents",
        "referral": referral,
        "documents": documents,
        "distributions": selectors.referral_distributions(user, referral),
        "can_release": access.can(user, access.RELEASE_DOCUMENTS),
        "form": form,
    }


def conversation_page(distribution: Any, form: Any, *, from_provider: bool) -> dict[str, Any]:
    referral = distribution.referral
    if from_provider:
        back_url = reverse("placements:received", args=[distribution.pk])
        title = f"Messages with {referral.local_authority.name}"
    else:
        back_url = reverse("placements:referral", args=[referral.public_id])
        title = f"Messages with {distribution.provider.name}"
    return {
        "title": title,
        "distribution": distribution,
        "referral": referral,
        "thread": selectors.thread(distribution),
        "form": form,
        "back_url": back_url,
        "minimised": referral.status not in ("offer_accepted", "placed"),
    }
