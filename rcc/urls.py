from django.contrib import admin
from django.urls import include, path

from rcc import api_docs_views, api_keys_views, auth_views, views
from rcc.admin_site import protect_admin

protect_admin(admin.site)
handler404 = "rcc.views.page_not_found"
handler500 = "rcc.views.server_error"

account_patterns = [
    path("sign-in/", auth_views.SignInView.as_view(), name="login"),
    path("sign-out/", auth_views.sign_out, name="logout"),
    path("two-factor/", auth_views.mfa, name="mfa"),
    path("", auth_views.account_home, name="home"),
    path("role/", auth_views.choose_role, name="choose_role"),
    path("password/", auth_views.change_password, name="password_change"),
    path("password-reset/", auth_views.password_reset, name="password_reset"),
    path("password-reset/sent/", auth_views.password_reset_sent, name="password_reset_sent"),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path(
        "password-reset/complete/",
        auth_views.password_reset_complete,
        name="password_reset_complete",
    ),
]

audit_patterns = [
    path("", views.audit_log, name="list"),
]

api_key_patterns = [
    path("", api_keys_views.key_list, name="list"),
    path("new/", api_keys_views.key_issue, name="issue"),
    path("<int:key_id>/", api_keys_views.key_rotate, name="rotate"),
    path("<int:key_id>/revoke/", api_keys_views.key_revoke, name="revoke"),
]

api_docs_patterns = [
    path("", api_docs_views.reference, name="reference"),
    path("schema.json", api_docs_views.schema_download, name="schema"),
]

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("account/", include((account_patterns, "account"))),
    path("audit/", include((audit_patterns, "audit"))),
    path("api-keys/", include((api_key_patterns, "api_keys"))),
    path("api-docs/", include((api_docs_patterns, "api_docs"))),
    path("market/", include("providers.urls")),
    path("", include("sufficiency.urls")),  # partners/, forecasts/, sufficiency/, strategy/
    path("fostering/", include("fostering.urls")),
    path("", include("placements.urls")),
    path("api/", include(("rcc.api_urls", "api"))),
    path("admin/", admin.site.urls),
]
