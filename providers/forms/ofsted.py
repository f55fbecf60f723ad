"""Input validation for the Ofsted upload: is this a CSV file we can read as text?"""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class OfstedUploadForm(forms.Form):
    """The cleaned ``file`` is the file's text (UTF-8, with or without a byte order mark)."""

    file = forms.FileField(
        label="Upload a file",
        help_text="Ofsted's provider-level data for children's social care, saved as "
        "CSV UTF-8. The file must be smaller than 5MB.",
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
            raise forms.ValidationError("The selected file must be smaller than 5MB")
        text = _text(upload)
        if text is None:
            raise forms.ValidationError(
                "The selected file must be a CSV saved as text (CSV UTF-8), not a spreadsheet"
            )
        return text


def _text(upload: UploadedFile) -> str | None:
    """The file decoded as UTF-8 (a byte order mark dropped); None for anything not text."""
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text
