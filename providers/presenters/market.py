"""What the commissioners' market pages show: the price and scrutiny tables (pages and CSV
downloads share their columns) and those pages' contexts."""

from __future__ import annotations

from typing import Any

from providers.models import NeedLevel, SettingType
from rcc.kit.format import money, share
from rcc.kit.tables import Column

PAGE_COMPARISONS = 50  # the rest are in the CSV download


def _type(value: str) -> str:
    return SettingType(value).label if value in SettingType.values else value


def _level(value: str) -> str:
    return NeedLevel(value).label if value in NeedLevel.values else value


def _stat(part: str, attr: str):
    def value(segment):
        summary = getattr(segment, part)
        return money(getattr(summary, attr)) if summary else ""

    return value


def price_columns() -> list[Column]:
    return [
        Column("Placement type", lambda s: _type(s.placement_type)),
        Column("Need level", lambda s: _level(s.need_level)),
        Column("Placements", lambda s: s.overall.count, numeric=True),
        Column("Lowest", _stat("overall", "minimum"), numeric=True),
        Column("Lower quartile", _stat("overall", "lower_quartile"), numeric=True),
        Column("Median", _stat("overall", "median"), numeric=True),
        Column("Upper quartile", _stat("overall", "upper_quartile"), numeric=True),
        Column("Highest", _stat("overall", "maximum"), numeric=True),
        Column("Framework median", _stat("framework", "median"), numeric=True),
        Column("Spot median", _stat("spot", "median"), numeric=True),
        Column("Spot premium", lambda s: money(s.spot_premium), numeric=True),
        Column("Outliers", lambda s: len(s.outliers), numeric=True),
    ]


def provider_comparison_columns() -> list[Column]:
    return [
        Column("Provider", lambda c: c.provider_name),
        Column("Placement type", lambda c: _type(c.placement_type)),
        Column("Need level", lambda c: _level(c.need_level)),
        Column("Placements", lambda c: c.count, numeric=True),
        Column("Provider median", lambda c: money(c.provider_median), numeric=True),
        Column("Regional median", lambda c: money(c.regional_median), numeric=True),
        Column("Against median", lambda c: f"{c.ratio}x" if c.ratio else "", numeric=True),
        Column("Outlier", lambda c: "Yes" if c.is_outlier else "No"),
    ]


def scrutiny_columns() -> list[Column]:
    return [
        Column("Provider or group", lambda g: g.group_name),
        Column("Rank by spend", lambda g: g.rank_by_spend, numeric=True),
        Column("Weekly spend", lambda g: money(g.weekly_spend), numeric=True),
        Column("Share of spend", lambda g: share(g.spend_share), numeric=True),
        Column("Places in region", lambda g: g.places, numeric=True),
        Column("Share of places", lambda g: share(g.place_share), numeric=True),
        Column("Operating margin", lambda g: share(g.margin), numeric=True),
        Column("Rank by margin", lambda g: g.rank_by_margin, numeric=True),
        Column("Hard to replace", lambda g: "Yes" if g.hard_to_replace else "No"),
    ]


def price_page(observations: list, segments: list, comparisons: list) -> dict[str, Any]:
    return {
        "title": "What the region pays",
        "segments": segments,
        "comparisons": comparisons[:PAGE_COMPARISONS],
        "comparison_total": len(comparisons),
        "price_columns": price_columns(),
        "comparison_columns": provider_comparison_columns(),
        "observation_count": len(observations),
        "money": money,
    }


def scrutiny_page(rankings: list, flags: Any) -> dict[str, Any]:
    return {
        "title": "Provider financial scrutiny",
        "rankings": rankings,
        "columns": scrutiny_columns(),
        "flags": flags,
    }
