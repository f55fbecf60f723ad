"""Input of the hub's pipeline pages. Rules about moves live in the services, not here."""

from __future__ import annotations

from typing import Any

from django import forms

from fostering.models import EnquiryContact
from fostering.models.choices import ENDED, CarerType, CheckKind, Stage, WithdrawalReason

HUB = "hub"
YES_NO = [("True", "Yes"), ("False", "No")]


def _date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text="For example, 2026-03-27",
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a real date, like 2026-03-27",
        },
    )


def _yes_no(label: str) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label,
        choices=YES_NO,
        coerce=lambda v: v == "True",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose yes or no"},
    )


def _number(label: str, *, minimum: int, maximum: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=minimum,
        max_value=maximum,
        widget=forms.NumberInput,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a whole number",
            "min_value": f"The {label.lower()} must be {minimum} or more",
            "max_value": f"The {label.lower()} must be {maximum} or less",
        },
    )


def _council_choices(councils: Any) -> list[tuple[str, str]]:
    return [(str(c.pk), c.name) for c in councils]


class QueueFilterForm(forms.Form):
    routed = forms.ChoiceField(label="Routed to", required=False)

    def __init__(self, *args: Any, councils: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["routed"].choices = [
            ("", "Anyone"),
            (HUB, "The regional hub"),
            *_council_choices(councils),
        ]


class PipelineFilterForm(forms.Form):
    stage = forms.ChoiceField(
        label="Stage",
        required=False,
        choices=[
            ("", "In progress"),
            *[(s.value, s.label) for s in Stage if s not in ENDED and s != Stage.ENQUIRY],
            ("ended", "Approved, not approved or withdrawn"),
        ],
    )


class ContactForm(forms.Form):
    method = forms.ChoiceField(
        label="How did you contact them?",
        choices=EnquiryContact.Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how you contacted them"},
    )
    outcome = forms.CharField(
        label="What came of it?",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what came of the contact"},
    )


class RouteForm(forms.Form):
    council = forms.ChoiceField(
        label="Who takes this enquiry forward?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the hub or a council"},
    )

    def __init__(self, *args: Any, councils: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._councils = {str(c.pk): c for c in councils}
        self.fields["council"].choices = [
            (HUB, "Keep it with the regional hub"),
            *_council_choices(councils),
        ]

    def chosen_council(self) -> Any:
        return self._councils.get(self.cleaned_data["council"])


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why is the enquiry closing?",
        choices=WithdrawalReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the enquiry is closing"},
    )


class InitialVisitForm(forms.Form):
    visited_on = _date("Date of the initial visit")


class ApplicationForm(forms.Form):
    received_on = _date("Date the application was received")


class CheckForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which check?",
        choices=CheckKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the check"},
    )
    completed_on = _date("Date the check was completed")
    satisfactory = _yes_no("Was it satisfactory?")


class Stage2Form(forms.Form):
    started_on = _date("Date Stage 2 started")
    assessor = forms.CharField(
        label="Assessor",
        max_length=120,
        error_messages={"required": "Enter the assessor's name"},
    )


class AssessmentVisitForm(forms.Form):
    visited_on = _date("Date of the visit")
    note = forms.CharField(label="Note (optional)", max_length=300, required=False)


class ReportForm(forms.Form):
    submitted_on = _date("Date the Form F report was submitted")


class PanelDateForm(forms.Form):
    panel_on = _date("Date of the panel")


class RecommendationForm(forms.Form):
    recommends_approval = _yes_no("Did the panel recommend approval?")
    note = forms.CharField(
        label="The panel's reasons (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


NEEDED_TO_APPROVE = {
    "council": "Choose the approving council",
    "max_children": "Enter how many children the carer is approved for",
    "age_min": "Enter the youngest age",
    "age_max": "Enter the oldest age",
    "types": "Choose the types of fostering",
}


def _given(value: Any) -> bool:
    return value not in (None, "", [])


class DecisionForm(forms.Form):
    """The agency decision maker's decision; the approval range only when approving."""

    decision = forms.ChoiceField(
        label="What did the agency decision maker decide?",
        choices=[("approve", "Approve"), ("refuse", "Not approve")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the decision"},
    )
    decided_on = _date("Date of the decision")
    reason = forms.CharField(
        label="If not approved: why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    household = forms.CharField(label="If approved: household name", max_length=150, required=False)
    council = forms.ChoiceField(label="If approved: the approving council", required=False)
    max_children = forms.IntegerField(
        label="If approved: how many children", min_value=1, max_value=6, required=False
    )
    age_min = forms.IntegerField(label="Youngest age", min_value=0, max_value=17, required=False)
    age_max = forms.IntegerField(label="Oldest age", min_value=0, max_value=17, required=False)
    types = forms.MultipleChoiceField(
        label="If approved: types of fostering",
        choices=CarerType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args: Any, councils: Any, routed_to: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._councils = {str(c.pk): c for c in councils}
        if routed_to is not None:
            del self.fields["council"]  # the enquiry's council approves
        else:
            choices = _council_choices(councils)
            self.fields["council"].choices = [("", "Choose a council"), *choices]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("decision") == "approve":
            for name, message in NEEDED_TO_APPROVE.items():
                if name in self.fields and name not in self.errors and not _given(data.get(name)):
                    self.add_error(name, message)
        elif data.get("decision") == "refuse" and not data.get("reason", "").strip():
            self.add_error("reason", "Enter why the applicant was not approved")
        return data

    def chosen_council(self) -> Any:
        return self._councils.get(self.cleaned_data.get("council") or "")


class WithdrawForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why did the applicant withdraw?",
        choices=WithdrawalReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why the applicant withdrew"},
    )
    note = forms.CharField(
        label="More detail (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
