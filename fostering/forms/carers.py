"""Input validation for the carers register and the support offer. Rules live in the services."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone

from fostering.models import SupportEvent
from fostering.models.choices import CarerType, LeavingReason

DATE_HINT = "For example, 2026-12-01"


def _date(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=DATE_HINT,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a real date, like 2026-12-01",
        },
    )


def _number(label: str, low: int, high: int, initial: int | None = None) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        initial=initial,
        error_messages={
            "required": f"Enter the {label.lower()}",
            "invalid": f"Enter the {label.lower()} as a whole number",
            "min_value": f"The {label.lower()} must be {low} or more",
            "max_value": f"The {label.lower()} must be {high} or less",
        },
    )


def _types() -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label="Types of fostering approved for",
        choices=CarerType.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one type of fostering"},
    )


class CarerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.household}, {obj.local_authority.name}"


class CarerFilterForm(forms.Form):
    council = forms.ModelChoiceField(
        label="Council", queryset=None, required=False, empty_label="Any council"
    )
    carer_type = forms.ChoiceField(
        label="Type of fostering", choices=[("", "Any type"), *CarerType.choices], required=False
    )
    free_places = forms.ChoiceField(
        label="Has free places",
        choices=[("", "Either"), ("yes", "Yes"), ("no", "No")],
        required=False,
    )

    def __init__(self, *args: Any, councils: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils


class _RangeForm(forms.Form):
    max_children = _number("Number of children approved for", 1, 6, 1)
    age_min = _number("Youngest age", 0, 17, 0)
    age_max = _number("Oldest age", 0, 17, 17)
    types = _types()
    current_children = _number("Children living there now", 0, 6, 0)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (cleaned.get("age_min") or 0) > (cleaned.get("age_max") or 17):
            self.add_error(
                "age_max", "The oldest age must be the same as or more than the youngest"
            )
        if (cleaned.get("current_children") or 0) > (cleaned.get("max_children") or 6):
            self.add_error(
                "current_children", "Children living there cannot be more than approved for"
            )
        return cleaned


class CarerForm(_RangeForm):
    household = forms.CharField(
        label="Household name",
        max_length=150,
        help_text="For example, the Khan household",
        error_messages={"required": "Enter the household's name"},
    )
    local_authority = forms.ModelChoiceField(
        label="Council", queryset=None, error_messages={"required": "Choose the council"}
    )
    approved_on = _date("Date approved")

    field_order = ["household", "local_authority", "approved_on"]

    def __init__(self, *args: Any, councils: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["local_authority"].queryset = councils


class ApprovalForm(_RangeForm):
    pass


class VacancyForm(forms.Form):
    places = _number("Places", 1, 6, 1)
    available_from = _date("Free from")
    age_min = _number("Youngest age", 0, 17)
    age_max = _number("Oldest age", 0, 17)
    note = forms.CharField(label="Note for matching (optional)", required=False, max_length=500)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (cleaned.get("age_min") or 0) > (cleaned.get("age_max") or 17):
            self.add_error(
                "age_max", "The oldest age must be the same as or more than the youngest"
            )
        return cleaned


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is it withdrawn?",
        max_length=300,
        error_messages={"required": "Enter why it is withdrawn"},
    )


class BuddyForm(forms.Form):
    buddy = CarerChoiceField(
        label="Buddy", queryset=None, error_messages={"required": "Choose a buddy"}
    )

    def __init__(self, *args: Any, choices: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["buddy"].queryset = choices


class DeregisterForm(forms.Form):
    left_on = _date("Date they stopped fostering")
    reason = forms.ChoiceField(
        label="Why did they leave?",
        choices=LeavingReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose why they left"},
    )


class SupportEventForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of event",
        choices=SupportEvent.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of event"},
    )
    title = forms.CharField(
        label="Title", max_length=150, error_messages={"required": "Enter the title"}
    )
    on = _date("Date")
    at = forms.TimeField(
        label="Start time",
        help_text="For example, 18:30",
        error_messages={
            "required": "Enter the start time",
            "invalid": "Enter the start time like 18:30",
        },
    )
    location = forms.CharField(
        label="Where", max_length=200, error_messages={"required": "Enter where it is"}
    )
    capacity = _number("Places", 1, 500, 30)

    def details(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in ("kind", "title", "location", "capacity")}

    def starts_at(self) -> datetime:
        naive = datetime.combine(self.cleaned_data["on"], self.cleaned_data["at"])
        return timezone.make_aware(naive)


class BookForm(forms.Form):
    carer = CarerChoiceField(
        label="Carer", queryset=None, error_messages={"required": "Choose a carer"}
    )

    def __init__(self, *args: Any, carers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["carer"].queryset = carers


class AttendanceForm(forms.Form):
    attended = forms.TypedMultipleChoiceField(
        label="Who came?", coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, bookings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attended"].choices = [
            (b.pk, str(b.carer) if b.carer_id else f"{b.name} (public)") for b in bookings
        ]
        self.fields["attended"].initial = [b.pk for b in bookings if b.attended]
