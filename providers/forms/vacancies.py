"""Input validation for vacancies: reporting one, and the vacancy list's filter (django-filter)."""

from __future__ import annotations

import django_filters
from django import forms

from providers.forms.common import date_field
from providers.models import NeedCategory, SettingType, Vacancy


class VacancyForm(forms.Form):
    setting = forms.TypedChoiceField(label="Setting", coerce=int)
    places = forms.IntegerField(min_value=1, max_value=50, initial=1)
    available_from = date_field("Free from")
    available_until = date_field("Free until (leave empty if open-ended)", required=False)
    age_min = forms.IntegerField(label="Youngest age", min_value=0, max_value=25, initial=0)
    age_max = forms.IntegerField(label="Oldest age", min_value=0, max_value=25, initial=17)
    needs = forms.ModelMultipleChoiceField(
        label="Needs it can meet",
        queryset=NeedCategory.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label="Note for commissioners", required=False, max_length=500)

    def __init__(self, *args, settings, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["setting"].choices = [(s.pk, s.name) for s in settings]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("available_from"), cleaned.get("available_until")
        if start and end and end < start:
            self.add_error("available_until", "The free-until date must be on or after free-from")
        if (cleaned.get("age_min") or 0) > (cleaned.get("age_max") or 99):
            self.add_error(
                "age_max", "The oldest age must be the same as or more than the youngest"
            )
        return cleaned


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
