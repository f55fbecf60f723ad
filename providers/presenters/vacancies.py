"""What the vacancy pages show: the vacancy table, the portal forms' copy."""

from __future__ import annotations

from django.urls import reverse

from providers.models import Vacancy
from providers.presenters.ofsted import judgement
from rcc.kit.tables import Column

VACANCY_LIST_INTRO = "Places providers have reported free in settings of your region."


def vacancy_columns() -> list[Column]:
    return [
        Column(
            "Setting",
            lambda v: v.setting.name,
            link=lambda v: reverse("providers:setting", args=[v.setting.public_id]),
        ),
        Column("Type", lambda v: v.setting.get_setting_type_display()),
        Column("Council", lambda v: v.setting.local_authority.name),
        Column("Places", lambda v: v.places, numeric=True),
        Column("Free from", lambda v: v.available_from.isoformat()),
        Column("Free until", lambda v: v.available_until.isoformat() if v.available_until else ""),
        Column("Ages", lambda v: f"{v.age_min} to {v.age_max}"),
        Column("Ofsted", lambda v: judgement(v.setting.latest_judgement)),
        Column("Status", lambda v: v.get_status_display()),
    ]


def vacancy_new_page() -> dict[str, str]:
    return {"title": "Report a vacancy", "submit_text": "Report vacancy"}


def vacancy_withdraw_page(vacancy: Vacancy) -> dict[str, str]:
    return {
        "title": "Withdraw this vacancy",
        "caption": str(vacancy),
        "submit_text": "Withdraw vacancy",
        "warning": "Commissioners and social workers will no longer see this place.",
    }
