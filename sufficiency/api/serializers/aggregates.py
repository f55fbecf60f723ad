"""Shapes of the regional aggregates API: counts and money by region and council, no child."""

from __future__ import annotations

from rest_framework import serializers

from placements.models.choices import LegalStatus
from providers.models import SettingType
from sufficiency.aggregates import OVER_AGE_BAND
from sufficiency.forecasting.states import AGE_BANDS, CATEGORIES

MONEY = {"max_digits": 12, "decimal_places": 2, "coerce_to_string": True}


class RegionQuerySerializer(serializers.Serializer):
    region = serializers.SlugField(
        required=False, help_text="Only this region (its slug); regions out of scope give none."
    )


class FiguresQuerySerializer(RegionQuerySerializer):
    """The query parameters of the figures that describe a day."""

    on = serializers.DateField(
        required=False, help_text="The day the figures describe (YYYY-MM-DD); today if absent."
    )
    council = serializers.RegexField(
        r"^E\d{8}$", required=False, help_text="Only this council (its ONS GSS code)."
    )


class CareCountSerializer(serializers.Serializer):
    region = serializers.CharField(help_text="The region's slug")
    council = serializers.CharField()
    gss_code = serializers.CharField()
    category = serializers.ChoiceField(choices=CATEGORIES, help_text="Grouping of 903 PLACE")
    age_band = serializers.ChoiceField(choices=(*AGE_BANDS, OVER_AGE_BAND))
    legal_status = serializers.CharField(help_text=f"903 LS ({', '.join(LegalStatus.values)})")
    children = serializers.IntegerField(min_value=1)


class DistanceBandsSerializer(serializers.Serializer):
    region = serializers.CharField(help_text="The region's slug")
    council = serializers.CharField()
    gss_code = serializers.CharField()
    placements = serializers.IntegerField()
    under_20_miles = serializers.IntegerField(help_text="20 miles or less from home")
    over_20_miles = serializers.IntegerField()
    distance_unknown = serializers.IntegerField()
    inside_council = serializers.IntegerField(help_text="The setting is in the child's council")
    outside_council = serializers.IntegerField()


class CostFiguresSerializer(serializers.Serializer):
    placements = serializers.IntegerField()
    total_weekly_cost = serializers.DecimalField(**MONEY)
    mean_weekly_cost = serializers.DecimalField(**MONEY, allow_null=True)
    median_weekly_cost = serializers.DecimalField(**MONEY, allow_null=True)


class WeeklyCostsSerializer(serializers.Serializer):
    region = serializers.CharField(help_text="The region's slug")
    placement_type = serializers.ChoiceField(choices=SettingType.choices)
    all = CostFiguresSerializer(help_text="Every current placement of this type")
    framework = CostFiguresSerializer()
    spot = CostFiguresSerializer()


class JudgementsSerializer(serializers.Serializer):
    outstanding = serializers.IntegerField()
    good = serializers.IntegerField()
    requires_improvement = serializers.IntegerField()
    inadequate = serializers.IntegerField()
    not_inspected = serializers.IntegerField()


class MarketStatisticsSerializer(serializers.Serializer):
    region = serializers.CharField(help_text="The region's slug")
    setting_type = serializers.ChoiceField(choices=SettingType.choices)
    providers = serializers.IntegerField(help_text="Providers with an active setting")
    active_settings = serializers.IntegerField()
    registered_places = serializers.IntegerField(help_text="Of active settings")
    open_vacancies = serializers.IntegerField()
    judgements = JudgementsSerializer(help_text="Active settings by latest Ofsted judgement")
