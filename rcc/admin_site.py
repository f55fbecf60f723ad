"""The Django admin behind the same sign-in and second factor as every staff page."""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django_otp.admin import OTPAdminSite

from rcc import access


def protect_admin(site: AdminSite) -> None:
    """Require a verified second factor and the platform admin role; sign in through our pages."""
    site.__class__ = _RccAdminSite
    site.site_header = "RCC back office"
    site.site_title = "RCC back office"


class _RccAdminSite(OTPAdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return super().has_permission(request) and access.can(request.user, access.USE_ADMIN)

    @login_not_required
    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(request.get_full_path())
