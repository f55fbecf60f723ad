from __future__ import annotations

import uuid

from django.conf import settings as django_settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from providers.models.choices import Judgement, SettingType, Sexes
from providers.models.organisations import ProviderOrganisation
from rcc.tenancy import Tenancy


class NeedCategory(models.Model):
    code = models.CharField(max_length=8, unique=True)
    label = models.CharField(max_length=80)

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "need categories"

    def __str__(self) -> str:
        return self.label


class SettingQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Setting.Status.ACTIVE)

    def in_region(self, region_id: int):
        return self.filter(local_authority__region_id=region_id)


class Setting(models.Model):
    """One children's home, fostering agency, supported accommodation service or school."""

    tenancy = Tenancy(council="local_authority", provider="provider")

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUSPENDED = "suspended", "Suspended from referrals"
        CLOSED = "closed", "Closed"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    provider = models.ForeignKey(
        ProviderOrganisation, on_delete=models.PROTECT, related_name="settings"
    )
    name = models.CharField(max_length=200)
    urn = models.CharField("Ofsted URN", max_length=12, unique=True, null=True, blank=True)
    setting_type = models.CharField(max_length=24, choices=SettingType.choices)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    local_authority = models.ForeignKey(
        "rcc.LocalAuthority", on_delete=models.PROTECT, related_name="settings"
    )
    registered_places = models.PositiveSmallIntegerField(default=0)
    age_min = models.PositiveSmallIntegerField(default=0, validators=[MaxValueValidator(25)])
    age_max = models.PositiveSmallIntegerField(default=17, validators=[MaxValueValidator(25)])
    sexes = models.CharField(max_length=8, choices=Sexes.choices, default=Sexes.MIXED)
    needs = models.ManyToManyField(NeedCategory, blank=True, related_name="settings")
    takes_emergencies = models.BooleanField(default=False)
    takes_parent_and_child = models.BooleanField(default=False)
    takes_sibling_groups = models.BooleanField(default=False)
    takes_uasc = models.BooleanField(default=False)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.ACTIVE)
    # Denormalised from the newest inspection, for filters and sorting at national scale.
    latest_judgement = models.PositiveSmallIntegerField(
        choices=Judgement.choices, null=True, blank=True
    )
    latest_inspection_on = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    objects = SettingQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["local_authority", "setting_type", "status"]),
            models.Index(fields=["provider", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(age_min__lte=models.F("age_max")), name="setting_ages"
            ),
            models.CheckConstraint(
                condition=Q(latest_judgement__isnull=True) | Q(latest_judgement__range=(1, 4)),
                name="setting_judgement_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class SettingStatusChange(models.Model):
    """Append-only: each change of a setting's status, with who and why."""

    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=12, choices=Setting.Status.choices)
    to_status = models.CharField(max_length=12, choices=Setting.Status.choices)
    reason = models.TextField()
    changed_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.setting}: {self.from_status} to {self.to_status}"


class OfstedInspection(models.Model):
    setting = models.ForeignKey(Setting, on_delete=models.CASCADE, related_name="inspections")
    inspected_on = models.DateField()
    inspection_type = models.CharField(max_length=60, default="Full inspection")
    overall_judgement = models.PositiveSmallIntegerField(
        choices=Judgement.choices, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )

    class Meta:
        ordering = ["-inspected_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["setting", "inspected_on", "inspection_type"], name="inspection_once"
            ),
            models.CheckConstraint(
                condition=Q(overall_judgement__range=(1, 4)), name="inspection_judgement_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.setting} {self.inspected_on}: {self.get_overall_judgement_display()}"
