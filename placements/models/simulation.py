"""Stored results of `manage.py simulate_region --store`: one row a run, the report as JSON."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from rcc.tenancy import Tenancy


class SimulationRun(models.Model):
    tenancy = Tenancy(region="region")

    region = models.ForeignKey("rcc.Region", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    seeds = models.JSONField(default=list)
    days = models.PositiveIntegerField()
    report = models.JSONField(help_text="The command's JSON: policies, sources, seconds")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["region", "-created_at"])]

    def __str__(self) -> str:
        return f"Simulation of {self.region} on {self.created_at:%Y-%m-%d}"
