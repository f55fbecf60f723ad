"""Dashboard panels of the referral journey: what needs each role's action."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from placements.selectors import agreements, placements, providers, referrals, ssda903
from rcc import access
from rcc.kit.format import format_date
from rcc.presenters.dashboard import Panel, PanelItem, register

LIMIT = 10


def _referral_items(referrals) -> list[PanelItem]:
    return [
        PanelItem(
            text=f"{r.reference}: child {r.child.case_id}",
            href=reverse("placements:referral", args=[r.public_id]),
            hint=f"{r.get_status_display()}, start by {format_date(r.latest_start_date)}",
        )
        for r in referrals[:LIMIT]
    ]


@register(access.MANAGE_CHILDREN)
def offers_to_choose(user: Any) -> Panel:
    waiting = referrals.needing_action(user, ["offers_received", "returned"])
    return Panel(
        title="Offers to compare and referrals returned to you",
        empty_text="No referral is waiting for you.",
        items=_referral_items(waiting),
        more_href=reverse("placements:referrals"),
    )


@register(access.APPROVE)
def referrals_to_approve(user: Any) -> Panel:
    return Panel(
        title="Referrals waiting for your approval",
        empty_text="No referral is waiting for approval.",
        items=_referral_items(referrals.needing_action(user, ["awaiting_approval"])),
        more_href=reverse("placements:referrals"),
    )


@register(access.TAKE_UASC_REFERRAL)
def region_wide_referrals(user: Any) -> Panel:
    return Panel(
        title="Region-wide UASC referrals other councils offer",
        empty_text="No other council is offering a region-wide referral.",
        items=_referral_items(referrals.region_wide_to_take(user)),
        more_href=reverse("placements:referrals"),
    )


@register(access.APPROVE)
def placements_to_approve(user: Any) -> Panel:
    approvals = placements.pending_approvals(user)[:LIMIT]
    items = [
        PanelItem(
            text=f"{a.placement.setting.name}",
            href=reverse("placements:approval", args=[a.pk]),
            hint=a.get_kind_display(),
        )
        for a in approvals
    ]
    return Panel(
        title="Placements waiting for your approval",
        empty_text="No placement is waiting for approval.",
        items=items,
        more_href=reverse("placements:approvals"),
    )


@register(access.NEGOTIATE)
def referrals_to_send(user: Any) -> Panel:
    return Panel(
        title="Approved referrals to send to providers",
        empty_text="No approved referral is waiting to be sent.",
        items=_referral_items(referrals.needing_action(user, ["approved"])),
        more_href=reverse("placements:referrals"),
    )


@register(access.RESPOND_TO_REFERRALS)
def referrals_to_answer(user: Any) -> Panel:
    waiting = providers.awaiting_response(user)[:LIMIT]
    items = [
        PanelItem(
            text=f"Referral {d.referral.reference}",
            href=reverse("placements:received", args=[d.pk]),
            hint=f"Respond by {d.respond_by:%d %B %Y %H:%M}",
        )
        for d in waiting
    ]
    return Panel(
        title="Referrals waiting for your response",
        empty_text="No referral is waiting for your response.",
        items=items,
        more_href=reverse("placements:received_list"),
    )


@register(access.RESPOND_TO_REFERRALS)
def agreements_to_confirm(user: Any) -> Panel:
    waiting = agreements.awaiting_confirmation(user, access.AGREEMENT_PROVIDER)[:LIMIT]
    items = [
        PanelItem(
            text=a.placement.setting.name,
            href=reverse("placements:agreement", args=[a.placement.public_id]),
            hint=f"Waiting for you to confirm version {a.current_number}",
        )
        for a in waiting
    ]
    return Panel(
        title="Placement agreements to confirm",
        empty_text="No placement agreement is waiting for your confirmation.",
        items=items,
        more_href=reverse("placements:agreements"),
    )


@register(access.IMPORT_903)
def recent_903_imports(user: Any) -> Panel:
    imports = ssda903.imports_for(user)[:5]
    return Panel(
        title="903 imports",
        empty_text="No 903 files imported yet: upload a council's return.",
        items=[
            PanelItem(
                text=f"{r.local_authority.name}: {r.get_status_display()}",
                href=reverse("placements:ssda903_import", kwargs={"import_id": r.pk}),
                hint=f"Started {format_date(r.created_at.date())}, {r.error_count} problems",
            )
            for r in imports
        ],
        more_href=reverse("placements:ssda903_imports"),
    )
