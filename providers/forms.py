"""Input validation for the market's pages."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from providers.models import Application, Concern, NeedCategory, NeedLevel, Setting, SettingType

MONEY = {"min_value": Decimal("0.01"), "max_digits": 10, "decimal_places": 2}
DATE_HINT = "For example, 2026-12-01"


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        help_text=DATE_HINT,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a real date, like 2026-12-01",
        },
    )


def _reason(label: str = "Reason") -> forms.CharField:
    return forms.CharField(
        label=label,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": f"Enter the {label.lower()}"},
    )


class SettingForm(forms.ModelForm):
    needs = forms.ModelMultipleChoiceField(
        label="Registered categories of need",
        queryset=NeedCategory.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Setting
        fields = [
            "name",
            "setting_type",
            "address",
            "postcode",
            "local_authority",
            "registered_places",
            "age_min",
            "age_max",
            "sexes",
            "needs",
            "takes_emergencies",
            "takes_parent_and_child",
            "takes_sibling_groups",
            "takes_uasc",
        ]
        labels = {
            "age_min": "Youngest age taken",
            "age_max": "Oldest age taken",
            "local_authority": "Council area it is in",
        }
        widgets = {
            f: forms.RadioSelect(choices=[(True, "Yes"), (False, "No")])
            for f in (
                "takes_emergencies",
                "takes_parent_and_child",
                "takes_sibling_groups",
                "takes_uasc",
            )
        }

    def __init__(self, *args, councils, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["local_authority"].queryset = councils
        for name in (
            "takes_emergencies",
            "takes_parent_and_child",
            "takes_sibling_groups",
            "takes_uasc",
        ):
            self.fields[name] = forms.TypedChoiceField(
                label=self.fields[name].label,
                choices=[("True", "Yes"), ("False", "No")],
                coerce=lambda v: v == "True",
                widget=forms.RadioSelect,
                initial=str(getattr(self.instance, name, False)),
            )

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("age_min") or 0) > (cleaned.get("age_max") or 99):
            self.add_error(
                "age_max", "The oldest age must be the same as or more than the youngest"
            )
        return cleaned


class ReasonForm(forms.Form):
    reason = _reason()


class QualityVisitForm(forms.Form):
    visited_on = _date("Date of the visit")
    findings = _reason("What you found")


class ConcernForm(forms.Form):
    severity = forms.ChoiceField(
        choices=Concern.Severity.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how serious the concern is"},
    )
    summary = _reason("The concern")


class FrameworkForm(forms.Form):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the framework name"})
    starts_on = _date("Start date")
    ends_on = _date("End date")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("starts_on"), cleaned.get("ends_on")
        if start and end and start >= end:
            self.add_error("ends_on", "The end date must be after the start date")
        return cleaned


class LotForm(forms.Form):
    name = forms.CharField(max_length=200, error_messages={"required": "Enter the lot name"})
    placement_type = forms.ChoiceField(label="Placement type", choices=SettingType.choices)
    need_level = forms.ChoiceField(
        label="Need level", choices=NeedLevel.choices, widget=forms.RadioSelect
    )
    area = forms.CharField(max_length=120, initial="Whole region")


class RoundForm(forms.Form):
    opens_on = _date("Opening date")
    closes_on = _date("Closing date")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("opens_on"), cleaned.get("closes_on")
        if start and end and start > end:
            self.add_error("closes_on", "The closing date must be on or after the opening date")
        return cleaned


class ApplyForm(forms.Form):
    proposed_weekly_price = forms.DecimalField(
        label="Your proposed weekly price (£)",
        **MONEY,
        error_messages={
            "required": "Enter your proposed weekly price",
            "invalid": "Enter the weekly price as a number, like 5250.00",
        },
    )
    statement = forms.CharField(
        label="How you meet the lot's requirements",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )


DECISIONS = [
    (Application.Status.UNDER_EVALUATION, "Start evaluation"),
    (Application.Status.ADMITTED, "Admit to the framework"),
    (Application.Status.REFUSED, "Refuse"),
]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=DECISIONS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a decision"},
    )
    reason = forms.CharField(
        label="Reasons (needed to refuse)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == Application.Status.REFUSED and not cleaned.get("reason"):
            self.add_error("reason", "Enter the reasons for refusing")
        return cleaned


class RateForm(forms.Form):
    provider = forms.TypedChoiceField(label="Provider", coerce=int)
    need_level = forms.ChoiceField(label="Need level", choices=NeedLevel.choices)
    weekly_price = forms.DecimalField(
        label="Weekly price (£)",
        **MONEY,
        error_messages={
            "required": "Enter the weekly price",
            "invalid": "Enter the weekly price as a number, like 5250.00",
        },
    )
    valid_from = _date("Valid from")

    def __init__(self, *args, providers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provider"].choices = [(p.pk, p.name) for p in providers]


class VacancyForm(forms.Form):
    setting = forms.TypedChoiceField(label="Setting", coerce=int)
    places = forms.IntegerField(min_value=1, max_value=50, initial=1)
    available_from = _date("Free from")
    available_until = _date("Free until (leave empty if open-ended)", required=False)
    age_min = forms.IntegerField(label="Youngest age", min_value=0, max_value=25, initial=0)
    age_max = forms.IntegerField(label="Oldest age", min_value=0, max_value=25, initial=17)
    needs = forms.ModelMultipleChoiceField(
        label="Needs it can meet",
        queryset=NeedCategory.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label="Note for commissioners", required=False, max_length=500)

    def __init__(self, *args, settings, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["setting"].choices = [(s.pk, s.name) for s in settings]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("available_from"), cleaned.get("available_until")
        if start and end and end < start:
            self.add_error("available_until", "The free-until date must be on or after free-from")
        if (cleaned.get("age_min") or 0) > (cleaned.get("age_max") or 99):
            self.add_error(
                "age_max", "The oldest age must be the same as or more than the youngest"
            )
        return cleaned


class FinancialReturnForm(forms.Form):
    year = forms.IntegerField(
        label="Financial year ending in",
        min_value=2000,
        max_value=2100,
        error_messages={"required": "Enter the year the financial year ends in"},
    )
    turnover = forms.DecimalField(
        label="Turnover (£)", min_value=1, max_digits=14, decimal_places=0
    )
    operating_profit = forms.DecimalField(
        label="Operating profit (£)", max_digits=14, decimal_places=0
    )
    ebitda = forms.DecimalField(label="EBITDA (£)", max_digits=14, decimal_places=0)
    is_group_return = forms.TypedChoiceField(
        label="Are these the figures of the whole group?",
        choices=[("True", "Yes"), ("False", "No, this company only")],
        coerce=lambda v: v == "True",
        widget=forms.RadioSelect,
        initial="False",
    )


class ScrutinyForm(forms.Form):
    reason = _reason("Why this provider needs scrutiny")
