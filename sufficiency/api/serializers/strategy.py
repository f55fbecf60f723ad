"""Output shapes of the strategy API: published versions and their gap tables (read-only),
built from each version's frozen figures, so they match its page and PDF."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from sufficiency.models.strategy import SECTIONS, StrategyVersion


class SectionSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=[key for key, _ in SECTIONS])
    title = serializers.CharField()
    text = serializers.CharField(allow_blank=True)


class LinksSerializer(serializers.Serializer):
    page = serializers.CharField(help_text="The public page of this version")
    pdf = serializers.CharField()
    market_position = serializers.CharField()
    market_position_pdf = serializers.CharField()


class StrategyVersionSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(
        source="strategy.region", slug_field="slug", read_only=True
    )
    region_name = serializers.CharField(source="strategy.region.name", read_only=True)
    title = serializers.CharField(source="strategy.title", read_only=True)
    period = serializers.CharField(source="strategy.period", read_only=True)
    figures_as_of = serializers.SerializerMethodField()
    sections = serializers.SerializerMethodField()
    market_position_summary = serializers.CharField(
        source="market_position.summary", read_only=True
    )
    figures = serializers.JSONField(
        read_only=True,
        help_text="The frozen figures: gaps, needs, pipeline, measures, actions, market",
    )
    changes = serializers.JSONField(
        read_only=True, help_text="What changed since the version before"
    )
    links = serializers.SerializerMethodField()

    class Meta:
        model = StrategyVersion
        fields = [
            "id",
            "region",
            "region_name",
            "title",
            "period",
            "number",
            "published_at",
            "figures_as_of",
            "sections",
            "market_position_summary",
            "figures",
            "changes",
            "links",
        ]

    def get_figures_as_of(self, version: StrategyVersion) -> str | None:
        return (version.figures or {}).get("as_of")

    @extend_schema_field(SectionSerializer(many=True))
    def get_sections(self, version: StrategyVersion) -> list[dict[str, str]]:
        return [
            {"key": key, "title": title, "text": version.sections.get(key, "")}
            for key, title in SECTIONS
        ]

    @extend_schema_field(LinksSerializer)
    def get_links(self, version: StrategyVersion) -> dict[str, str]:
        kwargs = {
            "region_slug": version.strategy.region.slug,
            "strategy_id": version.strategy_id,
            "number": version.number,
        }
        return {
            "page": reverse("public_strategy:version", kwargs=kwargs),
            "pdf": reverse("public_strategy:version_pdf", kwargs=kwargs),
            "market_position": reverse("public_strategy:market", kwargs=kwargs),
            "market_position_pdf": reverse("public_strategy:market_pdf", kwargs=kwargs),
        }


class GapRowSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="The published strategy version")
    region = serializers.CharField()
    number = serializers.IntegerField(help_text="The version's number")
    published_at = serializers.DateTimeField()
    area = serializers.CharField(help_text='A council, or "All councils" for the region')
    category = serializers.CharField()
    demand_now = serializers.FloatField()
    demand_12 = serializers.FloatField(help_text="Expected children in 12 months")
    demand_24 = serializers.FloatField()
    places = serializers.IntegerField()
    vacancies = serializers.IntegerField()
    placed_outside_region = serializers.IntegerField()
    placed_over_20_miles = serializers.IntegerField()
    planned_12 = serializers.IntegerField()
    planned_24 = serializers.IntegerField()
    gap_now = serializers.FloatField()
    gap_12 = serializers.FloatField(help_text="demand_12 - places - planned_12")
    gap_24 = serializers.FloatField()
    trend = serializers.ChoiceField(choices=["worsening", "steady", "improving"])


def gap_rows(versions: list[StrategyVersion]) -> list[dict[str, Any]]:
    return [
        {
            "version": v.pk,
            "region": v.strategy.region.slug,
            "number": v.number,
            "published_at": v.published_at,
            **row,
        }
        for v in versions
        for row in (v.figures or {}).get("gaps", [])
    ]
