"""Forecast runs and their stored figures: pages and the API read these, never recompute.

One run per (region, as-of date, scenario name): running again the same day updates that
row and replaces its figures, so a retried or repeated nightly job cannot double up.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from rcc.models import Region
from rcc.tenancy import Tenancy

BASELINE = "baseline"
ALL = "all"  # the age band or category of a total row


class ForecastRunQuerySet(models.QuerySet):
    def done(self) -> ForecastRunQuerySet:
        return self.filter(status=ForecastRun.Status.DONE)

    def baseline(self) -> ForecastRunQuerySet:
        return self.filter(scenario=BASELINE)

    def newest_first(self) -> ForecastRunQuerySet:
        return self.order_by("-as_of", "-updated_at", "-pk")


class ForecastRun(models.Model):
    tenancy = Tenancy(region="region")

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="forecast_runs")
    as_of = models.DateField()
    scenario = models.CharField(max_length=80, default=BASELINE)
    scenario_params = models.JSONField(default=dict, blank=True)
    model_version = models.CharField(max_length=40, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    metrics = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = ForecastRunQuerySet.as_manager()

    class Meta:
        ordering = ["-as_of", "-updated_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "as_of", "scenario"], name="one_forecast_per_region_day_scenario"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.as_of} {self.scenario}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def is_baseline(self) -> bool:
        return self.scenario == BASELINE


class ForecastFigure(models.Model):
    """Children expected in care in one week: an age band x category, or a total ("all")."""

    run = models.ForeignKey(ForecastRun, on_delete=models.CASCADE, related_name="figures")
    week = models.PositiveSmallIntegerField()
    date = models.DateField()
    age_band = models.CharField(max_length=8)
    category = models.CharField(max_length=24)
    mean = models.FloatField()
    lower80 = models.FloatField()
    upper80 = models.FloatField()
    lower95 = models.FloatField()
    upper95 = models.FloatField()

    class Meta:
        ordering = ["run", "week", "age_band", "category"]
        indexes = [models.Index(fields=["run", "age_band", "category", "week"])]

    def __str__(self) -> str:
        return f"{self.run} week {self.week} {self.age_band} {self.category}"
