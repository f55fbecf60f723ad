"""What every endpoint shares: API-key authentication, permissions from rcc.access, paging."""

from __future__ import annotations

from rest_framework import mixins, pagination, permissions, viewsets

from rcc import access
from rcc.api_auth import ApiKeyAuthentication


class HasPermission(permissions.BasePermission):
    """Checks the view's ``permission`` constant from rcc.access."""

    def has_permission(self, request, view) -> bool:
        return bool(request.user and access.can(request.user, view.permission))


class Pages(pagination.PageNumberPagination):
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000  # larger requests are clamped, not refused


class ReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    """A read-only endpoint reached by API key alone (no sign-in page, no second factor)."""

    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [permissions.IsAuthenticated, HasPermission]
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
    permission: str = ""

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        view = super().as_view(actions, **initkwargs)
        view.login_required = False
        return view
