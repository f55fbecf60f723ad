"""The strategy API: published versions for anyone (DfE, providers, the public: no key
needed, limited per address), and published gap tables for key holders of their regions."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, throttling, viewsets

from rcc import access, context, ratelimit
from rcc.api.base import ListOnlyViewSet, Pages, ReadOnlyViewSet
from sufficiency.api.serializers import strategy as serializers
from sufficiency.selectors import public as public_selectors
from sufficiency.selectors import strategy as selectors

REGION = OpenApiParameter("region", str, description="A region's slug, e.g. greater-manchester")
PUBLIC_REQUESTS = ratelimit.Rate(limit=120, seconds=60)


class PerAddressThrottle(throttling.BaseThrottle):
    """Anonymous readers: at most 120 requests a minute from one address (key holders are
    limited per key by ``rcc.api.PerKeyThrottle``)."""

    def allow_request(self, request, view) -> bool:
        if request.auth is not None:
            return True
        address = context.current().ip_address or request.META.get("REMOTE_ADDR") or "unknown"
        return ratelimit.hit("public-api", address, PUBLIC_REQUESTS)

    def wait(self) -> float:
        return PUBLIC_REQUESTS.seconds


@extend_schema(parameters=[REGION])
class StrategyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Every published version of every region's sufficiency strategy, newest number first,
    with its sections, frozen figures and links to its page and PDFs. No key needed."""

    authentication_classes = ReadOnlyViewSet.authentication_classes
    permission_classes = [permissions.AllowAny]
    throttle_classes = [*ReadOnlyViewSet.throttle_classes, PerAddressThrottle]
    pagination_class = Pages
    serializer_class = serializers.StrategyVersionSerializer
    lookup_url_kwarg = "published_version_id"

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        view = super().as_view(actions, **initkwargs)
        view.login_required = False
        view.public_api = True  # the access walk: anyone may read it
        return view

    def get_queryset(self):
        versions = public_selectors.published()
        region = self.request.query_params.get("region")
        return versions.filter(strategy__region__slug=region) if region else versions

    @extend_schema(
        responses={
            200: serializers.StrategyVersionSerializer,
            404: OpenApiResponse(description="No such published version"),
        }
    )
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


class GapTableViewSet(ListOnlyViewSet):
    """Rows of the gap tables of published strategy versions of the regions in the key's
    scope (RCC staff: their own; DfE: every region): the latest version of each region, or
    one version with ``?version=<id>``."""

    permission = access.USE_MARKET_API
    serializer_class = serializers.GapRowSerializer
    pagination_class = Pages

    @extend_schema(
        parameters=[
            OpenApiParameter("version", int, description="A published version's id"),
            REGION,
        ],
        responses={
            200: serializers.GapRowSerializer(many=True),
            401: OpenApiResponse(description="No or a bad API key"),
            403: OpenApiResponse(description="The key's role may not read gap tables"),
            404: OpenApiResponse(description="No such published version in the key's scope"),
        },
    )
    def list(self, request, *args, **kwargs):
        versions = selectors.api_gap_versions(
            request.user,
            version_id=request.query_params.get("version"),
            region=request.query_params.get("region"),
        )
        if versions is None:
            raise Http404
        rows = serializers.gap_rows(versions)
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def get_queryset(self):  # the rows come from versions' figures (see ``list``)
        return public_selectors.published().none()
