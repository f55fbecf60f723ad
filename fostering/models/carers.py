from __future__ import annotations

import uuid

from django.conf import settings as django_settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from fostering.models.choices import LeavingReason
from rcc.tenancy import Tenancy


class ApprovedCarer(models.Model):
    """An approved fostering household and its approval range."""

    tenancy = Tenancy(council="local_authority")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.CharField(max_length=150)
    local_authority = models.ForeignKey(
        "rcc.LocalAuthority", on_delete=models.PROTECT, related_name="foster_carers"
    )
    applicant = models.OneToOneField(
        "fostering.Applicant",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carer",
    )
    approved_on = models.DateField()
    max_children = models.PositiveSmallIntegerField(default=1)
    age_min = models.PositiveSmallIntegerField(default=0)
    age_max = models.PositiveSmallIntegerField(default=17)
    types = models.JSONField(default=list)
    current_children = models.PositiveSmallIntegerField(default=0)
    buddy = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="buddies"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["household"]
        constraints = [
            models.CheckConstraint(condition=Q(age_min__lte=F("age_max")), name="carer_ages"),
            models.CheckConstraint(
                condition=Q(current_children__lte=F("max_children")), name="carer_capacity"
            ),
        ]

    def __str__(self) -> str:
        return self.household

    @property
    def free_places(self) -> int:
        return max(self.max_children - self.current_children, 0)


class CarerVacancy(models.Model):
    """Places a carer can offer; mirrored as a vacancy of the council's fostering setting."""

    carer = models.ForeignKey(ApprovedCarer, on_delete=models.CASCADE, related_name="vacancies")
    vacancy = models.OneToOneField(
        "providers.Vacancy", on_delete=models.PROTECT, related_name="carer_vacancy"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "carer vacancies"

    def __str__(self) -> str:
        return f"Vacancy of {self.carer}"


class Deregistration(models.Model):
    carer = models.OneToOneField(
        ApprovedCarer, on_delete=models.PROTECT, related_name="deregistration"
    )
    left_on = models.DateField()
    reason = models.CharField(max_length=14, choices=LeavingReason.choices)
    recorded_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.carer} left {self.left_on}"


class SupportEvent(models.Model):
    tenancy = Tenancy(region="region")

    class Kind(models.TextChoices):
        INFORMATION = "information", "Information event (public)"
        SUPPORT_GROUP = "support_group", "Support group"
        TRAINING = "training", "Training"

    region = models.ForeignKey("rcc.Region", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=14, choices=Kind.choices)
    title = models.CharField(max_length=150)
    starts_at = models.DateTimeField()
    location = models.CharField(max_length=200)
    capacity = models.PositiveSmallIntegerField(default=30)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """A carer booked on (or attending) an event, or a member of the public registered for one."""

    event = models.ForeignKey(SupportEvent, on_delete=models.CASCADE, related_name="attendances")
    carer = models.ForeignKey(
        ApprovedCarer, on_delete=models.CASCADE, null=True, blank=True, related_name="attendances"
    )
    name = models.CharField(max_length=120, blank=True)
    email = models.EmailField(blank=True)
    attended = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["event", "carer"], condition=Q(carer__isnull=False), name="carer_books_once"
            ),
            models.UniqueConstraint(
                fields=["event", "email"], condition=~Q(email=""), name="public_books_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.carer or self.name} at {self.event}"
