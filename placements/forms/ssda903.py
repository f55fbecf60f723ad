"""Input validation for a council's 903 upload: which council, which year, which files."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from placements.ssda903 import specs
from rcc.kit.uploads import MEGABYTE, csv_text

MAX_FILE_BYTES = 40 * MEGABYTE
MAX_FILES = 40


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern); cleans to a list."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".csv,text/csv"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple) and data:
            return [single(item, initial) for item in data]
        return [single(data or None, initial)]  # none chosen: the "required" message


def year_choices() -> list[tuple[str, str]]:
    years = range(specs.LAST_YEAR, specs.FIRST_YEAR - 1, -1)
    return [("", "Say it in each file's name")] + [
        (str(y), f"{specs.year_label(y)} (ends 31 March {y})") for y in years
    ]


class Ssda903UploadForm(forms.Form):
    """The cleaned ``return_files`` are {name: text}; ``council`` one of the user's councils."""

    council = forms.ModelChoiceField(
        queryset=None,
        label="Council",
        empty_label=None,
        error_messages={"invalid_choice": "Select one of your councils"},
    )
    year = forms.TypedChoiceField(
        label="Collection year",
        help_text="For files whose names do not say it (such as episodes_2026.csv, or a folder "
        "named 2026). 2026 is 2025/26.",
        choices=year_choices,
        coerce=int,
        empty_value=None,
        required=False,
    )
    return_files = MultipleFileField(
        label="Upload the 903 files",
        help_text="CSV UTF-8 files: every table of the return for each year (Header and "
        "Episodes at least). Each file must be smaller than 40MB.",
        error_messages={
            "required": "Select the 903 files",
            "empty": "The selected file is empty",
            "invalid": "Select CSV files",
            "missing": "Select the 903 files",
        },
    )

    def __init__(self, *args, councils, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils

    def clean_return_files(self) -> dict[str, str]:
        uploads: list[UploadedFile] = self.cleaned_data["return_files"]
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(f"Select at most {MAX_FILES} files")
        files = {}
        for upload in uploads:
            name = upload.name or "file.csv"
            files[name] = csv_text(
                upload, max_bytes=MAX_FILE_BYTES, subject=name, kind="a CSV file"
            )
        return files


class Ssda903ExportForm(forms.Form):
    """Which council's return, for which collection year (a GET form: the answer is a zip)."""

    council = forms.ModelChoiceField(
        queryset=None,
        label="Council",
        empty_label=None,
        error_messages={"invalid_choice": "Select one of your councils"},
    )
    year = forms.TypedChoiceField(
        label="Collection year",
        choices=lambda: year_choices()[1:],
        coerce=int,
        error_messages={"required": "Select the collection year"},
    )

    def __init__(self, *args, councils, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
