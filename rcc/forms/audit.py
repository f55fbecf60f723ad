"""Filtering the audit log."""

from __future__ import annotations

from django import forms


class AuditFilterForm(forms.Form):
    action = forms.CharField(label="Action", required=False, max_length=64)
    actor = forms.CharField(label="Actor email contains", required=False, max_length=254)
    date_from = forms.DateField(
        label="From (date)",
        required=False,
        help_text="For example, 2026-11-01",
        error_messages={"invalid": "Enter the from date as a real date, like 2026-11-01"},
    )
    date_to = forms.DateField(
        label="To (date)",
        required=False,
        help_text="For example, 2026-11-30",
        error_messages={"invalid": "Enter the to date as a real date, like 2026-11-30"},
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "The to date must be the same as or after the from date")
        return cleaned
