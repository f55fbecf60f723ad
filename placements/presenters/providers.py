"""What provider staff's pages show: the referrals sent to them, offering, declining."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from placements.models.choices import ADDITIONAL_SUPPORT, COMMUNICATION_NEEDS
from placements.presenters.referrals import known_risks, labels
from rcc.kit.format import format_datetime
from rcc.kit.tables import Column


def received_url(distribution) -> str:
    return reverse("placements:received", args=[distribution.pk])


RECEIVED_COLUMNS = [
    Column("Referral", lambda d: d.referral.reference, link=received_url),
    Column("Sent", lambda d: format_datetime(d.sent_at), raw=lambda d: d.sent_at.isoformat()),
    Column(
        "Respond by",
        lambda d: format_datetime(d.respond_by),
        raw=lambda d: d.respond_by.isoformat(),
    ),
    Column("Type", lambda d: d.referral.get_search_type_display()),
    Column("Responded", lambda d: "Yes" if d.responded_at else "No"),
]
RECEIVED_EMPTY = {"empty": "No referrals have been sent to you."}


def received_page(received: dict[str, Any]) -> dict[str, Any]:
    summary = received["summary"]
    return {
        "title": f"Referral {summary.reference}",
        "known_risks": known_risks(summary.risks),
        "communication": labels(
            summary.communication_needs, COMMUNICATION_NEEDS, "No particular needs"
        ),
        "support": labels(summary.additional_support, ADDITIONAL_SUPPORT, "None"),
        **received,
    }


def offer_page(distribution) -> dict[str, str]:
    return {
        "title": "Offer a home",
        "caption": distribution.referral.reference,
        "submit_text": "Send offer",
        "back_url": received_url(distribution),
    }


def decline_page(distribution) -> dict[str, str]:
    return {
        "title": "Decline this referral",
        "caption": distribution.referral.reference,
        "submit_text": "Decline",
        "back_url": received_url(distribution),
    }
