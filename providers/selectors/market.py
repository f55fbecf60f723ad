"""The commissioners' market: summary, prices paid and providers' finances, read."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum

from providers.models import Application, Sector, Setting, SettingType
from providers.prices import PriceObservation
from providers.scrutiny import GroupFigures
from providers.selectors.vacancies import open_vacancies
from rcc import access


def market_summary(user: Any) -> dict[str, Any]:
    settings = access.settings_for(user)
    by_type = (
        settings.filter(status=Setting.Status.ACTIVE)
        .values("setting_type")
        .annotate(settings=Count("id"), places=Sum("registered_places"))
    )
    return {
        "by_type": [
            {**row, "label": SettingType(row["setting_type"]).label}
            for row in by_type.order_by("setting_type")
        ],
        "open_vacancies": open_vacancies(user).aggregate(n=Count("id"), places=Sum("places")),
        "suspended": settings.filter(status=Setting.Status.SUSPENDED).count(),
        "pending_applications": access.applications_for(user)
        .filter(status__in=[Application.Status.SUBMITTED, Application.Status.UNDER_EVALUATION])
        .count(),
        "open_concerns": access.concerns_for(user).filter(closed_at__isnull=True).count(),
    }


def price_observations(user: Any, region_id: int | None = None) -> list:
    """Agreed weekly prices of current placements in the user's scope, as plain data;
    narrowed to one region when ``region_id`` is given (a national user pricing a region)."""
    placements = access.placements_for(user).filter(end_date__isnull=True)
    if region_id is not None:
        placements = placements.filter(local_authority__region_id=region_id)
    rows = placements.values_list(
        "placement_type",
        "need_level",
        "agreed_weekly_cost",
        "route",
        "provider_id",
        "provider__name",
        "setting__latest_judgement",
    )
    return [PriceObservation(*row) for row in rows]


def group_figures(user: Any) -> tuple[list, int]:
    """Per provider group: latest return, the region's weekly spend and its places there."""
    spend: dict[str, Decimal] = defaultdict(Decimal)
    # Councils' own provision is not a market that could fail: leave it out.
    for row in (
        access.placements_for(user)
        .filter(end_date__isnull=True)
        .exclude(provider__sector=Sector.LOCAL_AUTHORITY)
        .values("provider__group__name", "provider__name")
        .annotate(total=Sum("agreed_weekly_cost"))
    ):
        spend[row["provider__group__name"] or row["provider__name"]] += row["total"]
    places: dict[str, int] = defaultdict(int)
    settings = (
        access.settings_for(user)
        .filter(status=Setting.Status.ACTIVE)
        .exclude(provider__sector=Sector.LOCAL_AUTHORITY)
    )
    for row in settings.values("provider__group__name", "provider__name").annotate(
        total=Sum("registered_places")
    ):
        places[row["provider__group__name"] or row["provider__name"]] += row["total"] or 0
    latest = _latest_returns(user)
    figures = [
        GroupFigures(
            name, *latest.get(name, (None, None)), spend.get(name, Decimal(0)), places[name]
        )
        for name in sorted(set(spend) | set(places))
    ]
    return figures, sum(places.values())


def _latest_returns(user: Any) -> dict[str, tuple[Decimal, Decimal]]:
    latest: dict[str, tuple[int, Decimal, Decimal]] = {}
    for r in access.financial_returns_for(user).order_by("year"):
        name = r.provider.group_name
        if r.is_group_return or name == r.provider.name or name not in latest:
            latest[name] = (r.year, r.turnover, r.operating_profit)
    return {name: (turnover, profit) for name, (_, turnover, profit) in latest.items()}
