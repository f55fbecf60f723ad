"""The regional sufficiency strategy: drafts, approval decisions and frozen published versions.

A strategy has versions. At most one is open (a draft, sent for approval, or returned);
approval publishes it: it gets the next number (unique per strategy, so a version is
published once) and its sections and figures (the JSON the page and PDF render from) never
change again. Actions live on the strategy and are copied into each version's figures.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from rcc.models import Region
from rcc.tenancy import Tenancy

SECTIONS = (
    ("context", "Context"),
    ("demand", "Demand"),
    ("supply", "Supply"),
    ("gaps", "Gaps"),
    ("actions", "Actions"),
    ("market", "Market messages"),
)


class Strategy(models.Model):
    tenancy = Tenancy(region="region")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="strategies")
    title = models.CharField(max_length=200)
    period = models.CharField(max_length=40, help_text="For example 2026 to 2029")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["region__name", "-created_at"]
        verbose_name_plural = "strategies"

    def __str__(self) -> str:
        return self.title


class StrategyVersionQuerySet(models.QuerySet):
    def published(self) -> StrategyVersionQuerySet:
        return self.filter(status=StrategyVersion.Status.PUBLISHED)

    def open(self) -> StrategyVersionQuerySet:
        return self.exclude(status=StrategyVersion.Status.PUBLISHED)


class StrategyVersion(models.Model):
    tenancy = Tenancy(region="strategy__region")

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Sent for approval"
        RETURNED = "returned", "Returned with comments"
        PUBLISHED = "published", "Published"

    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(null=True, blank=True)  # given when published
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    sections = models.JSONField(default=dict)  # section key -> text
    figures = models.JSONField(default=dict)  # frozen figures (``strategy_figures``)
    figures_at = models.DateTimeField(null=True, blank=True)
    changes = models.JSONField(default=dict, blank=True)  # against the previous published one
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = StrategyVersionQuerySet.as_manager()

    class Meta:
        ordering = ["strategy", "-number", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "number"], name="one_published_version_per_number"
            ),
            models.UniqueConstraint(
                fields=["strategy"],
                condition=~Q(status="published"),
                name="one_open_version_per_strategy",
            ),
            models.CheckConstraint(
                condition=Q(status="published", number__isnull=False, published_at__isnull=False)
                | (~Q(status="published") & Q(number__isnull=True)),
                name="published_versions_have_a_number",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.strategy} v{self.number or 'draft'}"

    def save(self, *args, **kwargs) -> None:
        # A published version is frozen: services publish with a conditional UPDATE, and
        # nothing saves one afterwards.
        if self.pk and StrategyVersion.objects.filter(pk=self.pk).published().exists():
            raise ValueError("A published strategy version cannot change.")
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class MarketPositionStatement(models.Model):
    """What the region asks providers to build or offer: the analyst's message and, frozen
    with the version's figures, the needs (where, for whom, how many) and price ranges."""

    tenancy = Tenancy(region="version__strategy__region")

    version = models.OneToOneField(
        StrategyVersion, on_delete=models.PROTECT, related_name="market_position"
    )
    summary = models.TextField(blank=True)

    def __str__(self) -> str:
        return f"Market position statement of {self.version}"


class StrategyAction(models.Model):
    tenancy = Tenancy(region="strategy__region")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        IN_PROGRESS = "in_progress", "In progress"
        DONE = "done", "Done"
        DROPPED = "dropped", "Dropped"

    strategy = models.ForeignKey(Strategy, on_delete=models.PROTECT, related_name="actions")
    title = models.CharField(max_length=300)
    owner = models.CharField(max_length=150)
    due_on = models.DateField()
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.NOT_STARTED, self.Status.IN_PROGRESS)


class ApprovalDecision(models.Model):
    """Append-only: a version sent for approval, approved (published) or returned."""

    tenancy = Tenancy(region="version__strategy__region")

    class Decision(models.TextChoices):
        SUBMITTED = "submitted", "Sent for approval"
        APPROVED = "approved", "Approved and published"
        RETURNED = "returned", "Returned with comments"

    version = models.ForeignKey(StrategyVersion, on_delete=models.PROTECT, related_name="decisions")
    decision = models.CharField(max_length=10, choices=Decision.choices)
    comment = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["decided_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version"],
                condition=Q(decision="approved"),
                name="one_approval_per_version",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.version}: {self.decision}"
