"""The message thread between a provider and the council about one referral."""

from __future__ import annotations

from django.db import transaction

from placements.models import Distribution, ReferralMessage
from rcc import audit, notifications
from rcc.services import ServiceError


@transaction.atomic
def post_message(
    *, actor, distribution: Distribution, body: str, from_provider: bool
) -> ReferralMessage:
    body = body.strip()
    if not body:
        raise ServiceError("Enter a message")
    if len(body) > ReferralMessage.MAX_LENGTH:
        raise ServiceError(f"The message must be {ReferralMessage.MAX_LENGTH} characters or fewer")
    message = ReferralMessage.objects.create(
        distribution=distribution, author=actor, body=body, from_provider=from_provider
    )
    audit.record(
        actor=actor,
        action="referral_message.posted",
        obj=message,
        local_authority=distribution.referral.local_authority,
        metadata={
            "referral": distribution.referral.reference,
            "provider": distribution.provider_id,
        },
    )
    notifications.referral_message_posted(message)
    return message
