"""Input validation for frameworks, lots, admission rounds, applications and rates."""

from __future__ import annotations

from django import forms

from providers.forms.common import MONEY, date_field
from providers.models import Application, NeedLevel, SettingType


class FrameworkForm(forms.Form):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the framework name"})
    starts_on = date_field("Start date")
    ends_on = date_field("End date")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and start >= end:
            self.add_error("ends_on", "The end date must be after the start date")
        return cleaned


class LotForm(forms.Form):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the lot name"})
    placement_type = forms.ChoiceField(label="Placement type", choices=SettingType.choices)
    need_level = forms.ChoiceField(
        label="Need level", choices=NeedLevel.choices, widget=forms.RadioSelect
    )
    area = forms.CharField(max_length=120, initial="Whole region")


class RoundForm(forms.Form):
    opens_on = date_field("Opening date")
    closes_on = date_field("Closing date")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("opens_on"), cleaned.get("closes_on")
        if start and end and start > end:
            self.add_error("closes_on", "The closing date must be on or after the opening date")
        return cleaned


class ApplyForm(forms.Form):
    proposed_weekly_price = forms.DecimalField(
        label="Your proposed weekly price (£)",
        **MONEY,
        error_messages={
            "required": "Enter your proposed weekly price",
            "invalid": "Enter the weekly price as a number, like 5250.00",
        },
    )
    statement = forms.CharField(
        label="How you meet the lot's requirements",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )


DECISIONS = [
    (Application.Status.UNDER_EVALUATION, "Start evaluation"),
    (Application.Status.ADMITTED, "Admit to the framework"),
    (Application.Status.REFUSED, "Refuse"),
]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=DECISIONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a decision"},
    )
    reason = forms.CharField(
        label="Reasons (needed to refuse)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Application.Status.REFUSED and not cleaned.get("reason"):
            self.add_error("reason", "Enter the reasons for refusing")
        return cleaned


class RateForm(forms.Form):
    provider = forms.TypedChoiceField(label="Provider", coerce=int)
    need_level = forms.ChoiceField(label="Need level", choices=NeedLevel.choices)
    weekly_price = forms.DecimalField(
        label="Weekly price (£)",
        **MONEY,
        error_messages={
            "required": "Enter the weekly price",
            "invalid": "Enter the weekly price as a number, like 5250.00",
        },
    )
    valid_from = date_field("Valid from")

    def __init__(self, *args, providers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [(p.pk, p.name) for p in providers]
