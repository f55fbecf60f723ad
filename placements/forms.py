"""Input validation for the referral journey."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms

from placements.models import Child, Referral
from placements.models.choices import (
    ADDITIONAL_SUPPORT,
    COMMUNICATION_NEEDS,
    RISKS_TO_CHILD,
    RISKS_TO_OTHERS,
    DeclineReason,
    PlacementChangeReason,
    RiskLevel,
)
from placements.models.referrals import STANDARD_FIELDS
from providers.models import NeedCategory
from rcc.geography.postcodes import PostcodeError, normalise_postcode


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text="For example, 2026-12-01",
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a real date, like 2026-12-01",
        },
    )


def _clean_postcode(value: str) -> str:
    if not value:
        return value
    try:
        return normalise_postcode(value)
    except PostcodeError as error:
        raise forms.ValidationError(str(error)) from None


class ChildForm(forms.ModelForm):
    date_of_birth = _date("Date of birth")

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
        return _clean_postcode(self.cleaned_data["home_postcode"])

    def clean_school_postcode(self) -> str:
        return _clean_postcode(self.cleaned_data["school_postcode"])


YES_NO = [("True", "Yes"), ("False", "No")]


def _yes_no(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "True",
        widget=forms.RadioSelect,
        initial="False",
    )


class ReferralForm(forms.ModelForm):
    """The RCC data standard's home-search fields."""

    latest_start_date = _date("Latest start date")
    close_to_family = _yes_no("Is it recommended to find a home close to the family?")
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
    must_continue_school = _yes_no("Does the child need to keep going to this school?")
    home_adaptations = _yes_no("Does the home need adaptations?")
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
        return _clean_postcode(self.cleaned_data["family_postcode"])

    def clean_school_postcode(self) -> str:
        return _clean_postcode(self.cleaned_data["school_postcode"])

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


class ApprovalForm(DecisionForm):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("refuse", "Refuse")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select a decision"},
    )


class SendForm(forms.Form):
    providers = forms.TypedMultipleChoiceField(
        label="Send to these providers",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one provider"},
    )

    def __init__(self, *args, providers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["providers"].choices = [(p.pk, p.name) for p in providers]


class OfferForm(forms.Form):
    setting = forms.TypedChoiceField(label="Setting", coerce=int)
    vacancy = forms.TypedChoiceField(label="Vacancy", coerce=int, required=False, empty_value=None)
    weekly_price = forms.DecimalField(
        label="Weekly price (£)",
        min_value=Decimal("1"),
        max_digits=10,
        decimal_places=2,
        error_messages={
            "required": "Enter the weekly price",
            "invalid": "Enter the weekly price as a number, like 5250.00",
        },
    )
    extras = forms.CharField(
        label="Extras (one a line, like 'Therapy: 350')",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    start_date = _date("Start date")
    note = forms.CharField(label="Note", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, settings, vacancies, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["setting"].choices = [(s.pk, s.name) for s in settings]
        self.fields["vacancy"].choices = [("", "No specific vacancy")] + [
            (v.pk, f"{v.setting.name}: from {v.available_from:%d %b %Y}") for v in vacancies
        ]

    def clean_extras(self) -> list[dict]:
        extras = []
        for number, line in enumerate(self.cleaned_data["extras"].splitlines(), start=1):
            if not line.strip():
                continue
            item, _, amount = line.rpartition(":")
            try:
                extras.append({"item": item.strip(), "weekly": str(Decimal(amount.strip()))})
            except InvalidOperation:
                raise forms.ValidationError(
                    f"Line {number} of the extras must be like 'Therapy: 350'"
                ) from None
            if not item.strip():
                raise forms.ValidationError(f"Line {number} of the extras needs a name")
        return extras


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why are you declining?",
        choices=DeclineReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select why you are declining"},
    )
    note = forms.CharField(label="Note", required=False, max_length=1000)


class NegotiateForm(forms.Form):
    weekly_price = forms.DecimalField(
        label="Agreed weekly price (£)", min_value=Decimal("1"), max_digits=10, decimal_places=2
    )
    reason = forms.CharField(
        label="What was agreed with the provider", widget=forms.Textarea(attrs={"rows": 3})
    )


class EndForm(forms.Form):
    end_date = _date("End date")
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
