"""Provider organisations. The providers issue grows this into the framework register."""

from __future__ import annotations

from django.db import models


class ProviderOrganisation(models.Model):
    """A company, charity or public body that runs settings (homes, agencies)."""

    name = models.CharField(max_length=200)
    companies_house_number = models.CharField(max_length=8, blank=True)
    ofsted_provider_urn = models.CharField("Ofsted provider URN", max_length=12, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
