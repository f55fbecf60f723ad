"""Input validation only."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    """Email and password. The field keeps the name ``username`` that axes watches."""

    username = forms.EmailField(
        label="Email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": "Enter a correct email address and password.",
        "inactive": "This account is no longer active.",
    }


class TokenForm(forms.Form):
    token = forms.RegexField(
        label="Security code",
        regex=r"^\s*\d{6}\s*$",
        help_text="The 6-digit code from your authenticator app.",
        error_messages={
            "required": "Enter the 6-digit security code",
            "invalid": "The security code must be 6 digits",
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_token(self) -> str:
        return self.cleaned_data["token"].strip()


class ChooseRoleForm(forms.Form):
    membership = forms.TypedChoiceField(
        label="Which role are you working in?",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the role you are working in"},
    )

    def __init__(self, *args, memberships, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["membership"].choices = [(m.pk, str(m)) for m in memberships]


class CouncilSignInForm(forms.Form):
    """The work email whose domain picks the council's or region's identity provider."""

    email = forms.EmailField(
        label="Work email address",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter your work email address",
            "invalid": "Enter an email address in the correct format, like name@council.gov.uk",
        },
    )
