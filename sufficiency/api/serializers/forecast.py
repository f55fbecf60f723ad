"""Output shapes of the forecast API (read-only; input validation lives in filters)."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sufficiency.models.forecast import ForecastFigure, ForecastRun


class BacktestHorizonSerializer(serializers.Serializer):
    horizon_weeks = serializers.IntegerField()
    mape = serializers.FloatField(allow_null=True, help_text="Mean absolute percentage error.")
    coverage80 = serializers.FloatField(
        allow_null=True, help_text="Share (0 to 1) of actual figures inside the 80% interval."
    )


class BacktestSerializer(serializers.Serializer):
    cutoff = serializers.DateField(allow_null=True)
    horizons = BacktestHorizonSerializer(many=True)


class ForecastRunSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    backtest = serializers.SerializerMethodField()

    class Meta:
        model = ForecastRun
        fields = ["id", "region", "region_name", "as_of", "scenario", "model_version", "backtest"]

    @extend_schema_field(BacktestSerializer(allow_null=True))
    def get_backtest(self, run: ForecastRun) -> dict[str, Any] | None:
        backtest = run.metrics.get("backtest") or {}
        if not backtest.get("horizons"):
            return None  # not a year of history before the forecast to test it on
        horizons = [
            {"horizon_weeks": int(weeks), **summary}
            for weeks, summary in backtest["horizons"].items()
        ]
        return {"cutoff": backtest.get("cutoff"), "horizons": horizons}


class ForecastFigureSerializer(serializers.ModelSerializer):
    run = serializers.IntegerField(source="run_id", read_only=True)

    class Meta:
        model = ForecastFigure
        fields = [
            "run",
            "week",
            "date",
            "age_band",
            "category",
            "mean",
            "lower80",
            "upper80",
            "lower95",
            "upper95",
        ]
