"""Input validation for a referral: writing it, deciding on it, sending it, negotiating."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from placements.forms.fields import YES_NO, clean_postcode, date_field, yes_no_field
from placements.models import Referral
from placements.models.choices import (
    ADDITIONAL_SUPPORT,
    COMMUNICATION_NEEDS,
    RISKS_TO_CHILD,
    RISKS_TO_OTHERS,
    RiskLevel,
)
from placements.models.referrals import STANDARD_FIELDS
from providers.models import NeedCategory


def initial_for(child) -> dict[str, str]:
    """A new referral starts from the child's home and school postcodes."""
    return {"family_postcode": child.home_postcode, "school_postcode": child.school_postcode}


class ReferralForm(forms.ModelForm):
    """The RCC data standard's home-search fields."""

    latest_start_date = date_field("Latest start date")
    close_to_family = yes_no_field("Is it recommended to find a home close to the family?")
    region_wide = forms.TypedChoiceField(
        label="For an unaccompanied asylum-seeking child: offer this referral to every council "
        "of the region?",
        choices=YES_NO,
        coerce=lambda v: v == "True",
        widget=forms.RadioSelect,
        required=False,
        empty_value=False,
        initial="False",
    )
    must_continue_school = yes_no_field("Does the child need to keep going to this school?")
    home_adaptations = yes_no_field("Does the home need adaptations?")
    needs = forms.ModelMultipleChoiceField(
        label="Needs the home must be registered for",
        queryset=NeedCategory.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    communication_needs = forms.MultipleChoiceField(
        label="Communication and language needs",
        choices=COMMUNICATION_NEEDS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    additional_support = forms.MultipleChoiceField(
        label="Additional support the home will need to give",
        choices=ADDITIONAL_SUPPORT,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Referral
        fields = ["region_wide", *STANDARD_FIELDS, "other_risks", "additional_support",
                  "additional_support_note"]  # fmt: skip
        labels = {
            "search_type": "Is this a planned or emergency home search?",
            "siblings_to_place_with": "Number of siblings to place with the child",
            "family_postcode": "Family home postcode",
            "attends_school": "Does the child go to school?",
        }
        widgets = {
            name: forms.RadioSelect
            for name in (
                "search_type",
                "attends_school",
                "live_alongside",
                "can_live_with_pets",
                "foster_suitability",
                "residential_suitability",
                "supported_suitability",
                "adult_ratio",
            )
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        risks = (self.instance.risks if self.instance.pk else {}) or {}
        for key, label in RISKS_TO_CHILD + RISKS_TO_OTHERS:
            group = "Risk to the child" if (key, label) in RISKS_TO_CHILD else "Risk to others"
            self.fields[f"risk_{key}"] = forms.ChoiceField(
                label=f"{group}: {label.lower()}",
                choices=RiskLevel.choices,
                initial=risks.get(key, RiskLevel.NONE),
                widget=forms.RadioSelect,
            )
        for name in ("close_to_family", "must_continue_school", "home_adaptations", "region_wide"):
            self.initial[name] = str(getattr(self.instance, name, False))

    def clean_family_postcode(self) -> str:
        return clean_postcode(self.cleaned_data["family_postcode"])

    def clean_school_postcode(self) -> str:
        return clean_postcode(self.cleaned_data["school_postcode"])

    def clean(self):
        cleaned = super().clean()
        kinds = ("foster", "residential", "supported")
        if all(cleaned.get(f"{k}_suitability") == "unsuitable" for k in kinds):
            self.add_error("foster_suitability", "At least one kind of home must be suitable")
        return cleaned

    def referral_data(self) -> tuple[dict, list]:
        """The cleaned values as the service wants them: fields, and the needs apart."""
        data = {
            k: v for k, v in self.cleaned_data.items() if k != "needs" and not k.startswith("risk_")
        }
        data["risks"] = {k[5:]: v for k, v in self.cleaned_data.items() if k.startswith("risk_")}
        return data, list(self.cleaned_data["needs"])


class ConfirmForm(forms.Form):
    """A POST with nothing to fill in: the button is the confirmation."""


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("return", "Return to the social worker")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select a decision"},
    )
    reason = forms.CharField(
        label="Reason (needed to return or refuse)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") in ("return", "refuse") and not cleaned.get("reason"):
            self.add_error("reason", "Enter the reason")
        return cleaned


class SendForm(forms.Form):
    providers = forms.TypedMultipleChoiceField(
        label="Send to these providers",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one provider"},
    )

    def __init__(self, *args, providers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = list(providers)
        self.fields["providers"].choices = [(p.pk, p.name) for p in self.candidates]

    def chosen(self) -> list:
        """The providers chosen, themselves (in the order chosen)."""
        by_id = {p.pk: p for p in self.candidates}
        return [by_id[i] for i in self.cleaned_data["providers"]]


class NegotiateForm(forms.Form):
    weekly_price = forms.DecimalField(
        label="Agreed weekly price (£)", min_value=Decimal("1"), max_digits=10, decimal_places=2
    )
    reason = forms.CharField(
        label="What was agreed with the provider", widget=forms.Textarea(attrs={"rows": 3})
    )
