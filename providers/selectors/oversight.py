"""Quality visits, concerns and scrutiny flags, read."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from providers.models import Setting
from rcc import access


def setting_oversight(user: Any, setting: Setting) -> dict[str, Any]:
    return {
        "visits": list(access.quality_visits_for(user).filter(setting=setting)[:20]),
        "concerns": list(access.concerns_for(user).filter(setting=setting)[:20]),
    }


def open_scrutiny_flags(user: Any) -> QuerySet:
    return access.scrutiny_flags_for(user).filter(cleared_at__isnull=True)
