"""Placements: what each child's Individual Placement Agreement (IPA) commits the council to.

The placements issue adds the child, the referral and the offer; this is the part
the market pages need now: who, where, at what agreed weekly cost, on which route.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q

from providers.models import NeedLevel, SettingType


class Placement(models.Model):
    class Route(models.TextChoices):
        FRAMEWORK = "framework", "Framework"
        SPOT = "spot", "Spot purchase"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
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
    agreed_weekly_cost = models.DecimalField(max_digits=10, decimal_places=2)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)

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
