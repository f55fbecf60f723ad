"""Attaching a document to a referral, releasing it, and writing a message on a thread."""

from __future__ import annotations

from django import forms

from placements.models import ReferralDocument, ReferralMessage
from placements.services.documents import check_file
from rcc.services import ServiceError


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(
        label="What is it?",
        choices=ReferralDocument.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the document is"},
    )
    title = forms.CharField(
        label="Title",
        max_length=120,
        error_messages={"required": "Enter a title for the document"},
    )
    file = forms.FileField(
        label="Upload a file",
        help_text="PDF, Word (DOCX), OpenDocument text (ODT), PNG or JPEG.",
        error_messages={"required": "Select a file", "empty": "The selected file is empty"},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_file(upload, upload.size)
        except ServiceError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


class ReleaseForm(forms.Form):
    distribution = forms.IntegerField(widget=forms.HiddenInput)
    release = forms.BooleanField(required=False, widget=forms.HiddenInput)


class MessageForm(forms.Form):
    body = forms.CharField(
        label="Your message",
        max_length=ReferralMessage.MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "Enter a message",
            "max_length": f"The message must be {ReferralMessage.MAX_LENGTH} characters or fewer",
        },
    )
