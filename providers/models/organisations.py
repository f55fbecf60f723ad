from __future__ import annotations

from django.db import models
from django.utils import timezone

from providers.models.choices import Sector
from rcc.tenancy import Tenancy


class ProviderGroup(models.Model):
    """The ultimate owner of several provider organisations (for market concentration)."""

    name = models.CharField(max_length=200, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProviderOrganisation(models.Model):
    """A company, charity or public body that runs settings (homes, agencies)."""

    tenancy = Tenancy(provider="self")

    name = models.CharField(max_length=200)
    companies_house_number = models.CharField(max_length=8, blank=True)
    ofsted_provider_urn = models.CharField("Ofsted provider URN", max_length=12, blank=True)
    sector = models.CharField(max_length=20, choices=Sector.choices, default=Sector.PRIVATE)
    group = models.ForeignKey(
        ProviderGroup, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def group_name(self) -> str:
        return self.group.name if self.group_id else self.name
