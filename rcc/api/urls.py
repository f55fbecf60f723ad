"""The API: versioned endpoints and the OpenAPI schema (for API-key holders only)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from rcc import access
from rcc.api.auth import ApiKeyAuthentication
from rcc.api.base import HasPermission


class SchemaView(SpectacularAPIView):
    authentication_classes = [ApiKeyAuthentication]
    permission_classes = [HasPermission]
    permission = access.VIEW_API_DOCS  # every role that may hold a key

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        view.login_required = False
        return view


# Each app mounts its own endpoints (its api/urls.py); the ground floor names them by string.
urlpatterns = [
    path("v1/", include("placements.api.urls")),
    path("v1/", include("providers.api.urls")),
    path("v1/", include("fostering.api.urls")),
    path("v1/", include("sufficiency.api.urls")),
    path("schema/", SchemaView.as_view(), name="schema"),
]
