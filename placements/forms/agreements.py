"""Input validation for the placement agreement: a new version, an actual cost."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django import forms

from placements.forms.fields import date_field
from placements.models.agreements import Payer


def _money(label: str, required: bool = True) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=required,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a number, like 5250.00",
            "min_value": f"The {label.lower()} cannot be negative",
        },
    )


def _payer(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=Payer.choices, initial=Payer.SOCIAL_CARE)


class AgreementForm(forms.Form):
    total_agreed_weekly_cost = _money("Total agreed weekly cost")
    core_cost = _money("Core weekly cost")
    core_payer = _payer("Core cost paid by")
    additional_support_cost = _money("Additional support weekly cost")
    additional_support_payer = _payer("Additional support paid by")
    education_cost = _money("Education weekly cost")
    education_payer = _payer("Education paid by")
    other_cost = _money("Other weekly cost")
    other_payer = _payer("Other cost paid by")
    extras = forms.CharField(
        label="Extras (one a line, like 'Taxi to school: 120: 2027-07-20', the date it ends)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    start_date = date_field("Start date")
    review_date = date_field("Review date")
    second_review_date = date_field("Second review date", required=False)
    reason = forms.CharField(
        label="Why is the agreement changing?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the agreement is changing"},
    )

    def clean_extras(self) -> list[dict[str, str]]:
        extras = []
        for number, line in enumerate(self.cleaned_data["extras"].splitlines(), start=1):
            if line.strip():
                extras.append(_extra(line, number))
        return extras

    def clean(self) -> dict:
        data = super().clean()
        parts = [data.get(f) for f in ("core_cost", "additional_support_cost")]
        parts += [data.get(f) for f in ("education_cost", "other_cost")]
        total = data.get("total_agreed_weekly_cost")
        if total is not None and None not in parts and sum(parts) != total:
            self.add_error(
                "total_agreed_weekly_cost",
                f"The four parts add up to £{sum(parts):,.2f}, not £{total:,.2f}: "
                "make them add up to the total",
            )
        if total is not None and total <= 0:
            self.add_error("total_agreed_weekly_cost", "The total must be more than £0")
        return data


def _extra(line: str, number: int) -> dict[str, str]:
    bits = [b.strip() for b in line.split(":")]
    try:
        description, cost = bits[0], Decimal(bits[1])
        ends = date.fromisoformat(bits[2]).isoformat() if len(bits) > 2 and bits[2] else ""
    except (IndexError, InvalidOperation, ValueError):
        raise forms.ValidationError(
            f"Line {number} of the extras must be like 'Taxi to school: 120: 2027-07-20'"
        ) from None
    if not description or cost < 0:
        raise forms.ValidationError(f"Line {number} of the extras needs a name and a cost")
    return {"description": description, "weekly_cost": str(cost), "end_date": ends}


def agreement_initial(version) -> dict:
    fields = [f for f in AgreementForm.base_fields if f not in ("extras", "reason")]
    initial = {f: getattr(version, f) for f in fields}
    initial["extras"] = "\n".join(
        ": ".join(filter(None, [e["description"], e["weekly_cost"], e.get("end_date", "")]))
        for e in version.extras
    )
    return initial


class ActualCostForm(forms.Form):
    actual_weekly_cost = _money("Actual weekly cost")
    period_start = date_field("Period start")
    period_end = date_field("Period end")
    reason = forms.CharField(
        label="Why does it differ from the agreement?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the actual cost differs"},
    )

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("period_start"), data.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", "The period must end on or after its start")
        return data
