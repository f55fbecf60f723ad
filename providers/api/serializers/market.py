"""Output shapes of the market API (read-only; input validation lives in filters)."""

from __future__ import annotations

from rest_framework import serializers

from providers.models import Application, ProviderOrganisation, Setting, Vacancy


class ProviderSerializer(serializers.ModelSerializer):
    group = serializers.CharField(
        source="group.name", default=None, read_only=True, allow_null=True
    )

    class Meta:
        model = ProviderOrganisation
        fields = ["id", "name", "sector", "group", "companies_house_number", "ofsted_provider_urn"]


class SettingSerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    provider = serializers.IntegerField(source="provider_id", read_only=True)
    council_gss_code = serializers.CharField(source="local_authority.gss_code", read_only=True)
    needs = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Setting
        fields = [
            "id",
            "urn",
            "name",
            "setting_type",
            "provider",
            "council_gss_code",
            "postcode",
            "registered_places",
            "age_min",
            "age_max",
            "sexes",
            "needs",
            "takes_emergencies",
            "takes_parent_and_child",
            "takes_sibling_groups",
            "takes_uasc",
            "status",
            "latest_judgement",
            "latest_inspection_on",
        ]


class VacancySerializer(serializers.ModelSerializer):
    id = serializers.UUIDField(source="public_id", read_only=True)
    setting = serializers.UUIDField(source="setting.public_id", read_only=True)
    setting_type = serializers.CharField(source="setting.setting_type", read_only=True)
    council_gss_code = serializers.CharField(
        source="setting.local_authority.gss_code", read_only=True
    )
    needs = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Vacancy
        fields = [
            "id",
            "setting",
            "setting_type",
            "council_gss_code",
            "places",
            "available_from",
            "available_until",
            "age_min",
            "age_max",
            "needs",
            "status",
            "reported_at",
        ]


class FrameworkMembershipSerializer(serializers.ModelSerializer):
    framework = serializers.CharField(source="lot.framework.name", read_only=True)
    region = serializers.CharField(source="lot.framework.region.slug", read_only=True)
    lot = serializers.CharField(source="lot.name", read_only=True)
    placement_type = serializers.CharField(source="lot.placement_type", read_only=True)
    need_level = serializers.CharField(source="lot.need_level", read_only=True)
    provider = serializers.IntegerField(source="provider_id", read_only=True)
    provider_name = serializers.CharField(source="provider.name", read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "framework",
            "region",
            "lot",
            "placement_type",
            "need_level",
            "provider",
            "provider_name",
            "status",
        ]


class SummarySerializer(serializers.Serializer):
    count = serializers.IntegerField()
    median = serializers.DecimalField(max_digits=12, decimal_places=2)
    lower_quartile = serializers.DecimalField(max_digits=12, decimal_places=2)
    upper_quartile = serializers.DecimalField(max_digits=12, decimal_places=2)
    minimum = serializers.DecimalField(max_digits=12, decimal_places=2)
    maximum = serializers.DecimalField(max_digits=12, decimal_places=2)


class PriceStatisticsSerializer(serializers.Serializer):
    placement_type = serializers.CharField()
    need_level = serializers.CharField()
    overall = SummarySerializer()
    framework = SummarySerializer(allow_null=True)
    spot = SummarySerializer(allow_null=True)
    spot_premium = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    outlier_count = serializers.SerializerMethodField()

    def get_outlier_count(self, segment) -> int:
        return len(segment.outliers)
