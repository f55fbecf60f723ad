"""The market: provider organisations, settings, vacancies, frameworks, rates, oversight."""

from __future__ import annotations

from typing import Any

import rules
from django.db.models import Q, QuerySet

from rcc.access import permissions as p
from rcc.access.membership import is_national, provider_id, region_id
from rcc.access.predicates import (
    is_commissioner,
    is_council_staff,
    is_platform_admin,
    is_provider_staff,
    is_rcc_staff,
)
from rcc.access.scoping import get, in_region, objects, of_provider


def settings_for(user: Any) -> QuerySet:
    """Provider staff: their own settings. Council and RCC staff: settings in their region."""
    settings = objects("providers.Setting").select_related("provider", "local_authority")
    if is_provider_staff(user):
        return of_provider(settings, provider_id(user))
    if is_national(user):
        return settings
    if (is_council_staff | is_rcc_staff)(user):
        return in_region(settings, region_id(user))
    return settings.none()


def vacancies_for(user: Any) -> QuerySet:
    return (
        objects("providers.Vacancy")
        .filter(setting__in=settings_for(user).values("pk"))
        .select_related("setting__provider", "setting__local_authority")
    )


def providers_for(user: Any) -> QuerySet:
    """Provider staff: their own organisation. RCC staff: providers with a setting in the
    region or an application to one of its frameworks."""
    providers = objects("providers.ProviderOrganisation").select_related("group")
    if is_provider_staff(user):
        return of_provider(providers, provider_id(user))
    if is_national(user):
        return providers
    if is_rcc_staff(user):
        return providers.filter(
            Q(settings__local_authority__region_id=region_id(user))
            | Q(applications__lot__framework__region_id=region_id(user))
        ).distinct()
    return providers.none()


def frameworks_for(user: Any) -> QuerySet:
    """RCC staff: their region's frameworks. Providers: every live framework (public notices)."""
    frameworks = objects("providers.Framework").select_related("region")
    if is_national(user):
        return frameworks
    if is_rcc_staff(user):
        return in_region(frameworks, region_id(user))
    if is_provider_staff(user):
        return frameworks.filter(status=frameworks.model.Status.LIVE)
    return frameworks.none()


def lots_for(user: Any) -> QuerySet:
    return (
        objects("providers.Lot")
        .filter(framework__in=frameworks_for(user).values("pk"))
        .select_related("framework")
    )


def rounds_for(user: Any) -> QuerySet:
    return (
        objects("providers.AdmissionRound")
        .filter(framework__in=frameworks_for(user).values("pk"))
        .select_related("framework")
    )


def _provider_or_region(queryset: QuerySet, user: Any) -> QuerySet:
    """Provider staff: their organisation's rows. RCC staff: their region's. National: all."""
    if is_provider_staff(user):
        return of_provider(queryset, provider_id(user))
    if is_national(user):
        return queryset
    if is_rcc_staff(user):
        return in_region(queryset, region_id(user))
    return queryset.none()


def applications_for(user: Any) -> QuerySet:
    """Providers: their own applications. RCC staff: applications to their region's lots."""
    applications = objects("providers.Application").select_related(
        "lot__framework", "provider", "round"
    )
    return _provider_or_region(applications, user)


def rate_cards_for(user: Any) -> QuerySet:
    rates = objects("providers.RateCard").select_related("lot__framework", "provider")
    return _provider_or_region(rates, user)


def financial_returns_for(user: Any) -> QuerySet:
    returns = objects("providers.FinancialReturn").select_related("provider__group")
    if is_provider_staff(user):
        return of_provider(returns, provider_id(user))
    if is_rcc_staff(user) or is_national(user):
        return returns.filter(provider__in=providers_for(user).values("pk"))
    return returns.none()


def _region_records(label: str, user: Any) -> QuerySet:
    records = objects(label)
    if is_platform_admin(user):
        return records
    if is_rcc_staff(user):
        return in_region(records, region_id(user))
    return records.none()


def scrutiny_flags_for(user: Any) -> QuerySet:
    return _region_records("providers.ScrutinyFlag", user).select_related("provider", "raised_by")


def quality_visits_for(user: Any) -> QuerySet:
    return _region_records("providers.QualityVisit", user).select_related("setting", "recorded_by")


def concerns_for(user: Any) -> QuerySet:
    return _region_records("providers.Concern", user).select_related("setting", "recorded_by")


def get_setting_for_user(user: Any, public_id: Any) -> Any:
    return get(settings_for(user), public_id=public_id)


def get_vacancy_for_user(user: Any, public_id: Any) -> Any:
    return get(vacancies_for(user), public_id=public_id)


def get_provider_for_user(user: Any, pk: Any) -> Any:
    return get(providers_for(user), pk=pk)


def get_framework_for_user(user: Any, pk: Any) -> Any:
    return get(frameworks_for(user), pk=pk)


def get_lot_for_user(user: Any, pk: Any) -> Any:
    return get(lots_for(user), pk=pk)


def get_application_for_user(user: Any, pk: Any) -> Any:
    return get(applications_for(user), pk=pk)


@rules.predicate
def setting_is_in_scope(user: Any, setting: Any) -> bool:
    return setting is not None and settings_for(user).filter(pk=setting.pk).exists()


# An object permission: the setting must be the provider's own, or in the commissioner's region.
rules.add_perm(p.EDIT_SETTING, (is_commissioner | is_provider_staff) & setting_is_in_scope)
