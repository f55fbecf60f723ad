from django.contrib import admin
from django.urls import include, path

from rcc.admin_site import protect_admin
from rcc.views import api_docs, api_keys, auth, health, pages, sso
from rcc.views import notifications as notification_views

protect_admin(admin.site)
handler404 = "rcc.views.pages.page_not_found"
handler500 = "rcc.views.pages.server_error"

account_patterns = [
    path("sign-in/", auth.SignInView.as_view(), name="login"),
    path("sign-out/", auth.sign_out, name="logout"),
    path("sign-in/council/", sso.council_sign_in, name="sso_sign_in"),
    path("sign-in/council/callback/", sso.callback, name="sso_callback"),
    path("two-factor/", auth.mfa, name="mfa"),
    path("", auth.account_home, name="home"),
    path("role/", auth.choose_role, name="choose_role"),
    path("password/", auth.change_password, name="password_change"),
    path("password-reset/", auth.password_reset, name="password_reset"),
    path("password-reset/sent/", auth.password_reset_sent, name="password_reset_sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        auth.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth.password_reset_complete,
        name="password_reset_complete",
    ),
]

audit_patterns = [
    path("", pages.audit_log, name="list"),
]

api_key_patterns = [
    path("", api_keys.key_list, name="list"),
    path("new/", api_keys.key_issue, name="issue"),
    path("<int:key_id>/", api_keys.key_rotate, name="rotate"),
    path("<int:key_id>/revoke/", api_keys.key_revoke, name="revoke"),
]

api_docs_patterns = [
    path("", api_docs.reference, name="reference"),
    path("schema.json", api_docs.schema_download, name="schema"),
]

notification_patterns = [
    path("", notification_views.notification_list, name="list"),
    path("read-all/", notification_views.notification_read_all, name="read_all"),
    path("settings/", notification_views.notification_settings, name="settings"),
    path(
        "<uuid:notification_id>/read/",
        notification_views.notification_read,
        name="read",
    ),
]

urlpatterns = [
    path("", pages.dashboard, name="dashboard"),
    path("healthz", health.healthz, name="healthz"),
    path("account/", include((account_patterns, "account"))),
    path("audit/", include((audit_patterns, "audit"))),
    path("api-keys/", include((api_key_patterns, "api_keys"))),
    path("api-docs/", include((api_docs_patterns, "api_docs"))),
    path("notifications/", include((notification_patterns, "notifications"))),
    path("market/", include("providers.urls")),
    path("", include("sufficiency.urls")),  # partners/, forecasts/, sufficiency/, strategy/
    path("fostering/", include("fostering.urls")),
    path("", include("placements.urls")),
    path("api/", include(("rcc.api.urls", "api"))),
    path("admin/", admin.site.urls),
]
