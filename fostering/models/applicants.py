from __future__ import annotations

import uuid

from django.conf import settings as django_settings
from django.db import models
from django.utils import timezone

from fostering.models.choices import CheckKind, Stage, WithdrawalReason
from fostering.models.enquiries import Enquiry
from rcc.tenancy import Tenancy

USER = django_settings.AUTH_USER_MODEL


class Applicant(models.Model):
    """A household moving from enquiry to approval; its stage moves are append-only rows."""

    tenancy = Tenancy(region="enquiry__region")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    enquiry = models.OneToOneField(Enquiry, on_delete=models.PROTECT, related_name="applicant")
    stage = models.CharField(max_length=14, choices=Stage.choices, default=Stage.INITIAL_VISIT)
    initial_visit_on = models.DateField(null=True, blank=True)
    application_on = models.DateField(null=True, blank=True)
    stage_1_started_on = models.DateField(null=True, blank=True)
    stage_2_started_on = models.DateField(null=True, blank=True)
    assessor = models.CharField(max_length=120, blank=True)
    report_submitted_on = models.DateField(null=True, blank=True)
    panel_on = models.DateField(null=True, blank=True)
    panel_recommends_approval = models.BooleanField(null=True, blank=True)
    decision_on = models.DateField(null=True, blank=True)
    withdrawal_reason = models.CharField(
        max_length=16, choices=WithdrawalReason.choices, blank=True
    )

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"Applicant {self.pk} ({self.get_stage_display()})"


class StageChange(models.Model):
    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="trail")
    from_stage = models.CharField(max_length=14, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=14, choices=Stage.choices)
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_stage or 'new'} to {self.to_stage}"


class CheckItem(models.Model):
    """One Stage 1 statutory check, tracked from request to completion."""

    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="checks")
    kind = models.CharField(max_length=12, choices=CheckKind.choices)
    requested_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)
    satisfactory = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["kind"]
        constraints = [models.UniqueConstraint(fields=["applicant", "kind"], name="check_once")]

    def __str__(self) -> str:
        return self.get_kind_display()


class AssessmentVisit(models.Model):
    applicant = models.ForeignKey(Applicant, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["visited_on"]

    def __str__(self) -> str:
        return f"Form F visit on {self.visited_on}"
