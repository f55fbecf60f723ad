"""Financial returns, scrutiny flags, quality visits and concerns."""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from providers.models.organisations import ProviderOrganisation
from providers.models.settings import Setting
from rcc.tenancy import Tenancy


class FinancialReturn(models.Model):
    """A provider's annual figures (the financial year ending in ``year``)."""

    tenancy = Tenancy(provider="provider")

    provider = models.ForeignKey(
        ProviderOrganisation, on_delete=models.PROTECT, related_name="financial_returns"
    )
    year = models.PositiveSmallIntegerField()
    turnover = models.DecimalField(max_digits=14, decimal_places=0)
    operating_profit = models.DecimalField(max_digits=14, decimal_places=0)
    ebitda = models.DecimalField("EBITDA", max_digits=14, decimal_places=0)
    is_group_return = models.BooleanField(
        default=False, help_text="Figures are for the whole top group, not this company alone."
    )
    submitted_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["provider", "year"], name="financial_return_once"),
            models.CheckConstraint(condition=Q(turnover__gt=0), name="turnover_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.year}"

    @property
    def margin(self) -> float:
        """Operating margin as a fraction of turnover."""
        return float(self.operating_profit / self.turnover)


class ScrutinyFlag(models.Model):
    """A region's commissioners mark a provider for financial scrutiny."""

    tenancy = Tenancy(region="region", provider="provider")

    provider = models.ForeignKey(
        ProviderOrganisation, on_delete=models.PROTECT, related_name="scrutiny_flags"
    )
    region = models.ForeignKey("rcc.Region", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    raised_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(default=timezone.now)
    cleared_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "region"],
                condition=Q(cleared_at__isnull=True),
                name="one_open_scrutiny_flag",
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider} ({self.region})"


class QualityVisit(models.Model):
    tenancy = Tenancy(region="region", provider="setting__provider")
    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="quality_visits")
    region = models.ForeignKey("rcc.Region", on_delete=models.PROTECT, related_name="+")
    visited_on = models.DateField()
    findings = models.TextField()
    recorded_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-visited_on"]

    def __str__(self) -> str:
        return f"{self.setting} on {self.visited_on}"


class Concern(models.Model):
    tenancy = Tenancy(region="region", provider="setting__provider")

    class Severity(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="concerns")
    region = models.ForeignKey("rcc.Region", on_delete=models.PROTECT, related_name="+")
    raised_on = models.DateField(default=timezone.localdate)
    severity = models.CharField(max_length=8, choices=Severity.choices)
    summary = models.TextField()
    recorded_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_on"]

    def __str__(self) -> str:
        return f"{self.get_severity_display()} concern about {self.setting}"
