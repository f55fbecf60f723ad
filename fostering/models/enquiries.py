from __future__ import annotations

import uuid

from django.conf import settings as django_settings
from django.db import models
from django.utils import timezone

from fostering.models.choices import ContactTime, Source, WithdrawalReason
from rcc.tenancy import Tenancy


class ServiceStandard(models.Model):
    """A region's hub timescales, in working days (England and Wales bank holidays excluded)."""

    region = models.OneToOneField("rcc.Region", on_delete=models.CASCADE, related_name="+")
    first_contact_days = models.PositiveSmallIntegerField(default=1)
    initial_visit_days = models.PositiveSmallIntegerField(default=5)
    stage_1_days = models.PositiveSmallIntegerField(
        default=40, help_text="From application to the end of Stage 1"
    )
    stage_2_days = models.PositiveSmallIntegerField(
        default=80, help_text="From the start of Stage 2 to panel"
    )
    decision_days = models.PositiveSmallIntegerField(
        default=7, help_text="From panel to the agency decision"
    )

    def __str__(self) -> str:
        return f"Service standard of {self.region}"


class Enquiry(models.Model):
    """Someone asking about fostering. Stored before anything is sent, so none is lost."""

    tenancy = Tenancy(region="region")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey("rcc.Region", on_delete=models.PROTECT, related_name="enquiries")
    name = models.CharField(max_length=120)
    email = models.EmailField()
    phone = models.CharField(max_length=20)
    postcode = models.CharField(max_length=8)
    household = models.CharField(max_length=300, help_text="Who lives at home")
    contact_time = models.CharField(max_length=10, choices=ContactTime.choices)
    interests = models.JSONField(default=list)
    source = models.CharField(max_length=16, choices=Source.choices)
    consent_to_contact = models.BooleanField()
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    routed_to = models.ForeignKey(
        "rcc.LocalAuthority",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fostering_enquiries",
        help_text="Empty: kept with the regional hub",
    )
    first_contact_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_reason = models.CharField(max_length=16, choices=WithdrawalReason.choices, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        help_text="The first enquiry, in the last 30 days, with the same email or phone",
    )

    class Meta:
        ordering = ["-received_at"]
        verbose_name_plural = "enquiries"

    def __str__(self) -> str:
        return f"Enquiry {self.pk} ({self.received_at:%d %b %Y})"


class EnquiryContact(models.Model):
    """A call, email or visit with the enquirer, and what came of it."""

    class Method(models.TextChoices):
        PHONE = "phone", "Phone call"
        EMAIL = "email", "Email"
        VISIT = "visit", "Home visit"
        EVENT = "event", "At an event"

    enquiry = models.ForeignKey(Enquiry, on_delete=models.CASCADE, related_name="contacts")
    method = models.CharField(max_length=8, choices=Method.choices)
    outcome = models.CharField(max_length=500)
    made_at = models.DateTimeField(default=timezone.now)
    made_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["made_at"]

    def __str__(self) -> str:
        return f"{self.get_method_display()} on {self.made_at:%d %b %Y}"
