"""A referral's document (released to the journey's provider) and a short thread."""

from __future__ import annotations

import io
from typing import Any

from placements.documents import tiny_pdf
from placements.services import documents as documents_services
from placements.services import messages as message_services
from rcc import notifications


def add_documents(journey: dict[str, Any], people: dict[str, Any], label: str = "") -> None:
    referral, distribution = journey["referral"], journey["distribution"]
    social_worker = people["social_worker"]
    content = tiny_pdf(f"{label} care plan".strip())
    with notifications.muted():
        document = documents_services.upload_document(
            actor=social_worker,
            referral=referral,
            kind="care_plan",
            title=f"{label} Care plan".strip(),
            file=io.BytesIO(content),
            size=len(content),
        )
        documents_services.release_document(
            actor=social_worker, document=document, distribution=distribution
        )
        journey["message"] = message_services.post_message(
            actor=people["provider_staff"],
            distribution=distribution,
            body=f"{label} Does the child have a bedtime routine?".strip(),
            from_provider=True,
        )
    journey["document"] = document
