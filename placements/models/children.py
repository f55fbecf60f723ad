from __future__ import annotations

import uuid

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from placements.models.choices import Ethnicity, LegalStatus, PlacementChangeReason, Sex
from rcc.kit.ages import age_on
from rcc.tenancy import Tenancy


class Child(models.Model):
    """A looked-after child of one council. The most sensitive record in the platform."""

    tenancy = Tenancy(council="local_authority")

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    local_authority = models.ForeignKey(
        "rcc.LocalAuthority", on_delete=models.PROTECT, related_name="children"
    )
    case_id = models.CharField("Child ID", max_length=40, help_text="As in your case system")
    # Blank for children imported from a council's 903 return, which carries no names.
    name = models.CharField(max_length=150, blank=True)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=8, choices=Sex.choices)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices)
    legal_status = models.CharField(max_length=2, choices=LegalStatus.choices)
    is_uasc = models.BooleanField("Unaccompanied asylum-seeking child", default=False)
    home_postcode = models.CharField(max_length=8, blank=True)
    # 903 Header and UASC fields.
    upn = models.CharField("Unique pupil number (UPN)", max_length=13, blank=True)
    mother = models.CharField(
        "MOTHER",
        max_length=1,
        blank=True,
        choices=[("0", "No"), ("1", "Yes")],
        help_text="903 MOTHER: is the child a mother (girls only)",
    )
    first_child_born = models.DateField("MC_DOB", null=True, blank=True)
    uasc_ceased = models.DateField("DUC", null=True, blank=True, help_text="Ceased to be UASC")
    school_postcode = models.CharField(max_length=8, blank=True)
    school_name = models.CharField(max_length=150, blank=True)
    siblings = models.CharField(max_length=300, blank=True, help_text="Brothers and sisters")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "children"
        constraints = [
            models.UniqueConstraint(fields=["local_authority", "case_id"], name="child_case_id"),
        ]

    def __str__(self) -> str:
        return f"Child {self.case_id}"

    @property
    def display_name(self) -> str:
        """The name, or "Child <case id>" for a child imported without one."""
        return self.name or str(self)

    def age_on(self, day) -> int:
        """Completed years on ``day``, by the calendar (``rcc.kit.ages``)."""
        return age_on(self.date_of_birth, day)


class CareEpisode(models.Model):
    """One period of a child's care, shaped like a row of the SSDA903 Episodes table."""

    tenancy = Tenancy(council="child__local_authority")

    child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="episodes")
    start_date = models.DateField("DECOM")
    reason_new_episode = models.CharField("RNE", max_length=1, default="P")
    legal_status = models.CharField("LS", max_length=2, choices=LegalStatus.choices)
    category_of_need = models.CharField("CIN", max_length=2, default="N1")
    placement_type = models.CharField("PLACE", max_length=4)
    placement_provider = models.CharField("PLACE_PROVIDER", max_length=3)
    placement_postcode = models.CharField("PL_POST", max_length=8, blank=True)
    home_postcode = models.CharField("HOME_POST", max_length=8, blank=True)
    urn = models.CharField("URN", max_length=12, blank=True)
    end_date = models.DateField("DEC", null=True, blank=True)
    reason_ceased = models.CharField("REC", max_length=3, blank=True)
    reason_place_change = models.CharField(
        "REASON_PLACE_CHANGE", max_length=6, blank=True, choices=PlacementChangeReason.choices
    )
    placement = models.ForeignKey(
        "placements.Placement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="episodes",
    )
    # The 903 import that last wrote this episode (None: recorded by the platform itself).
    imported_by = models.ForeignKey(
        "placements.Ssda903Import",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["child", "start_date", "id"]
        indexes = [models.Index(fields=["start_date", "end_date"], name="episode_period")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__lte=F("end_date")),
                name="episode_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} {self.start_date} {self.placement_type}"
