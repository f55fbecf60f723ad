"""The tenancy core's own dashboard panels."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from rcc import access, selectors
from rcc.presenters.dashboard import Panel, PanelItem, register


@register(access.MANAGE_USERS)
def accounts_without_mfa(user: Any) -> Panel:
    users = selectors.users_without_mfa(user).order_by("email")
    items = [
        PanelItem(
            text=u.email,
            href=reverse("admin:rcc_user_change", args=[u.pk]),
            hint="No authenticator set up",
        )
        for u in users[:10]
    ]
    return Panel(
        title="Accounts that have not set up two-factor authentication",
        empty_text="Every active account has set up two-factor authentication.",
        items=items,
    )
