"""Input validation for a partner's upload: a kind of dataset and a CSV file we can read."""

from __future__ import annotations

from django import forms

from rcc.kit.uploads import MEGABYTE, csv_file_field, csv_text
from sufficiency.partner_data import KIND_CHOICES

MAX_UPLOAD_BYTES = 2 * MEGABYTE


class PartnerUploadForm(forms.Form):
    """The cleaned ``file`` is the file's text (UTF-8, with or without a byte order mark)."""

    kind = forms.ChoiceField(
        label="Which dataset is this?",
        choices=KIND_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which dataset the file holds"},
    )
    file = csv_file_field(
        help_text="A CSV UTF-8 file with the columns quarter, la_code, measure and value. "
        "The file must be smaller than 2MB.",
    )

    def clean_file(self) -> str:
        return csv_text(self.cleaned_data["file"], max_bytes=MAX_UPLOAD_BYTES)
