"""Column specs of the market's tables (pages and CSV downloads share them)."""

from __future__ import annotations

from django.urls import reverse

from providers.models import NeedLevel, SettingType
from providers.presenters.format import judgement, money, percent
from rcc.tables import Column


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
        Column("Share of spend", lambda g: percent(g.spend_share), numeric=True),
        Column("Places in region", lambda g: g.places, numeric=True),
        Column("Share of places", lambda g: percent(g.place_share), numeric=True),
        Column("Operating margin", lambda g: percent(g.margin), numeric=True),
        Column("Rank by margin", lambda g: g.rank_by_margin, numeric=True),
        Column("Hard to replace", lambda g: "Yes" if g.hard_to_replace else "No"),
    ]


def provider_columns() -> list[Column]:
    return [
        Column("Name", lambda p: p.name, link=lambda p: reverse("providers:provider", args=[p.pk])),
        Column("Sector", lambda p: p.get_sector_display()),
        Column("Group", lambda p: p.group.name if p.group_id else ""),
        Column("Settings in region", lambda p: p.setting_count, numeric=True),
    ]


def setting_columns() -> list[Column]:
    return [
        Column(
            "Name",
            lambda s: s.name,
            link=lambda s: reverse("providers:setting", args=[s.public_id]),
        ),
        Column("URN", lambda s: s.urn or ""),
        Column("Type", lambda s: s.get_setting_type_display()),
        Column("Provider", lambda s: s.provider.name),
        Column("Council", lambda s: s.local_authority.name),
        Column("Places", lambda s: s.registered_places, numeric=True),
        Column("Ages", lambda s: f"{s.age_min} to {s.age_max}"),
        Column("Ofsted", lambda s: judgement(s.latest_judgement)),
        Column("Status", lambda s: s.get_status_display()),
    ]


def vacancy_columns() -> list[Column]:
    return [
        Column(
            "Setting",
            lambda v: v.setting.name,
            link=lambda v: reverse("providers:setting", args=[v.setting.public_id]),
        ),
        Column("Type", lambda v: v.setting.get_setting_type_display()),
        Column("Council", lambda v: v.setting.local_authority.name),
        Column("Places", lambda v: v.places, numeric=True),
        Column("Free from", lambda v: v.available_from.isoformat()),
        Column("Free until", lambda v: v.available_until.isoformat() if v.available_until else ""),
        Column("Ages", lambda v: f"{v.age_min} to {v.age_max}"),
        Column("Ofsted", lambda v: judgement(v.setting.latest_judgement)),
        Column("Status", lambda v: v.get_status_display()),
    ]
