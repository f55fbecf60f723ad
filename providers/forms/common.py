"""Fields and the reason form the market's other forms share."""

from __future__ import annotations

from decimal import Decimal

from django import forms

MONEY = {"min_value": Decimal("0.01"), "max_digits": 10, "decimal_places": 2}
DATE_HINT = "For example, 2026-12-01"


def date_field(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=DATE_HINT,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a real date, like 2026-12-01",
        },
    )


def reason_field(label: str = "Reason") -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": f"Enter the {label.lower()}"},
    )


class ReasonForm(forms.Form):
    reason = reason_field()
