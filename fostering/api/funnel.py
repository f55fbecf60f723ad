"""The fostering API: the funnel and carers' capacity per region in scope (aggregates only).

Its output shapes are aggregates by region, never a name or an address.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from fostering.selectors import funnel as selectors
from rcc import access
from rcc.api.base import ListOnlyViewSet


class StageCountsSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="The month (YYYY-MM), the source's code, or 'all'")
    label = serializers.CharField()
    enquiries = serializers.IntegerField()
    initial_visits = serializers.IntegerField()
    applications = serializers.IntegerField()
    stage_2_starts = serializers.IntegerField(source="stage_2")
    approvals = serializers.IntegerField()
    visit_rate = serializers.FloatField(allow_null=True)
    application_rate = serializers.FloatField(allow_null=True)
    stage_2_rate = serializers.FloatField(allow_null=True)
    approval_rate = serializers.FloatField(allow_null=True)
    enquiry_to_application = serializers.FloatField(allow_null=True)


class StageTimeSerializer(serializers.Serializer):
    step = serializers.CharField()
    people = serializers.IntegerField()
    median_days = serializers.DecimalField(max_digits=8, decimal_places=1, allow_null=True)


class CarerMonthSerializer(serializers.Serializer):
    month = serializers.CharField(source="key")
    approved = serializers.IntegerField()
    lost = serializers.IntegerField()
    net = serializers.IntegerField()


class FunnelSerializer(serializers.Serializer):
    region = serializers.CharField(source="region.slug")
    region_name = serializers.CharField(source="region.name")
    months = StageCountsSerializer(source="funnel.months", many=True)
    sources = StageCountsSerializer(source="funnel.sources", many=True)
    total = StageCountsSerializer(source="funnel.total")
    stage_days = StageTimeSerializer(source="funnel.stage_times", many=True)
    carers = CarerMonthSerializer(source="funnel.carers", many=True)


class CouncilCapacitySerializer(serializers.Serializer):
    council = serializers.CharField()
    carers = serializers.IntegerField()
    places = serializers.IntegerField()
    children = serializers.IntegerField()
    free_places = serializers.IntegerField()
    offered = serializers.IntegerField(help_text="Places in vacancies open or held for an offer")


class CapacitySerializer(serializers.Serializer):
    region = serializers.CharField(source="region.slug")
    region_name = serializers.CharField(source="region.name")
    councils = CouncilCapacitySerializer(many=True)


# Views --------------------------------------------------------------------
class _PerRegionViewSet(ListOnlyViewSet):
    permission = access.USE_FOSTERING_API
    pagination_class = None

    def get_queryset(self):
        return selectors.figure_regions(self.request.user).none()  # for the schema only


class FosteringFunnelViewSet(_PerRegionViewSet):
    """Per region: enquiries of the last 12 months by month and source, how far they came,
    conversion between stages, median days of each step, carers approved and lost by month."""

    serializer_class = FunnelSerializer

    @extend_schema(responses=FunnelSerializer(many=True))
    def list(self, request, *args, **kwargs):
        found = selectors.funnel_by_region(request.user, today=timezone.localdate())
        rows = [{"region": region, "funnel": figures} for region, figures in found]
        return Response(self.get_serializer(rows, many=True).data)


class CarerCapacityViewSet(_PerRegionViewSet):
    """Per region: active approved carers' places, children, free and offered places by council."""

    serializer_class = CapacitySerializer

    @extend_schema(responses=CapacitySerializer(many=True))
    def list(self, request, *args, **kwargs):
        found = selectors.capacity_by_region(request.user)
        rows = [{"region": region, "councils": councils} for region, councils in found]
        return Response(self.get_serializer(rows, many=True).data)
