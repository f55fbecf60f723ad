"""Input validation for the public fostering pages: strict, with messages that say what to do."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from django import forms

from fostering.models.choices import ContactTime, Interest, Source
from rcc.geography.postcodes import PostcodeError, normalise_postcode

HONEYPOT = "website"  # a field people never see; only a bot fills it in

# Bidirectional overrides and isolates: they can make stored text display as something else.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_PHONE_SEPARATORS = re.compile(r"[\s\-().]")
_UK_PHONE = re.compile(r"0\d{9,10}")


def _has_control_characters(text: str, allowed: str = "") -> bool:
    return any(
        (unicodedata.category(c) == "Cc" and c not in allowed) or c in _BIDI_CONTROLS for c in text
    )


def normalise_uk_phone(text: str) -> str | None:
    """``"+44 (0)7700 900123"`` -> ``"07700900123"``; None when it is not a UK number's shape."""
    compact = _PHONE_SEPARATORS.sub("", text)
    for prefix in ("+44", "0044"):
        if compact.startswith(prefix):
            rest = compact[len(prefix) :]
            compact = rest if rest.startswith("0") else f"0{rest}"
    return compact if _UK_PHONE.fullmatch(compact) else None


def _text(label: str, max_length: int, required: str, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        error_messages={
            "required": required,
            "max_length": f"{label} must be {max_length} characters or fewer",
            "null_characters_not_allowed": f"{label} must not include special characters",
        },
        **kwargs,
    )


class EnquiryForm(forms.Form):
    """An enquiry about fostering: only what the hub needs to call back and route it."""

    name = _text(
        "Full name",
        120,
        "Enter your full name",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will send a confirmation to this address.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = _text(
        "Phone number",
        30,
        "Enter a phone number, like 01632 960 001 or 07700 900 982",
        help_text="A UK number, mobile or landline.",
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
    )
    postcode = _text(
        "Postcode",
        16,
        "Enter your postcode",
        help_text="We use it to put you in touch with the council for where you live.",
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )
    household = _text(
        "Who lives in your home?",
        300,
        "Tell us who lives in your home",
        help_text="Their ages and how they are related to you, for example: me, my partner "
        "and our son, aged 12. You do not need to give their names.",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    contact_time = forms.ChoiceField(
        label="When is the best time to contact you?",
        choices=ContactTime.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select when is the best time to contact you",
            "invalid_choice": "Select when is the best time to contact you",
        },
    )
    interests = forms.MultipleChoiceField(
        label="What kind of fostering interests you?",
        choices=Interest.choices,
        help_text="Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select the kinds of fostering that interest you, or 'Not sure yet'",
            "invalid_choice": "Select the kinds of fostering that interest you, or 'Not sure yet'",
            "invalid_list": "Select the kinds of fostering that interest you, or 'Not sure yet'",
        },
    )
    source = forms.ChoiceField(
        label="How did you hear about fostering with us?",
        choices=Source.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how you heard about us",
            "invalid_choice": "Select how you heard about us",
        },
    )
    consent_to_contact = forms.MultipleChoiceField(
        label="Can we contact you?",
        choices=[("yes", "I agree to the fostering team contacting me about my enquiry")],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Agree to us contacting you: we cannot reply to your enquiry without it",
            "invalid_choice": "Agree to us contacting you: we cannot reply to your enquiry "
            "without it",
            "invalid_list": "Agree to us contacting you: we cannot reply to your enquiry "
            "without it",
        },
    )

    def is_from_a_bot(self) -> bool:
        """True when the hidden honeypot field was filled in."""
        value = self.data.get(HONEYPOT, "") if self.is_bound else ""
        return bool(str(value).strip())

    def clean_name(self) -> str:
        return _plain(self.cleaned_data["name"], "Full name")

    def clean_email(self) -> str:
        local, _, domain = self.cleaned_data["email"].rpartition("@")
        return f"{local}@{domain.lower()}"

    def clean_phone(self) -> str:
        phone = normalise_uk_phone(self.cleaned_data["phone"])
        if phone is None:
            raise forms.ValidationError(
                "Enter a UK phone number, like 01632 960 001 or 07700 900 982"
            )
        return phone

    def clean_postcode(self) -> str:
        try:
            return normalise_postcode(self.cleaned_data["postcode"])
        except PostcodeError:
            raise forms.ValidationError("Enter a full UK postcode, like M1 1AE") from None

    def clean_household(self) -> str:
        return _plain(self.cleaned_data["household"], "Who lives in your home", allowed="\r\n\t")

    def clean_consent_to_contact(self) -> bool:
        return True  # the only choice is "yes", and the field is required


def _plain(text: str, label: str, allowed: str = "") -> str:
    if _has_control_characters(text, allowed):
        raise forms.ValidationError(f"{label} must only include letters, numbers and punctuation")
    return text


class EventBookingForm(forms.Form):
    name = _text(
        "Your name",
        120,
        "Enter your name",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def clean_name(self) -> str:
        return _plain(self.cleaned_data["name"], "Your name")


YES_NO = [("yes", "Yes"), ("no", "No")]


def _question(label: str, required: str, hint: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=YES_NO,
        help_text=hint,
        widget=forms.RadioSelect,
        error_messages={"required": required, "invalid_choice": required},
    )


class EligibilityForm(forms.Form):
    """Three questions, answered on the page; nothing is stored."""

    over_21 = _question("Are you 21 or over?", "Select yes if you are 21 or over")
    spare_bedroom = _question(
        "Do you have a spare bedroom?",
        "Select yes if you have a spare bedroom",
        hint="A room a child could have to themselves.",
    )
    lives_in_uk = _question(
        "Do you live in the UK?",
        "Select yes if you live in the UK",
        hint="And have the right to stay here permanently.",
    )

    def unmet(self) -> list[str]:
        """The questions answered "no", by field name."""
        return [name for name, answer in self.cleaned_data.items() if answer == "no"]
