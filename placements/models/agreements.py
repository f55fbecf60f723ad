"""The Individual Placement Agreement (IPA): immutable versions, each confirmed by both sides.

Field names follow the RCC data standard v3 where it defines them ("Total agreed weekly
cost", "Actual Weekly Cost"); the split, payers, extras and reviews are ours (ADR 0020).
"""

from __future__ import annotations

from django.conf import settings as django_settings
from django.db import models
from django.db.models import F, Q

from rcc.tenancy import Tenancy


class Payer(models.TextChoices):
    SOCIAL_CARE = "social_care", "Social care"
    EDUCATION = "education", "Education"
    HEALTH = "health", "Health"


class PlacementAgreement(models.Model):
    """One per placement; what was agreed lives in its versions, the latest being current."""

    tenancy = Tenancy(council="placement__local_authority", provider="placement__provider")

    placement = models.OneToOneField(
        "placements.Placement", on_delete=models.CASCADE, related_name="agreement"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"Agreement for {self.placement}"


class AgreementVersion(models.Model):
    """What was agreed, as of one change: never updated, a change is a new version."""

    tenancy = Tenancy(
        council="agreement__placement__local_authority", provider="agreement__placement__provider"
    )

    agreement = models.ForeignKey(
        PlacementAgreement, on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField()
    # Total agreed weekly cost (RCC data standard v3) = core + additional + education + other.
    total_agreed_weekly_cost = models.DecimalField(max_digits=10, decimal_places=2)
    core_cost = models.DecimalField(max_digits=10, decimal_places=2)
    additional_support_cost = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    education_cost = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    other_cost = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    core_payer = models.CharField(max_length=12, choices=Payer.choices)
    additional_support_payer = models.CharField(max_length=12, choices=Payer.choices)
    education_payer = models.CharField(max_length=12, choices=Payer.choices)
    other_payer = models.CharField(max_length=12, choices=Payer.choices)
    # [{"description": str, "weekly_cost": "123.00", "end_date": "YYYY-MM-DD" | ""}]
    extras = models.JSONField(default=list, blank=True)
    start_date = models.DateField()
    review_date = models.DateField()
    second_review_date = models.DateField(null=True, blank=True)
    reason = models.TextField()
    created_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_once"),
            models.CheckConstraint(
                condition=Q(
                    total_agreed_weekly_cost=F("core_cost")
                    + F("additional_support_cost")
                    + F("education_cost")
                    + F("other_cost")
                ),
                name="agreement_parts_sum",
            ),
            models.CheckConstraint(
                condition=Q(total_agreed_weekly_cost__gt=0), name="agreement_total_positive"
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="agreement_version_reason"),
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"


class AgreementConfirmation(models.Model):
    """One side's confirmation of one version; a new version has none until confirmed again."""

    tenancy = Tenancy(
        council="version__agreement__placement__local_authority",
        provider="version__agreement__placement__provider",
    )

    class Side(models.TextChoices):
        COUNCIL = "council", "Council"
        PROVIDER = "provider", "Provider"

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="confirmations"
    )
    side = models.CharField(max_length=8, choices=Side.choices)
    confirmed_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["version", "side"], name="agreement_confirmed_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_side_display()} confirmed {self.version}"


class ActualCost(models.Model):
    """Actual Weekly Cost (RCC data standard v3) for a period when invoices differ."""

    tenancy = Tenancy(
        council="agreement__placement__local_authority", provider="agreement__placement__provider"
    )

    agreement = models.ForeignKey(
        PlacementAgreement, on_delete=models.CASCADE, related_name="actual_costs"
    )
    actual_weekly_cost = models.DecimalField(max_digits=10, decimal_places=2)
    period_start = models.DateField()
    period_end = models.DateField()
    reason = models.TextField()
    recorded_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "-period_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__lte=F("period_end")), name="actual_cost_period"
            ),
            models.CheckConstraint(
                condition=Q(actual_weekly_cost__gte=0), name="actual_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"£{self.actual_weekly_cost} a week from {self.period_start}"
