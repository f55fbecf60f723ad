"""A council's SSDA903 return imported into the platform: one row per upload or command run."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from rcc.tenancy import Tenancy


class Ssda903Import(models.Model):
    """What one import of 903 files did: its counts, every rejected row, and its progress.

    The uploaded files' text waits in ``pending_files`` until the import has run (in a
    Celery task for the upload page) and is cleared then: the children's records are kept
    in their own tables, not twice.
    """

    tenancy = Tenancy(council="local_authority")

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Importing"
        IMPORTED = "imported", "Imported"
        REFUSED = "refused", "Refused: nothing was stored"
        FAILED = "failed", "Failed: nothing was stored"

    local_authority = models.ForeignKey(
        "rcc.LocalAuthority", on_delete=models.PROTECT, related_name="ssda903_imports"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    file_names = models.JSONField(default=list)
    years = models.JSONField(default=list)  # collection years found, e.g. [2025, 2026]
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    counts = models.JSONField(default=dict)  # {"children": {"created": n, ...}, "episodes": ...}
    errors = models.JSONField(default=list)  # [{"file", "row", "column", "reason"}]
    error_count = models.PositiveIntegerField(default=0)
    pending_files = models.JSONField(default=dict, blank=True)  # {name: text} until it has run

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"903 import {self.pk} ({self.local_authority})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.IMPORTED, self.Status.REFUSED, self.Status.FAILED)
