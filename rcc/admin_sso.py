"""Back office for single sign-on: each council's or region's identity provider, and the
access requests a platform administrator approves (ADR 0023)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages

from rcc import sso
from rcc.models import AccessRequest, IdentityProvider
from rcc.models_sso import _domains
from rcc.roles import SCOPE_OF_ROLE, Role, ScopeKind
from rcc.sso import selectors


def secret_hint(secret: str) -> str:
    """Enough to recognise a secret, never enough to use it."""
    return f"••••••{secret[-4:]}" if len(secret) >= 12 else "••••••"


class IdentityProviderForm(forms.ModelForm):
    issuer = forms.URLField(
        max_length=300,
        assume_scheme="https",
        help_text=IdentityProvider._meta.get_field("issuer").help_text,
    )
    client_secret = forms.CharField(
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="Never shown again. Leave blank to keep the current secret.",
    )

    class Meta:
        model = IdentityProvider
        fields = [
            "name",
            "local_authority",
            "region",
            "issuer",
            "client_id",
            "client_secret",
            "email_domains",
            "mfa_acr_values",
            "is_active",
        ]

    def clean_client_secret(self) -> str:
        secret = self.cleaned_data.get("client_secret", "")
        if secret:
            return secret
        if self.instance.pk and self.instance.client_secret:
            return self.instance.client_secret
        raise forms.ValidationError("Enter the client secret")

    def clean_email_domains(self) -> str:
        domains = _domains(self.cleaned_data["email_domains"])
        if not domains:
            raise forms.ValidationError("Enter at least one email domain")
        taken = sorted(selectors.domains_of_other_providers(self.instance.pk) & set(domains))
        if taken:
            raise forms.ValidationError(
                f"Another provider already signs in {', '.join(taken)}: a domain has one provider"
            )
        return " ".join(domains)

    def clean(self):
        data = super().clean()
        if bool(data.get("local_authority")) == bool(data.get("region")):
            raise forms.ValidationError("Choose a council or a region, not both")
        return data


@admin.register(IdentityProvider)
class IdentityProviderAdmin(admin.ModelAdmin):
    form = IdentityProviderForm
    list_display = ["name", "scope", "issuer", "client_id", "secret", "email_domains", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "email_domains", "issuer"]
    readonly_fields = ["secret"]

    @admin.display(description="Council or region")
    def scope(self, obj: IdentityProvider) -> str:
        return obj.scope_label

    @admin.display(description="Client secret")
    def secret(self, obj: IdentityProvider) -> str:
        return secret_hint(obj.client_secret)

    def has_delete_permission(self, request, obj=None):
        return False  # switch it off instead: access requests and devices refer to it


def _approve_action(role: Role):
    def approve(modeladmin, request, queryset):
        approved = 0
        for access_request in queryset.select_related("identity_provider"):
            try:
                sso.approve_access_request(
                    actor=request.user, access_request=access_request, role=role
                )
                approved += 1
            except ValueError as exc:
                modeladmin.message_user(request, f"{access_request}: {exc}", messages.ERROR)
        if approved:
            modeladmin.message_user(
                request, f"Approved {approved} as {role.label}.", messages.SUCCESS
            )

    approve.__name__ = f"approve_as_{role.value}"
    scope = "council" if SCOPE_OF_ROLE[role] == ScopeKind.COUNCIL else "region"
    return admin.action(description=f"Approve as {role.label} ({scope} role)")(approve)


@admin.register(AccessRequest)
class AccessRequestAdmin(admin.ModelAdmin):
    """People a council's provider vouched for, waiting for a role. Approving gives them a
    membership of the provider's council or region in the chosen role (audited)."""

    list_display = [
        "email",
        "full_name",
        "identity_provider",
        "status",
        "created_at",
        "decided_by",
        "decided_at",
    ]
    list_filter = ["status", "identity_provider"]
    search_fields = ["email", "full_name"]
    readonly_fields = [f.name for f in AccessRequest._meta.fields]
    actions = [
        *(
            _approve_action(role)
            for role, kind in SCOPE_OF_ROLE.items()
            if kind in (ScopeKind.COUNCIL, ScopeKind.REGION)
        ),
        "decline",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Decline the selected requests")
    def decline(self, request, queryset):
        declined = sum(
            sso.decline_access_request(actor=request.user, access_request=r) for r in queryset
        )
        self.message_user(request, f"Declined {declined}.", messages.SUCCESS)
