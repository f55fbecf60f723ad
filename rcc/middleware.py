"""Request id, session limits, the MFA gate, no-store for staff pages, and the demo's error
pages."""

from __future__ import annotations

import logging
import re
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import logout
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import get_resolver, is_valid_path, reverse
from django.utils import timezone
from django.utils.http import urlencode

from rcc import access, context

_REQUEST_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")
Handler = Callable[[HttpRequest], HttpResponse]
SEEN_RESOLUTION = timedelta(minutes=1)


def _client_ip(request: HttpRequest) -> str | None:
    from axes.helpers import get_client_ip_address

    return get_client_ip_address(request) or None


class RequestIdMiddleware:
    """Tag every request (and its logs and audit rows) with an id; echo it back."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _REQUEST_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id  # type: ignore[attr-defined]
        token = context.set_current(
            context.RequestContext(request_id=request_id, ip_address=_client_ip(request))
        )
        try:
            response = self.get_response(request)
        finally:
            context.reset(token)
        response["X-Request-ID"] = request_id
        return response


class SessionTimeoutMiddleware:
    """End a signed-in session after the idle limit, and after the absolute limit."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = timezone.now()
            started = _stamp(request.session.get("signed_in_at"))
            seen = _stamp(request.session.get("seen_at"))
            idle = seen is not None and now - seen > settings.SESSION_IDLE_TIMEOUT
            too_old = started is None or now - started > settings.SESSION_ABSOLUTE_TIMEOUT
            if idle or too_old:
                logout(request)
                return redirect(f"{reverse(settings.LOGIN_URL)}?timed_out=1")
            if seen is None or now - seen > SEEN_RESOLUTION:  # spare a session write per page
                request.session["seen_at"] = now.isoformat()
            membership = access.acting_membership(request.user, request.session)
            context.set_current(
                context.RequestContext(
                    request_id=context.current().request_id,
                    ip_address=context.current().ip_address,
                    acting_role=membership.role if membership else "",
                )
            )
        return self.get_response(request)


def _stamp(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def mfa_not_required(view):
    """Mark a view a password-only session may reach (the MFA pages themselves)."""
    view.mfa_not_required = True
    return view


class MFARequiredMiddleware:
    """Every page that needs sign-in also needs a verified second factor (admin included)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        if not getattr(view_func, "login_required", True):
            return None
        if getattr(view_func, "mfa_not_required", False):
            return None
        user = request.user
        if not user.is_authenticated or user.is_verified():
            return None
        return redirect(f"{reverse('account:mfa')}?{urlencode({'next': request.get_full_path()})}")


class StaffNoStoreMiddleware:
    """Pages behind sign-in must not be kept by browsers or proxies."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            response["Cache-Control"] = "no-store"
        return response


class DemoErrorPagesMiddleware:
    """In the demo (DEMO_MODE, which runs with DEBUG), a wrong turn ends on the service's own
    GOV.UK pages, as in production, not on Django's debug pages: an address that matches no
    page and an Http404 get the 404 page, an unhandled error the 500 page (its traceback still
    goes to the log). 403 and 400 pages are the service's own under DEBUG already. Off outside
    the demo, so tests and development keep Django's debug pages.

    It sits inside CommonMiddleware, so an address missing only its final slash is still
    redirected, and after authentication, so the pages can show who is signed in."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.DEMO_MODE and not is_valid_path(
            request.path_info, getattr(request, "urlconf", None)
        ):
            return self._handler(request, 404)(request, Http404())
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not settings.DEMO_MODE:
            return None
        if isinstance(exception, Http404):
            return self._handler(request, 404)(request, exception)
        if isinstance(exception, (PermissionDenied, SuspiciousOperation)):
            return None  # Django answers these with the service's own 403 and 400 pages
        logging.getLogger("django.request").exception(
            "Internal Server Error: %s", request.path, extra={"status_code": 500}
        )
        return self._handler(request, 500)(request)

    @staticmethod
    def _handler(request: HttpRequest, status: int):
        return get_resolver(getattr(request, "urlconf", None)).resolve_error_handler(status)
