"""Uploaded CSV files: one check, one way of reading them, the same messages on every page.

A file is read only if its name ends in .csv, it is under the page's size limit, and it
decodes as UTF-8 (a byte order mark dropped) without NUL bytes: the magic-byte check for a
text format, since spreadsheets, PDFs, images and programs fail it.
"""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

MEGABYTE = 1024 * 1024
CSV_FILE_ERRORS = {
    "required": "Select a CSV file",
    "empty": "The selected file is empty",
    "invalid": "Select a CSV file",
    "missing": "Select a CSV file",
}


def csv_file_field(*, help_text: str, label: str = "Upload a file") -> forms.FileField:
    return forms.FileField(
        label=label,
        help_text=help_text,
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
        error_messages=CSV_FILE_ERRORS,
    )


def csv_text(
    upload: UploadedFile,
    *,
    max_bytes: int,
    subject: str = "The selected file",
    kind: str = "a CSV",
) -> str:
    """The file's text, or a ValidationError saying what is wrong with it."""
    if not (upload.name or "").lower().endswith(".csv"):
        raise forms.ValidationError(f"{subject} must be {kind}")
    if upload.size is None or upload.size > max_bytes:
        raise forms.ValidationError(f"{subject} must be smaller than {max_bytes // MEGABYTE}MB")
    text = _text(upload, max_bytes)
    if text is None:
        raise forms.ValidationError(
            f"{subject} must be a CSV saved as text (CSV UTF-8), not a spreadsheet"
        )
    return text


def _text(upload: UploadedFile, max_bytes: int) -> str | None:
    try:
        text = upload.read(max_bytes + 1).decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return None if "\x00" in text else text
