"""Placements and their Individual Placement Agreement (IPA), with the approvals they need."""

from __future__ import annotations

import uuid

from django.conf import settings as django_settings
from django.db import models
from django.db.models import F, Q

from placements.models.choices import PlacementChangeReason
from providers.models import NeedLevel, SettingType
from rcc.tenancy import Tenancy


class Placement(models.Model):
    """Where a child lives under an IPA: who, where, at what agreed weekly cost, on which route.

    Placements made through the referral journey carry the child, referral and accepted offer;
    ones recorded from councils' existing agreements (and the demo's market history) may not.
    """

    tenancy = Tenancy(council="local_authority", provider="provider")

    class Route(models.TextChoices):
        FRAMEWORK = "framework", "Framework"
        SPOT = "spot", "Spot purchase"

    class Status(models.TextChoices):
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
        ACTIVE = "active", "Active"
        ENDED = "ended", "Ended"
        CANCELLED = "cancelled", "Cancelled"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey(
        "placements.Child",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
    )
    referral = models.ForeignKey(
        "placements.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placements",
    )
    offer = models.OneToOneField(
        "placements.Offer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="placement",
    )
    local_authority = models.ForeignKey(
        "rcc.LocalAuthority", on_delete=models.PROTECT, related_name="placements"
    )
    setting = models.ForeignKey(
        "providers.Setting", on_delete=models.PROTECT, related_name="placements"
    )
    provider = models.ForeignKey(
        "providers.ProviderOrganisation", on_delete=models.PROTECT, related_name="placements"
    )
    lot = models.ForeignKey(
        "providers.Lot", on_delete=models.PROTECT, null=True, blank=True, related_name="placements"
    )
    placement_type = models.CharField(max_length=24, choices=SettingType.choices)
    need_level = models.CharField(max_length=10, choices=NeedLevel.choices)
    route = models.CharField(max_length=10, choices=Route.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    agreed_weekly_cost = models.DecimalField(max_digits=10, decimal_places=2)
    actual_weekly_cost = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    extras = models.JSONField(default=list, blank=True)
    sibling_split = models.BooleanField(default=False)
    miles_from_home = models.FloatField(null=True, blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=6, choices=PlacementChangeReason.choices, blank=True)
    unplanned_ending = models.BooleanField(default=False)

    class Meta:
        ordering = ["-start_date"]
        indexes = [models.Index(fields=["placement_type", "need_level", "route"])]
        constraints = [
            models.CheckConstraint(condition=Q(agreed_weekly_cost__gt=0), name="placement_cost"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__lte=F("end_date")),
                name="placement_dates",
            ),
            models.CheckConstraint(
                condition=Q(route="spot") | Q(lot__isnull=False), name="framework_placement_has_lot"
            ),
        ]

    def __str__(self) -> str:
        return f"Placement at {self.setting} from {self.start_date}"


class PlacementApproval(models.Model):
    """A nominated officer's decision a placement needs before it starts."""

    tenancy = Tenancy(council="placement__local_authority", provider="placement__provider")

    class Kind(models.TextChoices):
        OUT_OF_AREA = "out_of_area", "Out of the council's area (regulation 11)"
        HIGH_COST = "high_cost", "Above the region's cost threshold"

    class Status(models.TextChoices):
        REQUESTED = "requested", "Requested"
        APPROVED = "approved", "Approved"
        REFUSED = "refused", "Refused"

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="approvals")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["placement", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["placement", "kind"], name="approval_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.get_status_display()}"
