"""Input validation for quality visits, concerns, scrutiny flags and financial returns."""

from __future__ import annotations

from django import forms

from providers.forms.common import date_field, reason_field
from providers.models import Concern


class QualityVisitForm(forms.Form):
    visited_on = date_field("Date of the visit")
    findings = reason_field("What you found")


class ConcernForm(forms.Form):
    severity = forms.ChoiceField(
        choices=Concern.Severity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how serious the concern is"},
    )
    summary = reason_field("The concern")


class FinancialReturnForm(forms.Form):
    year = forms.IntegerField(
        label="Financial year ending in",
        min_value=2000,
        max_value=2100,
        error_messages={"required": "Enter the year the financial year ends in"},
    )
    turnover = forms.DecimalField(
        label="Turnover (£)", min_value=1, max_digits=14, decimal_places=0
    )
    operating_profit = forms.DecimalField(
        label="Operating profit (£)", max_digits=14, decimal_places=0
    )
    ebitda = forms.DecimalField(label="EBITDA (£)", max_digits=14, decimal_places=0)
    is_group_return = forms.TypedChoiceField(
        label="Are these the figures of the whole group?",
        choices=[("True", "Yes"), ("False", "No, this company only")],
        coerce=lambda v: v == "True",
        widget=forms.RadioSelect,
        initial="False",
    )


class ScrutinyForm(forms.Form):
    reason = reason_field("Why this provider needs scrutiny")
