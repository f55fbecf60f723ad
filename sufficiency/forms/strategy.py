"""Input of the strategy pages: projects and their stages, strategies, sections, actions and
the approval decision. Validation only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from sufficiency.models.provision import ProvisionProject, Stage
from sufficiency.models.strategy import SECTIONS, StrategyAction

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


class StrategyForm(forms.Form):
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter the strategy's title"},
        help_text="For example, Sufficiency strategy 2026 to 2029",
    )
    period = forms.CharField(
        label="Period",
        max_length=40,
        error_messages={"required": "Enter the period it covers"},
        help_text="For example, 2026 to 2029",
    )


class SectionsForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, name in SECTIONS:
            self.fields[key] = forms.CharField(
                label=name, required=False, widget=forms.Textarea(attrs={"rows": 6})
            )
        self.fields["market_summary"] = forms.CharField(
            label="Market position statement: the message to providers",
            required=False,
            widget=forms.Textarea(attrs={"rows": 6}),
        )

    def sections(self) -> dict[str, str]:
        return {key: self.cleaned_data[key].strip() for key, _ in SECTIONS}


class ActionForm(forms.ModelForm):
    class Meta:
        model = StrategyAction
        fields = ["title", "owner", "due_on", "status"]
        labels = {"title": "Action", "due_on": "Due date"}
        help_texts = {"due_on": DATE_HELP}
        error_messages = {
            "title": {"required": "Enter the action"},
            "owner": {"required": "Enter who owns it"},
            "due_on": {"required": "Enter the due date", "invalid": "Enter a real date"},
        }


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("approve", "Approve and publish"), ("return", "Return with comments")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose approve or return"},
    )
    comment = forms.CharField(label="Comments", required=False, widget=forms.Textarea)

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not data.get("comment", "").strip():
            self.add_error("comment", "Say what needs to change")
        return data
