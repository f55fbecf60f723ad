"""What the agreement pages show: its status in words, the cost table, versions, actual
costs, and the PDF (the strategy's WeasyPrint machinery, rcc/kit/pdf.py)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse

from placements.models.agreements import Payer
from rcc.kit.format import format_date, format_datetime, money
from rcc.kit.tables import Column

PAYERS = dict(Payer.choices)
PARTS = [
    ("Core", "core_cost", "core_payer"),
    ("Additional support", "additional_support_cost", "additional_support_payer"),
    ("Education", "education_cost", "education_payer"),
    ("Other", "other_cost", "other_payer"),
]


@dataclass(frozen=True)
class CostRow:
    part: str
    weekly_cost: Decimal
    paid_by: str
    ends: str = ""


def cost_rows(version) -> list[CostRow]:
    rows = [
        CostRow(label, getattr(version, cost), PAYERS[getattr(version, payer)])
        for label, cost, payer in PARTS
    ]
    rows.append(CostRow("Total agreed weekly cost", version.total_agreed_weekly_cost, ""))
    for extra in version.extras:
        ends = extra.get("end_date") or ""
        rows.append(
            CostRow(f"Extra: {extra['description']}", Decimal(extra["weekly_cost"]), "", ends)
        )
    return rows


COST_COLUMNS = [
    Column("Part", lambda r: r.part),
    Column(
        "Weekly cost", lambda r: money(r.weekly_cost), numeric=True, raw=lambda r: r.weekly_cost
    ),
    Column("Paid by", lambda r: r.paid_by),
    Column("Ends", lambda r: r.ends),
]


def status(versions: list) -> str:
    """The agreement's state in words, for both sides alike."""
    current = versions[0]
    sides = {c.side for c in current.confirmations.all()}
    number = current.number
    if sides >= {"council", "provider"}:
        return f"Version {number} is confirmed by the council and the provider"
    if "council" in sides:
        return f"Waiting for the provider to confirm version {number}"
    if "provider" in sides:
        return f"Waiting for the council to confirm version {number}"
    return f"Waiting for the council and the provider to confirm version {number}"


def confirmed_by_both(versions: list) -> bool:
    return {c.side for c in versions[0].confirmations.all()} >= {"council", "provider"}


def version_rows(versions: list) -> list[dict[str, str]]:
    return [
        {
            "number": str(v.number),
            "total": money(v.total_agreed_weekly_cost),
            "when": format_datetime(v.created_at),
            "who": v.created_by.email if v.created_by else "The platform",
            "reason": v.reason,
            "confirmed": ", ".join(
                f"{c.get_side_display()} ({format_date(c.confirmed_at.date())})"
                for c in v.confirmations.all()
            )
            or "Not confirmed",
        }
        for v in versions
    ]


def actual_rows(record: dict[str, Any]) -> list[dict[str, str]]:
    agreed = record["current"].total_agreed_weekly_cost
    return [
        {
            "period": f"{format_date(a.period_start)} to {format_date(a.period_end)}",
            "actual": money(a.actual_weekly_cost),
            "difference": _signed(a.actual_weekly_cost - agreed),
            "reason": a.reason,
        }
        for a in record["actual_costs"]
    ]


def _signed(value: Decimal) -> str:
    return ("+" if value > 0 else "-" if value < 0 else "") + money(abs(value))


def agreement_url(placement, name: str = "agreement") -> str:
    return reverse(f"placements:{name}", args=[placement.public_id])


def agreement_page(record: dict[str, Any]) -> dict[str, Any]:
    versions, current = record["versions"], record["current"]
    side = record["side"]
    confirmed_sides = {c.side for c in current.confirmations.all()}
    return {
        **record,
        "title": "Placement agreement",
        "status": status(versions),
        "confirmed_by_both": confirmed_by_both(versions),
        "cost_rows": cost_rows(current),
        "cost_columns": COST_COLUMNS,
        "version_rows": version_rows(versions),
        "actual_rows": actual_rows(record),
        "can_confirm": side is not None and side not in confirmed_sides,
        "back_url": _back_url(record),
    }


def _back_url(record: dict[str, Any]) -> str:
    if record["side"] == "provider":
        return reverse("placements:agreements")
    return reverse("placements:placement", args=[record["placement"].public_id])


def form_page(placement, *, title: str, submit_text: str) -> dict[str, str]:
    return {
        "title": title,
        "caption": f"{placement.setting.name} · {placement.local_authority.name}",
        "submit_text": submit_text,
        "back_url": agreement_url(placement),
    }


LIST_COLUMNS = [
    Column(
        "Home",
        lambda a: a.placement.setting.name,
        link=lambda a: agreement_url(a.placement),
    ),
    Column("Council", lambda a: a.placement.local_authority.name),
    Column("Provider", lambda a: a.placement.provider.name),
    Column(
        "Agreed weekly cost",
        lambda a: money(a.placement.agreed_weekly_cost),
        numeric=True,
        raw=lambda a: a.placement.agreed_weekly_cost,
    ),
    Column("Starts", lambda a: format_date(a.placement.start_date)),
]
LIST_EMPTY = {"empty": "There are no placement agreements yet."}


def pdf_html(record: dict[str, Any]) -> str:
    return render_to_string("placements/agreement_print.html", agreement_page(record))


def pdf_filename(record: dict[str, Any]) -> str:
    return f"placement-agreement-{record['placement'].public_id}-v{record['current'].number}.pdf"
