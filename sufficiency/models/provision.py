"""New-provision projects: places the region is building to fill a gap, with their stages.

A project's stage changes only through ``services.provision`` and each change appends a row
(who, when, from, to, the stage's date and why): the rows are the project's history.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from providers.models.choices import NeedLevel, SettingType
from rcc.models import LocalAuthority, Region
from rcc.tenancy import Tenancy


class Stage(models.TextChoices):
    IDEA = "idea", "Idea"
    BUSINESS_CASE = "business_case", "Business case"
    APPROVED = "approved", "Approved"
    BUILDING = "building", "Building"
    REGISTERING = "registering", "Registering with Ofsted"
    OPEN = "open", "Open"
    CANCELLED = "cancelled", "Cancelled"


GAP_CATEGORIES = [
    ("residential", "Residential"),
    ("fostering_other", "Fostering: other carers"),
    ("supported", "Supported accommodation"),
]


class ProvisionProjectQuerySet(models.QuerySet):
    def live(self) -> ProvisionProjectQuerySet:
        """Neither open (then its places are a setting) nor cancelled."""
        return self.exclude(stage__in=[Stage.OPEN, Stage.CANCELLED])


class ProvisionProject(models.Model):
    tenancy = Tenancy(region="region")
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="provision_projects")
    name = models.CharField(max_length=200)
    category = models.CharField("Gap it answers", max_length=24, choices=GAP_CATEGORIES)
    need_level = models.CharField(max_length=10, choices=NeedLevel.choices)
    provision_type = models.CharField(max_length=24, choices=SettingType.choices)
    places = models.PositiveSmallIntegerField()
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, related_name="provision_projects"
    )
    location = models.CharField(max_length=200, blank=True)
    capital_cost = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    annual_revenue_cost = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    partner = models.CharField(max_length=200, blank=True)
    gap_note = models.TextField("The gap it answers", blank=True)
    stage = models.CharField(max_length=16, choices=Stage.choices, default=Stage.IDEA)
    expected_open_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ProvisionProjectQuerySet.as_manager()

    class Meta:
        ordering = ["expected_open_on", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="provision_places"),
            models.CheckConstraint(
                condition=Q(capital_cost__gte=0) & Q(annual_revenue_cost__gte=0),
                name="provision_costs",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ProvisionStageChange(models.Model):
    """Append-only: one row per stage a project reached."""

    tenancy = Tenancy(region="project__region")

    project = models.ForeignKey(
        ProvisionProject, on_delete=models.CASCADE, related_name="stage_changes"
    )
    from_stage = models.CharField(max_length=16, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=16, choices=Stage.choices)
    stage_on = models.DateField(help_text="The day the project reached this stage")
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.project} {self.from_stage} -> {self.to_stage}"
