"""Output shapes of the fostering API: aggregates by region, never a name or an address."""

from __future__ import annotations

from rest_framework import serializers


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
