"""Input of the strategy pages: strategies, sections, actions and the approval decision.
Validation only."""

from __future__ import annotations

from typing import Any

from django import forms

from sufficiency import frozen
from sufficiency.forms.provision import DATE_HELP
from sufficiency.models.strategy import SECTIONS, StrategyAction


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
        return {key: frozen.section_text(self.cleaned_data[key]) for key, _ in SECTIONS}


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
