"""Input validation for the register: a setting's details, and the provider and setting lists'
filters (django-filter)."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from providers.models import (
    Judgement,
    NeedCategory,
    ProviderOrganisation,
    Sector,
    Setting,
    SettingType,
)


class SettingForm(forms.ModelForm):
    needs = forms.ModelMultipleChoiceField(
        label="Registered categories of need",
        queryset=NeedCategory.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Setting
        fields = [
            "name",
            "setting_type",
            "address",
            "postcode",
            "local_authority",
            "registered_places",
            "age_min",
            "age_max",
            "sexes",
            "needs",
            "takes_emergencies",
            "takes_parent_and_child",
            "takes_sibling_groups",
            "takes_uasc",
        ]
        labels = {
            "age_min": "Youngest age taken",
            "age_max": "Oldest age taken",
            "local_authority": "Council area it is in",
        }
        widgets = {
            f: forms.RadioSelect(choices=[(True, "Yes"), (False, "No")])
            for f in (
                "takes_emergencies",
                "takes_parent_and_child",
                "takes_sibling_groups",
                "takes_uasc",
            )
        }

    def __init__(self, *args, councils, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["local_authority"].queryset = councils
        for name in (
            "takes_emergencies",
            "takes_parent_and_child",
            "takes_sibling_groups",
            "takes_uasc",
        ):
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                choices=[("True", "Yes"), ("False", "No")],
                coerce=lambda v: v == "True",
                widget=forms.RadioSelect,
                initial=str(getattr(self.instance, name, False)),
            )

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("age_min") or 0) > (cleaned.get("age_max") or 99):
            self.add_error(
                "age_max", "The oldest age must be the same as or more than the youngest"
            )
        return cleaned


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
        return queryset.filter(Q(name__icontains=value) | Q(urn__iexact=value))

    def filter_age(self, queryset, name, value):
        return queryset.filter(age_min__lte=value, age_max__gte=value)
