"""Input validation for a partner's upload: a kind of dataset and a CSV file we can read."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from sufficiency.partner_data import KIND_CHOICES

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class PartnerUploadForm(forms.Form):
    """The cleaned ``file`` is the file's text (UTF-8, with or without a byte order mark)."""

    kind = forms.ChoiceField(
        label="Which dataset is this?",
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which dataset the file holds"},
    )
    file = forms.FileField(
        label="Upload a file",
        help_text="A CSV UTF-8 file with the columns quarter, la_code, measure and value. "
        "The file must be smaller than 2MB.",
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages={
            "required": "Select a CSV file",
            "empty": "The selected file is empty",
            "invalid": "Select a CSV file",
            "missing": "Select a CSV file",
        },
    )

    def clean_file(self) -> str:
        upload: UploadedFile = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(".csv"):
            raise forms.ValidationError("The selected file must be a CSV")
        if upload.size is None or upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 2MB")
        text = _text(upload)
        if text is None:
            raise forms.ValidationError(
                "The selected file must be a CSV saved as text (CSV UTF-8), not a spreadsheet"
            )
        return text


def _text(upload: UploadedFile) -> str | None:
    """The file decoded as UTF-8 (a byte order mark dropped); None for anything not text.

    This is the magic-byte check for a text format: spreadsheets, PDFs, images and
    programs fail to decode as UTF-8 or carry NUL bytes.
    """
    try:
        text = upload.read(MAX_UPLOAD_BYTES + 1).decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text
