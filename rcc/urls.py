from django.contrib import admin
from django.urls import include, path

from rcc import auth_views, views
from rcc.admin_site import protect_admin

protect_admin(admin.site)
handler404 = "rcc.views.page_not_found"

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

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("account/", include((account_patterns, "account"))),
    path("audit/", include((audit_patterns, "audit"))),
    path("market/", include("providers.urls")),
    path("partners/", include("sufficiency.urls_partner")),
    path("fostering/", include("fostering.urls")),
    path("forecasts/", include("sufficiency.urls")),
    path("sufficiency/", include("sufficiency.urls_strategy")),
    path("strategy/", include("sufficiency.urls_public")),
    path("", include("placements.urls")),
    path("api/", include(("rcc.api_urls", "api"))),
    path("admin/", admin.site.urls),
]
