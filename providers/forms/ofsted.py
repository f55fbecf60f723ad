"""Input validation for the Ofsted upload: is this a CSV file we can read as text?"""

from __future__ import annotations

from django import forms

from rcc.kit.uploads import MEGABYTE, csv_file_field, csv_text

MAX_UPLOAD_BYTES = 5 * MEGABYTE


class OfstedUploadForm(forms.Form):
    """The cleaned ``file`` is the file's text (UTF-8, with or without a byte order mark)."""

    file = csv_file_field(
        help_text="Ofsted's provider-level data for children's social care, saved as "
        "CSV UTF-8. The file must be smaller than 5MB.",
    )

    def clean_file(self) -> str:
        return csv_text(self.cleaned_data["file"], max_bytes=MAX_UPLOAD_BYTES)
