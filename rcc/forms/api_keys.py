"""Input of the API key pages (platform administrators). Validation only."""

from __future__ import annotations

from django import forms

from rcc.models import Membership


class MembershipChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.email}: {obj.get_role_display()}, {obj.scope_label}"


class IssueKeyForm(forms.Form):
    membership = MembershipChoice(
        queryset=None,  # the view gives the memberships in scope
        label="Whose key, acting as what",
        help_text="The key can read exactly what this person can in this role: one council, "
        "one region, one provider, or England.",
        error_messages={
            "required": "Choose whose key it is",
            "invalid_choice": "Choose one of the listed people and roles",
        },
    )
    name = forms.CharField(
        label="Name of the key",
        max_length=100,
        help_text="What uses it, for example 'DfE Power BI'.",
        error_messages={"required": "Give the key a name"},
    )

    def __init__(self, *args, memberships=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if memberships is not None:
            self.fields["membership"].queryset = memberships


class ConfirmForm(forms.Form):
    """A POST with nothing to fill in: the confirmation button."""
