"""The fostering API: the funnel and carers' capacity per region in scope (aggregates only)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from fostering import selectors_carers, serializers
from rcc import access
from rcc.api.base import ListOnlyViewSet


class _PerRegionViewSet(ListOnlyViewSet):
    permission = access.USE_FOSTERING_API
    pagination_class = None

    def get_queryset(self):
        return selectors_carers.figure_regions(self.request.user).none()  # for the schema only


class FosteringFunnelViewSet(_PerRegionViewSet):
    """Per region: enquiries of the last 12 months by month and source, how far they came,
    conversion between stages, median days of each step, carers approved and lost by month."""

    serializer_class = serializers.FunnelSerializer

    @extend_schema(responses=serializers.FunnelSerializer(many=True))
    def list(self, request, *args, **kwargs):
        found = selectors_carers.funnel_by_region(request.user, today=timezone.localdate())
        rows = [{"region": region, "funnel": figures} for region, figures in found]
        return Response(self.get_serializer(rows, many=True).data)


class CarerCapacityViewSet(_PerRegionViewSet):
    """Per region: active approved carers' places, children, free and offered places by council."""

    serializer_class = serializers.CapacitySerializer

    @extend_schema(responses=serializers.CapacitySerializer(many=True))
    def list(self, request, *args, **kwargs):
        found = selectors_carers.capacity_by_region(request.user)
        rows = [{"region": region, "councils": councils} for region, councils in found]
        return Response(self.get_serializer(rows, many=True).data)
