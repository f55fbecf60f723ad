"""Home-search referrals (the RCC data standard), their distribution to providers, and offers."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings as django_settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from placements.models.choices import (
    AdultRatio,
    DeclineReason,
    LiveAlongside,
    SchoolAttendance,
    SearchType,
    Suitability,
    YesNoUnknown,
)
from rcc.tenancy import Tenancy

USER = django_settings.AUTH_USER_MODEL

# The RCC data standard's home-search fields, as the referral form and the API both use them.
STANDARD_FIELDS = (
    "search_type", "latest_start_date", "siblings_to_place_with", "preferred_location",
    "family_postcode", "close_to_family", "attends_school", "school_postcode",
    "must_continue_school", "important_locations", "locations_to_avoid", "communication_needs",
    "home_adaptations", "cultural_needs", "live_alongside", "can_live_with_pets",
    "foster_suitability", "residential_suitability", "supported_suitability", "adult_ratio",
    "needs",
)  # fmt: skip


class Referral(models.Model):
    """A request to find a home for a child, written once by the social worker."""

    tenancy = Tenancy(council="local_authority")

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING_APPROVAL = "awaiting_approval", "Awaiting approval"
        RETURNED = "returned", "Returned"
        APPROVED = "approved", "Approved"
        SENT = "sent", "Sent to providers"
        OFFERS_RECEIVED = "offers_received", "Offers received"
        OFFER_ACCEPTED = "offer_accepted", "Offer accepted"
        PLACED = "placed", "Placed"
        WITHDRAWN = "withdrawn", "Withdrawn"
        CLOSED_UNMET = "closed_unmet", "Closed, need not met"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    child = models.ForeignKey(
        "placements.Child", on_delete=models.PROTECT, related_name="referrals"
    )
    local_authority = models.ForeignKey(
        "rcc.LocalAuthority", on_delete=models.PROTECT, related_name="referrals"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    region_wide = models.BooleanField(
        "Offer to every council of the region",
        default=False,
        help_text="For unaccompanied asylum-seeking children: any council of the region may "
        "take responsibility.",
    )
    search_type = models.CharField(max_length=10, choices=SearchType.choices)
    latest_start_date = models.DateField()
    siblings_to_place_with = models.PositiveSmallIntegerField(default=0)
    preferred_location = models.CharField(max_length=200, blank=True)
    family_postcode = models.CharField(max_length=8, blank=True)
    close_to_family = models.BooleanField(default=True)
    attends_school = models.CharField(
        max_length=3, choices=SchoolAttendance.choices, default=SchoolAttendance.YES
    )
    school_postcode = models.CharField(max_length=8, blank=True)
    must_continue_school = models.BooleanField(default=False)
    important_locations = models.CharField(max_length=300, blank=True)
    locations_to_avoid = models.CharField(max_length=300, blank=True)
    communication_needs = models.JSONField(default=list, blank=True)
    home_adaptations = models.BooleanField(default=False)
    cultural_needs = models.CharField(max_length=300, blank=True)
    live_alongside = models.CharField(
        max_length=8, choices=LiveAlongside.choices, default=LiveAlongside.ANY
    )
    can_live_with_pets = models.CharField(
        max_length=8, choices=YesNoUnknown.choices, default=YesNoUnknown.UNKNOWN
    )
    foster_suitability = models.CharField(
        max_length=14, choices=Suitability.choices, default=Suitability.NOT_SPECIFIED
    )
    residential_suitability = models.CharField(
        max_length=14, choices=Suitability.choices, default=Suitability.NOT_SPECIFIED
    )
    supported_suitability = models.CharField(
        max_length=14, choices=Suitability.choices, default=Suitability.NOT_SPECIFIED
    )
    adult_ratio = models.CharField(
        max_length=14, choices=AdultRatio.choices, default=AdultRatio.NOT_SPECIFIED
    )
    needs = models.ManyToManyField("providers.NeedCategory", blank=True, related_name="+")
    risks = models.JSONField(default=dict, blank=True, help_text="Risk name -> none/low/high")
    other_risks = models.CharField(max_length=500, blank=True)
    additional_support = models.JSONField(default=list, blank=True)
    additional_support_note = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["local_authority", "status"])]

    def __str__(self) -> str:
        return f"Referral {self.reference}"

    @property
    def reference(self) -> str:
        return f"HS-{self.pk:06d}" if self.pk else "HS-new"


class ReferralStatusChange(models.Model):
    """Append-only: each move of a referral, with who and why."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="trail")
    from_status = models.CharField(max_length=20, choices=Referral.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Referral.Status.choices)
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.referral}: {self.from_status or 'new'} to {self.to_status}"


class Distribution(models.Model):
    """A referral sent (minimised) to one provider, with a deadline to respond."""

    tenancy = Tenancy(council="referral__local_authority", provider="provider")

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="distributions")
    provider = models.ForeignKey(
        "providers.ProviderOrganisation", on_delete=models.PROTECT, related_name="distributions"
    )
    sent_at = models.DateTimeField(default=timezone.now)
    respond_by = models.DateTimeField()
    sent_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    responded_at = models.DateTimeField(null=True, blank=True)
    # When the provider's webhooks were told the deadline is near (once: ADR 0022)
    deadline_warned_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "provider"], name="distribution_once")
        ]

    def __str__(self) -> str:
        return f"{self.referral} to {self.provider}"


class Offer(models.Model):
    """A provider's answer to a distribution: a setting at a price, or a decline with a reason."""

    tenancy = Tenancy(council="referral__local_authority", provider="distribution__provider")

    class Status(models.TextChoices):
        MADE = "made", "Made"
        DECLINED = "declined", "Declined by provider"
        SHORTLISTED = "shortlisted", "Shortlisted"
        ACCEPTED = "accepted", "Accepted"
        NOT_CHOSEN = "not_chosen", "Not chosen"
        WITHDRAWN = "withdrawn", "Withdrawn"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="offers")
    distribution = models.ForeignKey(Distribution, on_delete=models.PROTECT, related_name="offers")
    setting = models.ForeignKey(
        "providers.Setting", on_delete=models.PROTECT, null=True, blank=True, related_name="offers"
    )
    vacancy = models.ForeignKey(
        "providers.Vacancy", on_delete=models.PROTECT, null=True, blank=True, related_name="offers"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.MADE)
    weekly_price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    extras = models.JSONField(default=list, blank=True, help_text='[{"item": ..., "weekly": ...}]')
    start_date = models.DateField(null=True, blank=True)
    note = models.TextField(blank=True)
    decline_reason = models.CharField(max_length=14, choices=DeclineReason.choices, blank=True)
    made_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["made_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="declined", decline_reason__gt="")
                | Q(~Q(status="declined"), setting__isnull=False, weekly_price__gt=0),
                name="offer_is_offer_or_reasoned_decline",
            ),
            # One accepted offer per referral, whatever races happen above.
            models.UniqueConstraint(
                fields=["referral"], condition=Q(status="accepted"), name="one_accepted_offer"
            ),
        ]

    def __str__(self) -> str:
        return f"Offer {self.pk} ({self.status})"

    @property
    def extras_weekly(self) -> Decimal:
        return sum((Decimal(str(e.get("weekly", 0))) for e in self.extras), Decimal(0))

    @property
    def total_weekly_cost(self) -> Decimal:
        return (self.weekly_price or Decimal(0)) + self.extras_weekly


class OfferStatusChange(models.Model):
    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="trail")
    from_status = models.CharField(max_length=12, choices=Offer.Status.choices, blank=True)
    to_status = models.CharField(max_length=12, choices=Offer.Status.choices)
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, related_name="+")
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"Offer {self.offer_id}: {self.from_status or 'new'} to {self.to_status}"
