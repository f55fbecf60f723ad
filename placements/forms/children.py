"""Input validation for adding a child."""

from __future__ import annotations

from django import forms

from placements.forms.fields import clean_postcode, date_field
from placements.models import Child


class ChildForm(forms.ModelForm):
    date_of_birth = date_field("Date of birth")

    class Meta:
        model = Child
        fields = [
            "case_id",
            "name",
            "date_of_birth",
            "sex",
            "ethnicity",
            "legal_status",
            "is_uasc",
            "home_postcode",
            "school_postcode",
            "school_name",
            "siblings",
        ]
        widgets = {"sex": forms.RadioSelect}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["is_uasc"] = forms.TypedChoiceField(
            label="Is the child an unaccompanied asylum-seeking child?",
            choices=[("False", "No"), ("True", "Yes")],
            coerce=lambda v: v == "True",
            widget=forms.RadioSelect,
            initial="False",
        )
        # Blank only on children imported from a 903 return; a social worker names the child.
        for name in ("name", "home_postcode"):
            self.fields[name].required = True
        # Sex not known (903 "U") comes only from a council's return.
        self.fields["sex"].choices = [c for c in self.fields["sex"].choices if c[0] != "unknown"]

    def clean_home_postcode(self) -> str:
        return clean_postcode(self.cleaned_data["home_postcode"])

    def clean_school_postcode(self) -> str:
        return clean_postcode(self.cleaned_data["school_postcode"])
