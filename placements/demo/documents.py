"""Demo documents and threads: a care plan and a risk assessment on a few sent referrals, the
care plan released to the first provider, and a short exchange with that provider."""

from __future__ import annotations

import io

from placements.documents import tiny_pdf
from placements.models import Distribution, ReferralDocument
from placements.services import documents as documents_services
from placements.services import messages as message_services
from rcc import access, notifications

QUESTION = "Is there any flexibility on the start date? We could offer a bed from the week after."
ANSWER = "Yes, a week later works. The care plan is attached; please read the education section."


def seed_documents(*, referrals: int = 3) -> None:
    """A no-op once any document exists (files are generated here, stored in DOCUMENTS_ROOT)."""
    if ReferralDocument.objects.exists():
        return
    distributions = (
        Distribution.objects.filter(referral__status__in=("sent", "offers_received"))
        .select_related("referral__created_by", "referral__local_authority", "provider")
        .order_by("referral_id", "sent_at", "pk")
    )
    seen: set[int] = set()
    with notifications.muted():
        for distribution in distributions:
            if distribution.referral_id in seen or len(seen) >= referrals:
                continue
            staff = access.people_who_can(
                access.RESPOND_TO_REFERRALS, provider_id=distribution.provider_id
            ).first()
            if staff is None:
                continue
            seen.add(distribution.referral_id)
            _seed_one(distribution, staff)


def _seed_one(distribution: Distribution, staff) -> None:
    referral = distribution.referral
    worker = referral.created_by
    documents = []
    for kind, title in (("care_plan", "Care plan"), ("risk_assessment", "Risk assessment")):
        content = tiny_pdf(f"{title} for referral {referral.reference} (demo)")
        documents.append(
            documents_services.upload_document(
                actor=worker,
                referral=referral,
                kind=kind,
                title=title,
                file=io.BytesIO(content),
                size=len(content),
            )
        )
    documents_services.release_document(
        actor=worker, document=documents[0], distribution=distribution
    )
    message_services.post_message(
        actor=staff, distribution=distribution, body=QUESTION, from_provider=True
    )
    message_services.post_message(
        actor=worker, distribution=distribution, body=ANSWER, from_provider=False
    )
