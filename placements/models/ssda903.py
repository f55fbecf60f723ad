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


class Ssda903Validation(models.Model):
    """The DfE's 903 rules run on a council's export of a year: its errors by rule and child.

    The rule engine (csc-validator-be-903) runs in its own virtualenv, as a separate process
    the platform starts (``placements.services.ssda903_rules``), in a Celery task."""

    tenancy = Tenancy(council="local_authority")

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Running the rules"
        DONE = "done", "Done"
        FAILED = "failed", "Could not run the rules"

    local_authority = models.ForeignKey(
        "rcc.LocalAuthority", on_delete=models.PROTECT, related_name="ssda903_validations"
    )
    year = models.PositiveSmallIntegerField("collection year")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    rules = models.JSONField(default=list)  # [{"code", "description", "count"}]
    errors = models.JSONField(default=list)  # [{"code", "child", "table", "row", "fields"}]
    crashed = models.JSONField(default=list)  # rules the engine could not run
    rules_run = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)  # why it could not run

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"903 rules for {self.local_authority} {self.year}"


# The 903 tables beyond Header, Episodes and UASC, held row for row (fields and code lists:
# placements/ssda903/tables.py). Each row belongs to a child and a collection year (2026 is
# 2025/26); an import replaces a council's rows of a table for a year.
class Ssda903Row(models.Model):
    tenancy = Tenancy(council="child__local_authority")

    child = models.ForeignKey("placements.Child", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField("collection year")
    imported_by = models.ForeignKey(
        Ssda903Import, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        abstract = True
        ordering = ["child", "year", "id"]
        indexes = [models.Index(fields=["child", "year"], name="%(class).22s_cy")]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} of {self.child} ({self.year})"


def _code(column: str, length: int = 6) -> models.CharField:
    return models.CharField(column, max_length=length, blank=True)


def _date(column: str) -> models.DateField:
    return models.DateField(column, null=True, blank=True)


class Ssda903Review(Ssda903Row):
    """Reviews: a review of the child's case (REVIEW) and how the child took part."""

    review = _date("REVIEW")
    review_code = _code("REVIEW_CODE")


class Ssda903Oc2(Ssda903Row):
    """OC2: outcomes of a child looked after for 12 months at 31 March."""

    sdq_score = models.PositiveSmallIntegerField("SDQ_SCORE", null=True, blank=True)
    sdq_reason = _code("SDQ_REASON")
    convicted = _code("CONVICTED", 1)
    health_check = _code("HEALTH_CHECK", 1)
    immunisations = _code("IMMUNISATIONS", 1)
    teeth_check = _code("TEETH_CHECK", 1)
    health_assessment = _code("HEALTH_ASSESSMENT", 1)
    substance_misuse = _code("SUBSTANCE_MISUSE", 1)
    intervention_received = _code("INTERVENTION_RECEIVED", 1)
    intervention_offered = _code("INTERVENTION_OFFERED", 1)


class Ssda903Oc3(Ssda903Row):
    """OC3: a care leaver around a birthday from 17 to 21 (these children are in Header)."""

    in_touch = _code("IN_TOUCH")
    activ = _code("ACTIV")
    accom = _code("ACCOM")


class Ssda903Ad1(Ssda903Row):
    """AD1: a child adopted in the year."""

    date_int = _date("DATE_INT")
    date_match = _date("DATE_MATCH")
    foster_care = _code("FOSTER_CARE", 1)
    nb_adoptr = _code("NB_ADOPTR", 1)
    sex_adoptr = _code("SEX_ADOPTR", 2)
    ls_adoptr = _code("LS_ADOPTR", 3)


class Ssda903PlacedAdoption(Ssda903Row):
    """PlacedAdoption: the decision that a child should be placed for adoption."""

    date_placed = _date("DATE_PLACED")
    date_placed_ceased = _date("DATE_PLACED_CEASED")
    reason_placed_ceased = _code("REASON_PLACED_CEASED")


class Ssda903PrevPerm(Ssda903Row):
    """PrevPerm: a permanence order before this period of care."""

    prev_perm = _code("PREV_PERM", 2)
    la_perm = models.CharField("LA_PERM", max_length=12, blank=True)
    date_perm = models.CharField("DATE_PERM", max_length=12, blank=True)  # may be partial


class Ssda903Missing(Ssda903Row):
    """Missing: a period missing (M) or away without authorisation (A)."""

    missing = _code("MISSING", 1)
    mis_start = _date("MIS_START")
    mis_end = _date("MIS_END")


class Ssda903SwEpisode(Ssda903Row):
    """SWEpisodes (from 2023/24): a social worker's episode with the child."""

    sw_id = models.CharField("SW_ID", max_length=40, blank=True)
    sw_decom = _date("SW_DECOM")
    sw_dec = _date("SW_DEC")
    sw_reason = _code("SW_REASON")


class Ssda903Dolo(Ssda903Row):
    """DoLo (from 2026/27): a Deprivation of Liberty order."""

    dolo_start = _date("DOLO_START")
    dolo_end = _date("DOLO_END")
