from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from providers.models.choices import NeedLevel, SettingType
from providers.models.organisations import ProviderOrganisation
from rcc.tenancy import Tenancy


class Framework(models.Model):
    """A region's procurement agreement (a dynamic purchasing system) for placements."""

    tenancy = Tenancy(region="region")

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        LIVE = "live", "Live"
        ENDED = "ended", "Ended"

    region = models.ForeignKey("rcc.Region", on_delete=models.PROTECT, related_name="frameworks")
    name = models.CharField(max_length=200)
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.DRAFT)

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(starts_on__lt=F("ends_on")), name="framework_dates"),
        ]

    def __str__(self) -> str:
        return self.name


class Lot(models.Model):
    """Placement type x need level x geography."""

    tenancy = Tenancy(region="framework__region")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="lots")
    name = models.CharField(max_length=200)
    placement_type = models.CharField(max_length=24, choices=SettingType.choices)
    need_level = models.CharField(max_length=10, choices=NeedLevel.choices)
    area = models.CharField(max_length=120, default="Whole region")

    class Meta:
        ordering = ["framework", "placement_type", "need_level", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["framework", "placement_type", "need_level", "area"], name="lot_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class AdmissionRound(models.Model):
    """A window in which providers may apply to a framework's lots."""

    tenancy = Tenancy(region="framework__region")

    framework = models.ForeignKey(Framework, on_delete=models.CASCADE, related_name="rounds")
    opens_on = models.DateField()
    closes_on = models.DateField()

    class Meta:
        ordering = ["-opens_on"]
        constraints = [
            models.CheckConstraint(condition=Q(opens_on__lte=F("closes_on")), name="round_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.framework}: {self.opens_on:%d %b %Y} to {self.closes_on:%d %b %Y}"

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on


class Application(models.Model):
    """A provider's application to one lot in one admission round."""

    tenancy = Tenancy(region="lot__framework__region", provider="provider")

    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        UNDER_EVALUATION = "under_evaluation", "Under evaluation"
        ADMITTED = "admitted", "Admitted"
        REFUSED = "refused", "Refused"
        WITHDRAWN = "withdrawn", "Withdrawn"

    round = models.ForeignKey(AdmissionRound, on_delete=models.PROTECT, related_name="applications")
    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="applications")
    provider = models.ForeignKey(
        ProviderOrganisation, on_delete=models.PROTECT, related_name="applications"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    proposed_weekly_price = models.DecimalField(max_digits=10, decimal_places=2)
    statement = models.TextField(blank=True)
    submitted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(fields=["round", "lot", "provider"], name="application_once"),
        ]

    def __str__(self) -> str:
        return f"{self.provider} to {self.lot}"


class ApplicationStatusChange(models.Model):
    """Append-only decision trail of an application."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="trail")
    from_status = models.CharField(max_length=20, choices=Application.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Application.Status.choices)
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or 'new'} to {self.to_status}"


class RateCard(models.Model):
    """The agreed weekly price of an admitted provider on a lot, at a need level, for a period."""

    tenancy = Tenancy(region="lot__framework__region", provider="provider")

    lot = models.ForeignKey(Lot, on_delete=models.PROTECT, related_name="rate_cards")
    provider = models.ForeignKey(
        ProviderOrganisation, on_delete=models.PROTECT, related_name="rate_cards"
    )
    need_level = models.CharField(max_length=10, choices=NeedLevel.choices)
    weekly_price = models.DecimalField(max_digits=10, decimal_places=2)
    valid_from = models.DateField()
    valid_to = models.DateField(null=True, blank=True)
    set_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["lot", "provider", "need_level", "-valid_from"]
        constraints = [
            models.CheckConstraint(condition=Q(weekly_price__gt=0), name="rate_positive"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__lte=F("valid_to")),
                name="rate_dates",
            ),
            # One open-ended (current) rate per lot, provider and need level.
            models.UniqueConstraint(
                fields=["lot", "provider", "need_level"],
                condition=Q(valid_to__isnull=True),
                name="rate_one_current",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider}, {self.lot}, {self.need_level}: £{self.weekly_price}"
