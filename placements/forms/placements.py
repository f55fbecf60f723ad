"""Input validation for a placement: approving it, ending it."""

from __future__ import annotations

from django import forms

from placements.forms.fields import date_field
from placements.forms.referrals import DecisionForm
from placements.models.choices import PlacementChangeReason


class ApprovalForm(DecisionForm):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("refuse", "Refuse")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select a decision"},
    )


class EndForm(forms.Form):
    end_date = date_field("End date")
    unplanned = forms.TypedChoiceField(
        label="Was the ending planned?",
        coerce=lambda v: v == "True",
        widget=forms.RadioSelect,
        choices=[("False", "Planned"), ("True", "Unplanned (the placement broke down)")],
        error_messages={"required": "Say whether the ending was planned"},
    )
    reason = forms.ChoiceField(
        label="Reason (903 REASON_PLACE_CHANGE)", choices=PlacementChangeReason.choices
    )
