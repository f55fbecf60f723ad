"""Documents attached to a referral, their release to providers, and the message threads."""

from __future__ import annotations

import uuid

from django.conf import settings as django_settings
from django.core.files.storage import Storage, storages
from django.db import models
from django.utils import timezone

from rcc.tenancy import Tenancy

USER = django_settings.AUTH_USER_MODEL


class DocumentsStorage(Storage):
    """The dedicated storage, STORAGES["documents"] (a directory outside the web root, or S3),
    looked up on each use so that a changed setting (tests) takes effect."""

    def __getattribute__(self, name: str):
        if name.startswith("__"):
            return super().__getattribute__(name)
        return getattr(storages["documents"], name)


def documents_storage() -> Storage:
    return DocumentsStorage()


def random_name(instance, filename: str) -> str:
    """Never the uploaded name: a random one nobody can guess."""
    return f"referrals/{uuid.uuid4().hex}"


class ReferralDocument(models.Model):
    tenancy = Tenancy(council="referral__local_authority")

    class Kind(models.TextChoices):
        CARE_PLAN = "care_plan", "Care plan"
        RISK_ASSESSMENT = "risk_assessment", "Risk assessment"
        OTHER = "other", "Other"

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    referral = models.ForeignKey(
        "placements.Referral", on_delete=models.PROTECT, related_name="documents"
    )
    kind = models.CharField(max_length=16, choices=Kind.choices)
    title = models.CharField(max_length=120)
    file = models.FileField(storage=documents_storage, upload_to=random_name, max_length=200)
    content_type = models.CharField(max_length=100)
    extension = models.CharField(max_length=5)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.title

    @property
    def download_name(self) -> str:
        return f"{self.referral.reference}-{self.kind}-{self.pk}.{self.extension}"


class DocumentRelease(models.Model):
    """A document released to one provider's distribution; deleting the row withdraws it."""

    tenancy = Tenancy(
        council="document__referral__local_authority", provider="distribution__provider"
    )

    document = models.ForeignKey(
        ReferralDocument, on_delete=models.CASCADE, related_name="releases"
    )
    distribution = models.ForeignKey(
        "placements.Distribution", on_delete=models.CASCADE, related_name="document_releases"
    )
    released_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    released_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "distribution"], name="document_release_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.document} to {self.distribution}"


class ReferralMessage(models.Model):
    """One message in the thread between a provider and the council about a referral."""

    tenancy = Tenancy(
        council="distribution__referral__local_authority", provider="distribution__provider"
    )
    MAX_LENGTH = 2000

    distribution = models.ForeignKey(
        "placements.Distribution", on_delete=models.PROTECT, related_name="messages"
    )
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    from_provider = models.BooleanField()
    body = models.TextField(max_length=MAX_LENGTH)
    posted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["posted_at", "id"]

    def __str__(self) -> str:
        return f"Message {self.pk} on {self.distribution}"
