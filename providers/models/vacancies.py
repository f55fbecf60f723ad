from __future__ import annotations

import uuid

from django.conf import settings as django_settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from providers.models.settings import NeedCategory, Setting
from rcc.tenancy import Tenancy


class VacancyQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status=Vacancy.Status.OPEN)


class Vacancy(models.Model):
    """Places a setting reports free from a date, for which ages and needs."""

    tenancy = Tenancy(council="setting__local_authority", provider="setting__provider")

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        HELD = "held", "Held for an offer"
        FILLED = "filled", "Filled"
        WITHDRAWN = "withdrawn", "Withdrawn"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    setting = models.ForeignKey(Setting, on_delete=models.PROTECT, related_name="vacancies")
    places = models.PositiveSmallIntegerField(default=1)
    available_from = models.DateField()
    available_until = models.DateField(null=True, blank=True)
    age_min = models.PositiveSmallIntegerField(default=0)
    age_max = models.PositiveSmallIntegerField(default=17)
    needs = models.ManyToManyField(NeedCategory, blank=True, related_name="vacancies")
    note = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    reported_at = models.DateTimeField(default=timezone.now)
    reported_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )

    objects = VacancyQuerySet.as_manager()

    class Meta:
        ordering = ["available_from", "id"]
        verbose_name_plural = "vacancies"
        indexes = [models.Index(fields=["status", "available_from"])]
        constraints = [
            models.CheckConstraint(condition=Q(places__gte=1), name="vacancy_places"),
            models.CheckConstraint(condition=Q(age_min__lte=F("age_max")), name="vacancy_ages"),
            models.CheckConstraint(
                condition=Q(available_until__isnull=True)
                | Q(available_from__lte=F("available_until")),
                name="vacancy_dates",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.places} place(s) at {self.setting} from {self.available_from}"


class VacancyStatusChange(models.Model):
    """Append-only. A vacancy is filled at most once: the database refuses a second fill."""

    vacancy = models.ForeignKey(Vacancy, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=10, choices=Vacancy.Status.choices)
    to_status = models.CharField(max_length=10, choices=Vacancy.Status.choices)
    reason = models.CharField(max_length=300, blank=True)
    reference = models.CharField(max_length=64, blank=True, help_text="The offer it was held for")
    changed_by = models.ForeignKey(
        django_settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["vacancy"], condition=Q(to_status="filled"), name="vacancy_filled_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.vacancy_id}: {self.from_status} to {self.to_status}"
