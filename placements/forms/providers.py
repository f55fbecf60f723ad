"""Input validation for provider staff: an offer, a decline."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from placements.forms.fields import date_field
from placements.models.choices import DeclineReason


class OfferForm(forms.Form):
    setting = forms.TypedChoiceField(label="Setting", coerce=int)
    vacancy = forms.TypedChoiceField(label="Vacancy", coerce=int, required=False, empty_value=None)
    weekly_price = forms.DecimalField(
        label="Weekly price (£)",
        min_value=Decimal("1"),
        max_digits=10,
        decimal_places=2,
        error_messages={
            "required": "Enter the weekly price",
            "invalid": "Enter the weekly price as a number, like 5250.00",
        },
    )
    extras = forms.CharField(
        label="Extras (one a line, like 'Therapy: 350')",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    start_date = date_field("Start date")
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, settings, vacancies, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.own_settings, self.open_vacancies = settings, vacancies
        self.fields["setting"].choices = [(s.pk, s.name) for s in settings]
        self.fields["vacancy"].choices = [("", "No specific vacancy")] + [
            (v.pk, f"{v.setting.name}: from {v.available_from:%d %b %Y}") for v in vacancies
        ]

    def clean_extras(self) -> list[dict]:
        extras = []
        for number, line in enumerate(self.cleaned_data["extras"].splitlines(), start=1):
            if not line.strip():
                continue
            item, _, amount = line.rpartition(":")
            try:
                extras.append({"item": item.strip(), "weekly": str(Decimal(amount.strip()))})
            except InvalidOperation:
                raise forms.ValidationError(
                    f"Line {number} of the extras must be like 'Therapy: 350'"
                ) from None
            if not item.strip():
                raise forms.ValidationError(f"Line {number} of the extras needs a name")
        return extras

    def offer_data(self) -> dict[str, Any]:
        """The cleaned offer as the service wants it: the chosen setting and vacancy (from
        the provider's own, as offered in the choices) rather than their ids."""
        data = dict(self.cleaned_data)
        vacancy = data["vacancy"]
        data["vacancy"] = self.open_vacancies.filter(pk=vacancy).first() if vacancy else None
        data["setting"] = self.own_settings.get(pk=data["setting"])
        return data


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why are you declining?",
        choices=DeclineReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why you are declining"},
    )
    note = forms.CharField(label="Note", required=False, max_length=1000)
