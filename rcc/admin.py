from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from rcc import services
from rcc.models import ApiKey, AuditEvent, LocalAuthority, Membership, Region, User
from rcc.services import revoke_api_key


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "lead_council"]
    search_fields = ["name"]


@admin.register(LocalAuthority)
class LocalAuthorityAdmin(admin.ModelAdmin):
    list_display = ["name", "gss_code", "dfe_number", "region"]
    list_filter = ["region"]
    search_fields = ["name", "gss_code", "dfe_number"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["local_authority", "region"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    list_filter = ["is_active", "is_staff"]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        ("Status", {"fields": ["is_active", "is_staff", "last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"fields": ["email", "full_name", "password1", "password2"]})]
    readonly_fields = ["last_login", "date_joined"]
    filter_horizontal = []
    inlines = [MembershipInline]
    actions = ["reset_two_factor"]

    @admin.action(description="Reset two-factor authentication (after checking identity)")
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            services.reset_second_factor(
                actor=request.user, user=user, reason="Reset by an administrator in the back office"
            )
        self.message_user(request, f"Reset for {queryset.count()} account(s).", messages.SUCCESS)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = [
        "occurred_at",
        "actor_email",
        "acting_role",
        "action",
        "object_type",
        "object_id",
    ]
    list_filter = ["action"]
    search_fields = ["actor_email", "object_id", "request_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    """Keys are issued with ``manage.py issue_api_key`` (the secret is shown once)."""

    list_display = ["name", "prefix", "membership", "created_at", "last_used_at", "revoked_at"]
    readonly_fields = [
        "membership",
        "name",
        "prefix",
        "created_at",
        "created_by",
        "last_used_at",
        "revoked_at",
    ]
    exclude = ["key_hash"]
    actions = ["revoke"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Revoke the selected keys")
    def revoke(self, request, queryset):
        for key in queryset:
            revoke_api_key(actor=request.user, key=key)
        self.message_user(request, "Revoked.", messages.SUCCESS)


from rcc import admin_sso  # noqa: E402, F401  (single sign-on back office)
