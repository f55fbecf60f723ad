"""Reads of strategies: the live figures a draft freezes, drafts for the region's staff, and
the headline measures over time. Published versions, for everyone, are in ``public``."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from providers.prices import summarise
from rcc import access
from rcc.models import Region
from sufficiency import measures
from sufficiency.models.provision import ProvisionProject
from sufficiency.models.strategy import Strategy, StrategyAction, StrategyVersion
from sufficiency.selectors import inputs
from sufficiency.selectors.gaps import gap_analysis
from sufficiency.selectors.public import published

OPEN_ACTION = [StrategyAction.Status.NOT_STARTED, StrategyAction.Status.IN_PROGRESS]


# The figures of a draft ----------------------------------------------------------------------
def measure_rows(region: Region) -> list[measures.MeasureRow]:
    dates = measures.quarter_ends(timezone.localdate())
    return measures.measures(inputs.placement_facts_for_regions([region.pk]), dates)


def price_ranges(region: Region) -> list[dict[str, Any]]:
    """Quartiles of the agreed weekly prices of the region's current placements, by type and
    need level: the price range the market position statement states."""
    grouped: dict[tuple[str, str], list[Decimal]] = defaultdict(list)
    for kind, need, cost in inputs.placement_prices_for_regions([region.pk]):
        grouped[(kind, need)].append(cost)
    ranges = []
    for (kind, need), prices in sorted(grouped.items()):
        summary = summarise(prices)
        if summary is not None:
            ranges.append(
                {
                    "placement_type": kind,
                    "need_level": need,
                    "count": summary.count,
                    "lower_quartile": str(summary.lower_quartile),
                    "median": str(summary.median),
                    "upper_quartile": str(summary.upper_quartile),
                }
            )
    return ranges


def _project(project: ProvisionProject) -> dict[str, Any]:
    return {
        "name": project.name,
        "council": project.local_authority.name,
        "location": project.location,
        "category": project.category,
        "need_level": project.need_level,
        "provision_type": project.provision_type,
        "places": project.places,
        "stage": project.stage,
        "expected_open_on": project.expected_open_on.isoformat()
        if project.expected_open_on
        else None,
        "capital_cost": str(project.capital_cost),
        "annual_revenue_cost": str(project.annual_revenue_cost),
        "partner": project.partner,
    }


def _action(action: StrategyAction) -> dict[str, Any]:
    return {
        "title": action.title,
        "owner": action.owner,
        "due_on": action.due_on.isoformat(),
        "status": action.status,
    }


def live_figures(strategy: Strategy) -> dict[str, Any]:
    """What a version freezes (``frozen.freeze``'s inputs), read now: the region's gap
    analysis and pipeline, its measures and prices, and the strategy's actions, as plain rows."""
    region = strategy.region
    analysis = gap_analysis(region)
    run = analysis.run
    return {
        "forecast": {"as_of": run.as_of.isoformat(), "model_version": run.model_version}
        if run is not None
        else None,
        "rows": analysis.rows,
        "needs": analysis.needs,
        "pipeline": [_project(p) for p in analysis.pipeline],
        "measure_rows": measure_rows(region),
        "actions": [_action(a) for a in strategy.actions.order_by("due_on", "pk")],
        "prices": price_ranges(region),
    }


# Staff: the region's strategies and drafts ---------------------------------------------------
def strategies(user: Any) -> QuerySet[Strategy]:
    return access.strategies_for(user).order_by("-created_at")


def versions(user: Any) -> QuerySet[StrategyVersion]:
    return access.strategy_versions_for(user).order_by("strategy_id", "-created_at")


def waiting_for_decision(user: Any) -> QuerySet[StrategyVersion]:
    """Drafts sent for approval, the ten the dashboard shows."""
    return versions(user).filter(status=StrategyVersion.Status.SUBMITTED)[:10]


def decisions(version: StrategyVersion) -> QuerySet:
    return version.decisions.select_related("decided_by").order_by("decided_at", "pk")


def open_actions_overdue(user: Any) -> int:
    return (
        access.strategy_actions_for(user)
        .filter(status__in=OPEN_ACTION, due_on__lt=timezone.localdate())
        .count()
    )


def actions(user: Any) -> QuerySet[StrategyAction]:
    return access.strategy_actions_for(user).order_by("due_on", "pk")


def api_gap_versions(
    user: Any, *, version_id: Any = None, region: str | None = None
) -> list[StrategyVersion] | None:
    """Published versions of the regions in an API key's scope: one by id (None when it is
    not in scope), else the newest of each region (or of ``region``)."""
    if not access.can(user, access.USE_MARKET_API):
        return []
    versions = published().filter(strategy__region__in=access.regions_for(user).values("pk"))
    if region:
        versions = versions.filter(strategy__region__slug=region)
    if version_id is not None:
        try:
            return [versions.get(pk=version_id)]
        except (StrategyVersion.DoesNotExist, ValueError, TypeError):
            return None
    newest: dict[int, StrategyVersion] = {}
    for version in versions.order_by("strategy__region__name", "-published_at"):
        newest.setdefault(version.strategy.region_id, version)
    return list(newest.values())
