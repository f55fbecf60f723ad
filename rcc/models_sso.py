"""Single sign-on: each council's or region's OpenID provider, the access requests of people
it vouches for who have no membership yet, and the record that a session's second factor was
the provider's (ADR 0023)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django_otp.models import Device

from rcc.tenancy import Tenancy


def _domains(text: str) -> list[str]:
    return sorted({d.strip().lower().lstrip("@") for d in text.replace(",", " ").split() if d})


class IdentityProvider(models.Model):
    """A council's or region's OpenID Connect provider (for example its Microsoft Entra ID)."""

    tenancy = Tenancy(council="local_authority", region="region")

    name = models.CharField(max_length=120)
    local_authority = models.ForeignKey(
        "rcc.LocalAuthority", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey(
        "rcc.Region", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    issuer = models.URLField(
        max_length=300,
        help_text="Exactly as the provider's discovery document gives it, for example "
        "https://login.microsoftonline.com/<tenant>/v2.0",
    )
    client_id = models.CharField(max_length=200)
    client_secret = models.CharField(max_length=500)
    email_domains = models.CharField(
        max_length=500,
        help_text="The email domains this provider signs in, separated by spaces or commas.",
    )
    mfa_acr_values = models.CharField(
        "ACR values that mean multi-factor",
        max_length=500,
        blank=True,
        help_text="Authentication context values (acr) the provider uses for multi-factor "
        "sign-in, separated by spaces. An amr claim naming mfa, otp, hwk or sc is always "
        "accepted.",
    )
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(local_authority__isnull=False, region__isnull=True)
                | Q(local_authority__isnull=True, region__isnull=False),
                name="identity_provider_council_or_region",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def domains(self) -> list[str]:
        return _domains(self.email_domains)

    @property
    def mfa_acrs(self) -> set[str]:
        return set(self.mfa_acr_values.split())

    @property
    def scope_label(self) -> str:
        return str(self.local_authority or self.region)


class AccessRequest(models.Model):
    """Someone the council's provider vouched for who has no membership here yet. Only a
    platform administrator's approval gives a role."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for approval"
        APPROVED = "approved", "Approved"
        DECLINED = "declined", "Declined"

    tenancy = Tenancy(
        council="identity_provider__local_authority", region="identity_provider__region"
    )

    identity_provider = models.ForeignKey(
        IdentityProvider, on_delete=models.PROTECT, related_name="access_requests"
    )
    email = models.EmailField()
    full_name = models.CharField(max_length=150, blank=True)
    subject = models.CharField("subject at the provider", max_length=255)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    membership = models.ForeignKey(
        "rcc.Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["identity_provider", "email"],
                condition=Q(status="pending"),
                name="access_request_one_pending",
            )
        ]

    def __str__(self) -> str:
        return f"{self.email} ({self.identity_provider})"


class SingleSignOnDevice(Device):
    """Stands for the provider's own multi-factor check, so django-otp counts a session whose
    provider asserted MFA as verified. It accepts no codes."""

    identity_provider = models.ForeignKey(
        IdentityProvider, on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "identity_provider"], name="sso_device_one_per_provider"
            )
        ]

    def verify_token(self, token) -> bool:
        return False
