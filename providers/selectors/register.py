"""The register: providers and settings (with Ofsted history and vacancies), read."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from providers.models import OfstedInspection, Setting, Vacancy
from providers.selectors.frameworks import current_rates
from rcc import access
from rcc.models import LocalAuthority


def provider_register(user: Any) -> QuerySet:
    return (
        access.providers_for(user)
        .annotate(
            setting_count=Count("settings", distinct=True),
        )
        .order_by("name")
    )


def settings_search(user: Any) -> QuerySet:
    return access.settings_for(user).order_by("name")


def setting_detail(user: Any, public_id: Any) -> Setting:
    setting = access.get_setting_for_user(user, public_id)
    return (
        access.settings_for(user)
        .prefetch_related(
            "needs",
            Prefetch("inspections", queryset=OfstedInspection.objects.order_by("-inspected_on")),
            Prefetch(
                "vacancies",
                queryset=Vacancy.objects.exclude(status=Vacancy.Status.WITHDRAWN).order_by(
                    "available_from"
                ),
            ),
            "status_changes__changed_by",
        )
        .get(pk=setting.pk)
    )


def all_councils() -> QuerySet:
    """Every council in England: where a provider may run a setting is not a secret."""
    return LocalAuthority.objects.select_related("region").order_by("name")


def setting_councils(user: Any) -> QuerySet:
    """The councils a setting's form offers: the user's, or all for a provider."""
    if access.can(user, access.USE_PROVIDER_PORTAL):
        return all_councils()  # a provider may run a home anywhere in England
    return access.councils_for(user)


def provider_detail(user: Any, pk: Any) -> dict[str, Any]:
    provider = access.get_provider_for_user(user, pk)
    return {
        "provider": provider,
        "settings": list(access.settings_for(user).filter(provider=provider).order_by("name")),
        "applications": list(
            access.applications_for(user).filter(provider=provider).order_by("-submitted_at")
        ),
        "rates": list(current_rates(user).filter(provider=provider)),
        "returns": list(access.financial_returns_for(user).filter(provider=provider)),
        "flags": list(access.scrutiny_flags_for(user).filter(provider=provider)),
    }
