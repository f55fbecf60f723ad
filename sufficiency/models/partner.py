"""Partners' quarterly datasets: one row per upload, one figure per quarter, council and measure.

Figures are aggregates a health or youth justice partner publishes about a region's
councils; there is no child in them. Uploading the same kind and quarters again replaces
the earlier figures (the earlier upload stays, marked replaced, as the record of who sent what).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from rcc.models import LocalAuthority, Region
from rcc.tenancy import Tenancy
from sufficiency.partner_data import KIND_CHOICES, KINDS


class PartnerDatasetQuerySet(models.QuerySet):
    def current(self) -> PartnerDatasetQuerySet:
        return self.exclude(status=PartnerDataset.Status.REPLACED)


class PartnerDataset(models.Model):
    tenancy = Tenancy(region="region")

    class Status(models.TextChoices):
        CURRENT = "current", "Current"
        PARTLY_REPLACED = "partly_replaced", "Partly replaced"
        REPLACED = "replaced", "Replaced"

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="partner_datasets")
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)
    first_quarter = models.CharField(max_length=7)  # "2024-Q1": sorts as text
    last_quarter = models.CharField(max_length=7)
    row_count = models.PositiveIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.CURRENT)

    objects = PartnerDatasetQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["region", "kind"])]

    def __str__(self) -> str:
        return f"{self.kind_name} {self.first_quarter} to {self.last_quarter}"

    @property
    def kind_name(self) -> str:
        return KINDS[self.kind].name


class PartnerFigure(models.Model):
    tenancy = Tenancy(council="local_authority", region="dataset__region")
    dataset = models.ForeignKey(PartnerDataset, on_delete=models.CASCADE, related_name="figures")
    quarter = models.CharField(max_length=7)
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="partner_figures"
    )
    measure = models.CharField(max_length=40)
    value = models.PositiveIntegerField(null=True, blank=True)  # None: suppressed

    class Meta:
        ordering = ["quarter", "local_authority__name", "measure"]
        constraints = [
            models.UniqueConstraint(
                fields=["dataset", "quarter", "local_authority", "measure"],
                name="partner_figure_once_per_dataset",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quarter} {self.measure} {self.value}"
