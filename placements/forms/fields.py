"""Fields and cleaners the journey's forms share: dates, postcodes, yes or no."""

from __future__ import annotations

from django import forms

from rcc.geography.postcodes import PostcodeError, normalise_postcode

YES_NO = [("True", "Yes"), ("False", "No")]


def date_field(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text="For example, 2026-12-01",
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a real date, like 2026-12-01",
        },
    )


def clean_postcode(value: str) -> str:
    if not value:
        return value
    try:
        return normalise_postcode(value)
    except PostcodeError as error:
        raise forms.ValidationError(str(error)) from None


def yes_no_field(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "True",
        widget=forms.RadioSelect,
        initial="False",
    )
