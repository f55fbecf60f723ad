"""Reads of strategies: the figures a draft freezes, drafts for the region's staff, published
versions for everyone, and the headline measures over time."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from placements.models import Placement
from rcc import access
from rcc.models import Region
from sufficiency import frozen, measures
from sufficiency.models.provision import ProvisionProject
from sufficiency.models.strategy import Strategy, StrategyAction, StrategyVersion
from sufficiency.selectors import gaps as selectors_gaps


# The figures of a draft ----------------------------------------------------------------------
def placement_facts(region: Region) -> list[measures.PlacementFact]:
    """Every placement of the region's councils that started (one query, plain rows)."""
    rows = (
        Placement.objects.filter(
            local_authority__region=region,
            status__in=[Placement.Status.ACTIVE, Placement.Status.ENDED],
        )
        .annotate(setting_region=F("setting__local_authority__region_id"))
        .values_list(
            "start_date",
            "end_date",
            "placement_type",
            "miles_from_home",
            "setting_region",
            "agreed_weekly_cost",
        )
        .order_by()
    )
    return [
        measures.PlacementFact(start, end, kind, miles, where != region.pk, cost)
        for start, end, kind, miles, where, cost in rows
    ]


def measure_rows(region: Region) -> list[measures.MeasureRow]:
    dates = measures.quarter_ends(timezone.localdate())
    return measures.measures(placement_facts(region), dates)


def overdue_actions(region: Region) -> QuerySet[StrategyAction]:
    return StrategyAction.objects.filter(
        strategy__region=region,
        status__in=[StrategyAction.Status.NOT_STARTED, StrategyAction.Status.IN_PROGRESS],
        due_on__lt=timezone.localdate(),
    )


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


def snapshot(strategy: Strategy) -> dict[str, Any]:
    """The live figures of the strategy's region now, frozen as JSON."""
    region = strategy.region
    analysis = selectors_gaps.gap_analysis(region)
    run = analysis.run
    forecast = None
    if run is not None:
        forecast = {"as_of": run.as_of.isoformat(), "model_version": run.model_version}
    return frozen.freeze(
        as_of=timezone.localdate().isoformat(),
        forecast=forecast,
        rows=analysis.rows,
        needs=analysis.needs,
        pipeline=[_project(p) for p in analysis.pipeline],
        measure_rows=measure_rows(region),
        actions=[_action(a) for a in strategy.actions.order_by("due_on", "pk")],
        prices=selectors_gaps.price_ranges(region),
    )


# Staff: the region's strategies and drafts ---------------------------------------------------
def strategies(user: Any) -> QuerySet[Strategy]:
    return access.strategies_for(user).order_by("-created_at")


def versions(user: Any) -> QuerySet[StrategyVersion]:
    return access.strategy_versions_for(user).order_by("strategy_id", "-created_at")


def get_strategy_for_user(user: Any, strategy_id: Any) -> Strategy:
    try:
        return access.strategies_for(user).get(pk=strategy_id)
    except (Strategy.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_version_for_user(user: Any, version_id: Any) -> StrategyVersion:
    try:
        return (
            access.strategy_versions_for(user).select_related("market_position").get(pk=version_id)
        )
    except (StrategyVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_action_for_user(user: Any, action_id: Any) -> StrategyAction:
    try:
        return access.strategy_actions_for(user).get(pk=action_id)
    except (StrategyAction.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def decisions(version: StrategyVersion) -> QuerySet:
    return version.decisions.select_related("decided_by").order_by("decided_at", "pk")


def open_actions_overdue(user: Any) -> int:
    return (
        access.strategy_actions_for(user)
        .filter(
            status__in=[StrategyAction.Status.NOT_STARTED, StrategyAction.Status.IN_PROGRESS],
            due_on__lt=timezone.localdate(),
        )
        .count()
    )


# Everyone: published versions ----------------------------------------------------------------
def published() -> QuerySet[StrategyVersion]:
    """Published versions of every region: public by design (a published strategy is meant
    to be read by providers and the public)."""
    return (
        StrategyVersion.objects.published()
        .select_related("strategy__region", "market_position")
        .order_by("strategy__region__name", "strategy_id", "-number")
    )


def published_region(region_slug: str) -> Region:
    return get_object_or_404(Region, slug=region_slug)


def published_versions(region: Region) -> list[StrategyVersion]:
    return list(published().filter(strategy__region=region))


def latest_published(region: Region) -> StrategyVersion:
    version = published().filter(strategy__region=region).order_by("-published_at").first()
    if version is None:
        raise Http404
    return version


def published_version(region: Region, strategy_id: Any, number: Any) -> StrategyVersion:
    try:
        return published().get(strategy__region=region, strategy_id=strategy_id, number=number)
    except (StrategyVersion.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def regions_with_published() -> QuerySet[Region]:
    return (
        Region.objects.filter(strategies__versions__status=StrategyVersion.Status.PUBLISHED)
        .distinct()
        .order_by("name")
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
