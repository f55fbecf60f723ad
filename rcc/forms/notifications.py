from __future__ import annotations

from django import forms


class PreferenceForm(forms.Form):
    email = forms.TypedChoiceField(
        label="Do you want an email as well when something needs you?",
        choices=[("yes", "Yes, email me"), ("no", "No, only show them in the service")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you want emails"},
    )
