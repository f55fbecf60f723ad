"""Vacancy search and the provider portal, read."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from providers.models import Vacancy
from providers.selectors.frameworks import current_rates, open_lots
from rcc import access


def vacancy_search(user: Any) -> QuerySet:
    return access.vacancies_for(user).order_by("available_from", "id")


def open_vacancies(user: Any) -> QuerySet:
    return vacancy_search(user).filter(status=Vacancy.Status.OPEN)


def stale_vacancies(user: Any) -> QuerySet:
    cutoff = timezone.now() - timedelta(days=14)
    return vacancy_search(user).filter(status=Vacancy.Status.OPEN, reported_at__lt=cutoff)


def provider_portal(user: Any) -> dict[str, Any]:
    provider = access.providers_for(user).first()
    return {
        "provider": provider,
        "settings": list(access.settings_for(user).order_by("name")),
        "applications": list(access.applications_for(user).order_by("-submitted_at")[:50]),
        "rates": list(current_rates(user).order_by("lot__framework__name", "lot__name")),
        "vacancies": list(vacancy_search(user).exclude(status=Vacancy.Status.WITHDRAWN)[:100]),
        "returns": list(access.financial_returns_for(user)),
        "open_lots": list(open_lots(user)),
    }
