"""What the referral pages show: the queue's columns, a referral, its shortlist, its offers
side by side, and the words of each step's form page."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.urls import reverse

from placements.models.choices import RISKS_TO_CHILD, RISKS_TO_OTHERS, RiskLevel
from providers.presenters.ofsted import judgement
from rcc.kit.format import format_date, money, percent
from rcc.kit.tables import Column

RISK_LABELS = dict(RISKS_TO_CHILD + RISKS_TO_OTHERS)
RISK_LEVELS = dict(RiskLevel.choices)


def referral_url(referral) -> str:
    return reverse("placements:referral", args=[referral.public_id])


def queue_columns(now: datetime) -> list[Column]:
    return [
        Column("Referral", lambda r: r.reference, link=referral_url),
        Column("Child", lambda r: r.child.case_id),
        Column("Council", lambda r: r.local_authority.name),
        Column("Type", lambda r: r.get_search_type_display()),
        Column("Status", lambda r: r.get_status_display()),
        Column("Days old", lambda r: (now - (r.submitted_at or r.created_at)).days, numeric=True),
        Column("Open offers", lambda r: r.offer_count, numeric=True),
        Column(
            "Start by",
            lambda r: format_date(r.latest_start_date),
            raw=lambda r: r.latest_start_date.isoformat(),
        ),
    ]


def known_risks(risks: Iterable[tuple[str, str]]) -> str:
    """Risks as words: ("going_missing", "high") reads "Going missing (high risk)"; a risk
    already named by its label keeps it; "none" levels are left out."""
    words = [
        f"{RISK_LABELS.get(risk, risk)} ({RISK_LEVELS.get(level, level).lower()})"
        for risk, level in sorted(risks)
        if level != RiskLevel.NONE
    ]
    return "; ".join(words) or "No known risks"


def labels(codes: Iterable[str], choices: Iterable[tuple[str, str]], empty: str) -> str:
    """Chosen codes as their labels, joined: ["school_taxi"] reads "Taxis to school"."""
    names = dict(choices)
    return ", ".join(names.get(code, code) for code in codes) or empty


def referral_page(referral, *, decline_reasons: dict[str, int], **can: bool) -> dict[str, Any]:
    """The referral's page; ``can`` says which of its actions the user may take."""
    return {
        "title": f"Referral {referral.reference}",
        "referral": referral,
        "known_risks": known_risks(referral.risks.items()),
        **can,
        "decline_reasons": decline_reasons,
    }


def new_referral_page(child) -> dict[str, str]:
    return {
        "title": "Write a home-search referral",
        "caption": f"Child {child.case_id}",
        "submit_text": "Save draft",
        "back_url": reverse("placements:child", args=[child.public_id]),
    }


def edit_referral_page(referral) -> dict[str, str]:
    return {
        "title": "Change the referral",
        "caption": referral.reference,
        "submit_text": "Save",
        "back_url": referral_url(referral),
    }


def submit_page(referral) -> dict[str, str]:
    return {
        "title": "Submit the referral for approval",
        "caption": referral.reference,
        "submit_text": "Submit for approval",
        "back_url": referral_url(referral),
    }


def decide_page(referral) -> dict[str, str]:
    return {
        "title": "Approve or return the referral",
        "caption": referral.reference,
        "submit_text": "Record decision",
        "back_url": referral_url(referral),
    }


def take_page(referral, council) -> dict[str, str]:
    return {
        "title": "Take responsibility for this child",
        "caption": referral.reference,
        "submit_text": "Take responsibility",
        "back_url": referral_url(referral),
        "intro": "This unaccompanied asylum-seeking child's referral is open to every council "
        f"of the region. {council.name} will become responsible for the child and the referral.",
    }


def shortlist_page(referral, result, settings: dict, form) -> dict[str, Any]:
    return {
        "title": "Matching settings",
        "referral": referral,
        "result": result,
        "settings": settings,
        "form": form,
    }


def price_flags(row: dict, *, framework_offered: bool) -> list[str]:
    """Warnings on one offer: a weekly price above its rate card or the regional median (by
    how much, in pounds and percent), and a spot purchase where a framework offer exists."""
    price = row["offer"].weekly_price
    flags = []
    for name, benchmark in (("rate card", row["rate"]), ("regional median", row["median"])):
        if price and benchmark and price > benchmark:
            over = price - benchmark
            flags.append(f"{money(over)} ({percent(100 * over / benchmark)}) above the {name}")
    if framework_offered and not row["on_framework"]:
        flags.append("Spot purchase: a framework offer for this child exists")
    return flags


def comparison_page(referral, rows: list, *, can_choose: bool, can_negotiate: bool) -> dict:
    framework_offered = any(r["on_framework"] for r in rows)
    for row in rows:
        row["flags"] = price_flags(row, framework_offered=framework_offered)
    return {
        "title": "Compare offers",
        "referral": referral,
        "rows": rows,
        "flagged": sum(1 for r in rows if r["flags"]),
        "can_choose": can_choose,
        "can_negotiate": can_negotiate,
        "judgement": judgement,
    }


def comparison_url(offer) -> str:
    return reverse("placements:compare", args=[offer.referral.public_id])


def accept_page(offer) -> dict[str, str]:
    return {
        "title": f"Accept the offer of {offer.setting.name}",
        "caption": offer.referral.reference,
        "submit_text": "Accept offer",
        "back_url": comparison_url(offer),
        "warning": "Every other offer for this referral will be closed.",
    }


def negotiate_page(offer) -> dict[str, str]:
    return {
        "title": "Record a negotiated price",
        "caption": offer.setting.name,
        "submit_text": "Save price",
        "back_url": comparison_url(offer),
    }
