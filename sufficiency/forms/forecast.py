"""The scenario form: multipliers per category and one stepped move between categories."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet

from sufficiency import forecasting as fc
from sufficiency.models.forecast import BASELINE
from sufficiency.presenters.forecast import category_name

CATEGORY_CHOICES = [("", "No move")] + [(c, category_name(c)) for c in fc.CATEGORIES]


def _multiplier(label: str) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        initial=Decimal("1"),
        min_value=Decimal("0"),
        max_value=Decimal("5"),
        decimal_places=2,
        help_text="1 leaves it as it is; 0.9 is 10% fewer; 1.2 is 20% more",
        error_messages={"required": f"Enter a multiplier for {label.lower()}"},
    )


class ScenarioForm(forms.Form):
    region = forms.ModelChoiceField(
        label="Region",
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": "Choose one of your regions"},
    )
    name = forms.SlugField(
        label="Scenario name",
        max_length=60,
        help_text="Letters, numbers and hyphens, like fewer-residential-entries",
        error_messages={"required": "Enter a name for the scenario"},
    )
    move_from = forms.ChoiceField(
        label="Step children from", choices=CATEGORY_CHOICES, required=False
    )
    move_to = forms.ChoiceField(label="Into", choices=CATEGORY_CHOICES, required=False)
    move_per_year = forms.IntegerField(
        label="Children a year", min_value=0, max_value=5000, required=False
    )
    share_from = forms.ChoiceField(
        label="Move a share of the entries into", choices=CATEGORY_CHOICES, required=False
    )
    share_to = forms.ChoiceField(label="To", choices=CATEGORY_CHOICES, required=False)
    share_percent = forms.DecimalField(
        label="Share of those entries, %",
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        decimal_places=1,
        required=False,
        help_text="10 moves a tenth of the children entering the first category to the second",
    )
    cost_inflation = forms.DecimalField(
        label="Price rise, % a year",
        min_value=Decimal("-20"),
        max_value=Decimal("50"),
        decimal_places=1,
        required=False,
        help_text="Compounds week by week over the forecast; leave empty for today's prices",
        error_messages={"invalid": "Enter the price rise as a number, like 3.5"},
    )

    def __init__(self, *args: Any, regions: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for category in fc.CATEGORIES:
            name = category_name(category)
            self.fields[f"entry_{category}"] = _multiplier(f"Entries into {name.lower()}")
            self.fields[f"exit_{category}"] = _multiplier(f"Leaving care from {name.lower()}")
        self.fields["region"].queryset = regions
        self.order_fields(
            ["region", "name"]
            + [f"entry_{c}" for c in fc.CATEGORIES]
            + [f"exit_{c}" for c in fc.CATEGORIES]
        )

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].lower()
        if name == BASELINE:
            raise forms.ValidationError("Choose a name other than baseline")
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        chosen = [bool(data.get("move_from")), bool(data.get("move_to"))]
        if any(chosen) and not all(chosen):
            self.add_error("move_to", "Choose both categories of the move, or neither")
        elif all(chosen) and data["move_from"] == data["move_to"]:
            self.add_error("move_to", "Choose a category other than the one children move from")
        elif all(chosen) and not data.get("move_per_year"):
            self.add_error("move_per_year", "Enter how many children a year move")
        shares = [bool(data.get("share_from")), bool(data.get("share_to"))]
        if any(shares) and not all(shares):
            self.add_error("share_to", "Choose both categories of the entries' move, or neither")
        elif all(shares) and data["share_from"] == data["share_to"]:
            self.add_error("share_to", "Choose a category other than the one entries move from")
        elif all(shares) and not data.get("share_percent"):
            self.add_error("share_percent", "Enter the share of entries that moves")
        return data

    def scenario(self) -> fc.Scenario:
        data = self.cleaned_data
        moves = []
        if data.get("move_from") and data.get("move_to") and data.get("move_per_year"):
            moves.append((data["move_from"], data["move_to"], int(data["move_per_year"])))
        shares = []
        if data.get("share_from") and data.get("share_to") and data.get("share_percent"):
            share = float(data["share_percent"]) / 100
            shares.append((data["share_from"], data["share_to"], share))
        return fc.Scenario(
            entry_multipliers=_changed(data, "entry"),
            exit_multipliers=_changed(data, "exit"),
            moves_per_year=moves,
            cost_inflation=float(data.get("cost_inflation") or 0),
            entry_shares=shares,
        )


def _changed(data: dict[str, Any], prefix: str) -> dict[str, float]:
    values = {c: float(data[f"{prefix}_{c}"]) for c in fc.CATEGORIES}
    return {c: v for c, v in values.items() if v != 1.0}
