"""Input of the new-provision pages: a project and the stage it has reached. Validation only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from sufficiency.models.provision import ProvisionProject, Stage

DATE_HELP = "For example, 27 3 2027 is written 2027-03-27"


class ProjectForm(forms.ModelForm):
    class Meta:
        model = ProvisionProject
        fields = [
            "name",
            "category",
            "need_level",
            "provision_type",
            "places",
            "local_authority",
            "location",
            "capital_cost",
            "annual_revenue_cost",
            "partner",
            "gap_note",
            "expected_open_on",
        ]
        labels = {
            "local_authority": "Council where it will be",
            "capital_cost": "Capital cost (£)",
            "annual_revenue_cost": "Revenue cost a year (£)",
            "expected_open_on": "Expected opening date",
        }
        help_texts = {"expected_open_on": DATE_HELP, "name": "For example, Oldham two-bed home"}
        error_messages = {
            "name": {"required": "Enter the project's name"},
            "places": {"required": "Enter how many places it will have"},
            "local_authority": {"required": "Choose the council where it will be"},
        }

    def __init__(self, *args: Any, councils: QuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["local_authority"].queryset = councils
        self.fields["places"].min_value = 1
        self.fields["places"].widget.attrs["min"] = 1


class StageForm(forms.Form):
    stage = forms.ChoiceField(
        label="New stage",
        choices=Stage.choices,
        error_messages={"required": "Choose the stage the project has reached"},
    )
    stage_on = forms.DateField(
        label="Date it reached this stage",
        help_text=DATE_HELP,
        error_messages={"required": "Enter the date", "invalid": "Enter a real date"},
    )
    note = forms.CharField(label="Note (optional)", required=False, widget=forms.Textarea)

    def clean_stage_on(self):
        value = self.cleaned_data["stage_on"]
        if value > timezone.localdate():
            raise forms.ValidationError("The date must be today or in the past")
        return value
