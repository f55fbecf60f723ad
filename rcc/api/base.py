"""What every endpoint shares: API-key authentication, permissions from rcc.access, paging."""

from __future__ import annotations

import time

from django.conf import settings
from rest_framework import mixins, negotiation, pagination, permissions, throttling, views, viewsets

from rcc import access, ratelimit
from rcc.api.auth import ApiKeyAuthentication


class HasPermission(permissions.BasePermission):
    """Checks the view's ``permission`` constant from rcc.access."""

    def has_permission(self, request, view) -> bool:
        return bool(request.user and access.can(request.user, view.permission))


class PerKeyThrottle(throttling.BaseThrottle):
    """At most ``API_REQUESTS_PER_MINUTE`` requests per key in a fixed one-minute window,
    counted atomically in the shared cache (Redis in production), so every web worker sees
    one count. Refused requests get 429 with ``Retry-After`` (the seconds left in the window).
    """

    WINDOW = 60

    def allow_request(self, request, view) -> bool:
        key = request.auth
        if key is None or not hasattr(key, "prefix"):
            return True  # no key: authentication or permission has already refused it
        rate = ratelimit.Rate(settings.API_REQUESTS_PER_MINUTE, self.WINDOW)
        return ratelimit.hit("api", key.prefix, rate)

    def wait(self) -> float:
        return max(1, self.WINDOW - int(time.time()) % self.WINDOW)


class Pages(pagination.PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000  # larger requests are clamped, not refused


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only endpoint reached by API key alone (no sign-in page, no second factor)."""

    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [permissions.IsAuthenticated, HasPermission]
    throttle_classes = [PerKeyThrottle]
    pagination_class = Pages
    permission: str = ""

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        view = super().as_view(actions, **initkwargs)
        view.login_required = False  # LoginRequiredMiddleware: the API authenticates itself
        return view


class ListOnlyViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """An endpoint with a list and no detail (computed figures)."""

    authentication_classes = ReadOnlyViewSet.authentication_classes
    permission_classes = ReadOnlyViewSet.permission_classes
    throttle_classes = ReadOnlyViewSet.throttle_classes
    permission: str = ""

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        view = super().as_view(actions, **initkwargs)
        view.login_required = False
        return view


class KeyedAPIView(views.APIView):
    """A single endpoint (no router) with the same key, permission and rate as the viewsets."""

    authentication_classes = ReadOnlyViewSet.authentication_classes
    permission_classes = ReadOnlyViewSet.permission_classes
    throttle_classes = ReadOnlyViewSet.throttle_classes
    permission: str = ""

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        view.login_required = False
        return view


class JsonOnly(negotiation.DefaultContentNegotiation):
    """Always JSON, whatever ``?format=`` says: views that read ``format`` themselves (CSV
    downloads) answer errors in JSON, as documented, instead of DRF's 404 for a format it
    has no renderer for."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
