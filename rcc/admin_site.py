"""The Django admin behind the same sign-in and second factor as every staff page."""

from __future__ import annotations

from django.contrib.admin import AdminSite
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.admin import OTPAdminSite

from rcc import access


def protect_admin(site: AdminSite) -> None:
    """Require a verified second factor and the platform admin role; sign in through our pages."""
    site.__class__ = _RccAdminSite
    site.site_header = "RCC back office"
    site.site_title = "RCC back office"


class _RccAdminSite(OTPAdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and user.is_verified() and access.can(user, access.USE_ADMIN)

    @login_not_required
    def login(self, request: HttpRequest, extra_context=None) -> HttpResponse:
        next_url = request.GET.get("next", "/admin/")
        if not request.user.is_authenticated:
            return redirect_to_login(next_url)
        if not request.user.is_verified():
            return redirect(f"{reverse('account:mfa')}?next={next_url}")
        raise PermissionDenied
