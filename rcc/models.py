"""Tenancy core: regions (RCCs), councils, users and their memberships; the audit trail."""

from __future__ import annotations

import uuid

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from rcc.roles import SCOPE_OF_ROLE, Role, ScopeKind, roles_with_scope
from rcc.tenancy import Tenancy


class Region(models.Model):
    """A Regional Care Co-operative: the councils that commission as one customer."""

    name = models.CharField(max_length=120, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    lead_council = models.ForeignKey(
        "LocalAuthority", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    high_cost_threshold = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        default=10000,
        help_text="Weekly cost above which a nominated officer must approve a placement.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LocalAuthority(models.Model):
    """A council with children's services, known by its ONS GSS code and DfE LA number."""

    tenancy = Tenancy(council="self", region="region")

    name = models.CharField(max_length=120, unique=True)  # figures are grouped by it
    gss_code = models.CharField(
        "ONS GSS code",
        max_length=9,
        unique=True,
        validators=[RegexValidator(r"^E(06|08|09|10)\d{6}$", "Enter a council GSS code.")],
    )
    dfe_number = models.CharField(
        "DfE LA number",
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^\d{3}$", "Enter the three-digit DfE LA number.")],
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="councils")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "local authorities"

    def __str__(self) -> str:
        return self.name


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        if not email:
            raise ValueError("Users sign in by email: an email address is needed.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in by email. What they may do comes from their memberships."""

    tenancy = Tenancy(
        council="memberships__local_authority",
        region="memberships__region",
        provider="memberships__provider",
    )

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(
        default=False, help_text="Can use the back-office admin (platform administrators)."
    )
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def save(self, *args, **kwargs) -> None:
        self.email = self.email.lower()
        super().save(*args, **kwargs)


def _scope_matches_role() -> Q:
    """Each role carries exactly the scope its kind calls for, and nothing else."""
    council = Q(
        role__in=roles_with_scope(ScopeKind.COUNCIL),
        local_authority__isnull=False,
        region__isnull=True,
        provider__isnull=True,
    )
    region = Q(
        role__in=roles_with_scope(ScopeKind.REGION),
        local_authority__isnull=True,
        region__isnull=False,
        provider__isnull=True,
    )
    provider = Q(
        role__in=roles_with_scope(ScopeKind.PROVIDER),
        local_authority__isnull=True,
        region__isnull=True,
        provider__isnull=False,
    )
    national = Q(
        role__in=roles_with_scope(ScopeKind.NATIONAL),
        local_authority__isnull=True,
        region__isnull=True,
        provider__isnull=True,
    )
    return council | region | provider | national


class Membership(models.Model):
    """A role a user holds over one scope: a council, a region, a provider, or the nation."""

    tenancy = Tenancy(council="local_authority", region="region", provider="provider")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=32, choices=Role.choices)
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="members"
    )
    provider = models.ForeignKey(
        "providers.ProviderOrganisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=_scope_matches_role(), name="membership_scope_fits_role"
            ),
            models.UniqueConstraint(
                fields=["user", "role", "local_authority"],
                condition=Q(local_authority__isnull=False),
                name="membership_unique_council",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "region"],
                condition=Q(region__isnull=False),
                name="membership_unique_region",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "provider"],
                condition=Q(provider__isnull=False),
                name="membership_unique_provider",
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(
                    local_authority__isnull=True, region__isnull=True, provider__isnull=True
                ),
                name="membership_unique_national",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}, {self.scope_label}"

    @property
    def scope_kind(self) -> ScopeKind:
        return SCOPE_OF_ROLE[self.role]

    @property
    def scope_label(self) -> str:
        scope = self.local_authority or self.region or self.provider
        return str(scope) if scope else "England"

    @property
    def region_id_in_scope(self) -> int | None:
        """The region this membership works in, where it has one."""
        if self.region_id:
            return self.region_id
        if self.local_authority_id:
            return self.local_authority.region_id
        return None


class AuditEvent(models.Model):
    """One thing someone did or saw. Append-only: PostgreSQL refuses UPDATE and DELETE."""

    tenancy = Tenancy(council="local_authority", region="region")

    id = models.BigAutoField(primary_key=True)
    public_id = models.UUIDField(default=uuid.uuid4, editable=False, unique=True)
    occurred_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_email = models.CharField(max_length=254, blank=True)
    acting_role = models.CharField(max_length=32, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    local_authority = models.ForeignKey(
        LocalAuthority, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    changed_fields = models.JSONField(default=list, blank=True)
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [
            models.Index(fields=["region", "-occurred_at"]),
            models.Index(fields=["object_type", "object_id"]),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_email} {self.action}"


class ApiKey(models.Model):
    """A machine client's credential. It acts in one membership (role and scope).

    Only a SHA-256 hash of the secret is stored; the whole key is shown once, when issued.
    The secret has 256 bits of entropy, so a fast hash is enough.
    """

    tenancy = Tenancy(
        council="membership__local_authority",
        region="membership__region",
        provider="membership__provider",
    )

    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="api_keys")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    key_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"


class OutboxMessage(models.Model):
    """A Celery task to hand to the broker once the transaction that asked for it commits.

    Written in that transaction, so the work is never lost: if the broker is down the row
    waits for ``rcc.outbox.drain`` (every minute, and ``manage.py drain_outbox``). See ADR 0011.
    """

    task = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [
            models.Index(
                fields=["created_at"], condition=Q(sent_at__isnull=True), name="outbox_unsent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.task} #{self.pk} ({'sent' if self.sent_at else 'waiting'})"


class Notification(models.Model):
    """An in-app message to one person at a hand-off: what happened and what to do next.

    Belongs to its recipient alone (``rcc.access.notifications``). ``dedupe_key`` names the
    event, and the unique (recipient, dedupe_key) pair means a hand-off repeated (a retried
    request, a periodic task run twice) records, and emails, nothing twice. See ADR 0019.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    body = models.TextField(help_text="What happened and what to do next.")
    link = models.CharField(max_length=300, blank=True, help_text="A path on this site.")
    dedupe_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "dedupe_key"], name="notification_once_per_person"
            )
        ]
        indexes = [
            models.Index(
                fields=["recipient"], condition=Q(read_at__isnull=True), name="notification_unread"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id}"


class NotificationPreference(models.Model):
    """A person's choice of how to hear of hand-offs (no row: email on, the default)."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="notification_preference"
    )
    email = models.BooleanField(
        "Email me as well", default=True, help_text="Notifications always appear in the service."
    )

    def __str__(self) -> str:
        return f"Email {'on' if self.email else 'off'} for {self.user_id}"


class IdempotencyRecord(models.Model):
    """The stored answer to a POST made with an ``Idempotency-Key`` header (ADR 0022).

    Unique per API key and idempotency key: a retry with the same body gets the same answer,
    and the database, not the view, makes sure the action runs at most once.
    """

    tenancy = Tenancy(
        council="api_key__membership__local_authority",
        region="api_key__membership__region",
        provider="api_key__membership__provider",
    )

    api_key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(default=0)
    response = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["api_key", "key"], name="idempotency_once_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.api_key_id}: {self.key}"


from rcc.models_sso import AccessRequest, IdentityProvider, SingleSignOnDevice  # noqa: E402, F401
