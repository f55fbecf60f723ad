"""Filters for the market's lists (django-filter): input validation only."""

from __future__ import annotations

import django_filters

from providers.models import (
    Judgement,
    NeedCategory,
    ProviderOrganisation,
    Sector,
    Setting,
    SettingType,
    Vacancy,
)


class ProviderFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(label="Name contains", lookup_expr="icontains")
    sector = django_filters.ChoiceFilter(choices=Sector.choices, empty_label="Any sector")
    group = django_filters.CharFilter(
        label="Group contains", field_name="group__name", lookup_expr="icontains"
    )

    class Meta:
        model = ProviderOrganisation
        fields = ["name", "sector", "group"]


class SettingFilter(django_filters.FilterSet):
    name = django_filters.CharFilter(label="Name or URN contains", method="filter_name")
    setting_type = django_filters.ChoiceFilter(
        label="Type", choices=SettingType.choices, empty_label="Any type"
    )
    local_authority = django_filters.ModelChoiceFilter(
        label="Council", queryset=None, empty_label="Any council"
    )
    latest_judgement = django_filters.ChoiceFilter(
        label="Latest Ofsted judgement", choices=Judgement.choices, empty_label="Any judgement"
    )
    status = django_filters.ChoiceFilter(choices=Setting.Status.choices, empty_label="Any status")
    needs = django_filters.ModelChoiceFilter(
        label="Registered for need", queryset=NeedCategory.objects.all(), empty_label="Any need"
    )
    age = django_filters.NumberFilter(label="Takes a child aged", method="filter_age")

    class Meta:
        model = Setting
        fields = ["name", "setting_type", "local_authority", "latest_judgement", "status", "needs"]

    def __init__(self, *args, councils, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["local_authority"].queryset = councils

    def filter_name(self, queryset, name, value):
        return queryset.filter(models_q_name(value))

    def filter_age(self, queryset, name, value):
        return queryset.filter(age_min__lte=value, age_max__gte=value)


def models_q_name(value: str):
    from django.db.models import Q

    return Q(name__icontains=value) | Q(urn__iexact=value)


class VacancyFilter(django_filters.FilterSet):
    setting_type = django_filters.ChoiceFilter(
        label="Type",
        field_name="setting__setting_type",
        choices=SettingType.choices,
        empty_label="Any type",
    )
    council = django_filters.ModelChoiceFilter(
        label="Council",
        field_name="setting__local_authority",
        queryset=None,
        empty_label="Any council",
    )
    age = django_filters.NumberFilter(label="For a child aged", method="filter_age")
    needs = django_filters.ModelChoiceFilter(
        label="Meets need", queryset=NeedCategory.objects.all(), empty_label="Any need"
    )
    free_by = django_filters.DateFilter(
        label="Free by (date)",
        field_name="available_from",
        lookup_expr="lte",
        help_text="For example, 2026-12-01",
    )
    status = django_filters.ChoiceFilter(choices=Vacancy.Status.choices, empty_label="Any status")
    emergencies = django_filters.ChoiceFilter(
        label="Emergency placements",
        choices=[("yes", "Only settings that take emergencies")],
        empty_label="Any",
        method="filter_emergencies",
    )

    class Meta:
        model = Vacancy
        fields = ["setting_type", "council", "age", "needs", "free_by", "status"]

    def __init__(self, *args, councils, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.filters["council"].queryset = councils

    def filter_age(self, queryset, name, value):
        return queryset.filter(age_min__lte=value, age_max__gte=value)

    def filter_emergencies(self, queryset, name, value):
        return queryset.filter(setting__takes_emergencies=True) if value == "yes" else queryset
