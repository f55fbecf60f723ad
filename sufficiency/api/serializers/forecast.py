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


class IntervalSerializer(serializers.Serializer):
    mean = serializers.FloatField()
    lower80 = serializers.FloatField()
    upper80 = serializers.FloatField()
    lower95 = serializers.FloatField()
    upper95 = serializers.FloatField()


class HeadlineSerializer(serializers.Serializer):
    now = serializers.IntegerField(help_text="Children in care on the run's day.")
    weeks = serializers.DictField(
        child=IntervalSerializer(),
        help_text='All children in care 52 and 104 weeks ahead (keys "52", "104").',
    )


class AccuracySerializer(serializers.Serializer):
    horizon_weeks = serializers.IntegerField()
    group = serializers.CharField(help_text='"all" children in care, or "categories" (average).')
    forecasts = serializers.IntegerField(help_text="Quarterly cut-offs checked.")
    error = serializers.FloatField(allow_null=True, help_text="Mean absolute % error.")
    carried_error = serializers.FloatField(
        allow_null=True, help_text="The same, carrying the cut-off's count forward."
    )
    previous_error = serializers.FloatField(
        allow_null=True, help_text="The same, for the previous model version."
    )
    coverage80 = serializers.FloatField(allow_null=True)
    coverage95 = serializers.FloatField(allow_null=True)


class CostSerializer(IntervalSerializer):
    annual = serializers.FloatField(help_text="The mean weekly cost x 52.")


class ForecastRunSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    backtest = serializers.SerializerMethodField()
    headline = serializers.SerializerMethodField()
    accuracy = serializers.SerializerMethodField()
    cost = serializers.SerializerMethodField()

    class Meta:
        model = ForecastRun
        fields = [
            "id",
            "region",
            "region_name",
            "as_of",
            "scenario",
            "model_version",
            "headline",
            "accuracy",
            "backtest",
            "cost",
        ]

    @extend_schema_field(serializers.DictField(child=CostSerializer()))
    def get_cost(self, run: ForecastRun) -> dict[str, Any]:
        """Weekly cost of the priced categories in pounds, 26, 52 and 104 weeks ahead (keys
        "26", "52", "104"): count doubt x the spread of the region's agreed weekly costs."""
        return run.metrics.get("cost") or {}

    @extend_schema_field(HeadlineSerializer(allow_null=True))
    def get_headline(self, run: ForecastRun) -> dict[str, Any] | None:
        return run.metrics.get("headline") or None

    @extend_schema_field(AccuracySerializer(many=True))
    def get_accuracy(self, run: ForecastRun) -> list[dict[str, Any]]:
        """The rolling backtests' summary, as the page's accuracy table."""
        summary = (run.metrics.get("rolling") or {}).get("summary") or {}
        keys = AccuracySerializer().fields.keys()
        return [
            {"horizon_weeks": int(weeks), "group": group}
            | {k: v for k, v in figures.items() if k in keys}
            for weeks, groups in summary.items()
            for group, figures in groups.items()
            if group in ("all", "categories")
        ]

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
