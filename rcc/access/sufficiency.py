"""Sufficiency: partners' datasets, new provision, strategies; the figures behind the API."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from rcc.access import permissions as p
from rcc.access.core import regions_for
from rcc.access.membership import region_id
from rcc.access.predicates import can, is_platform_admin
from rcc.access.scoping import get, in_region, objects


def partner_datasets_for(user: Any) -> QuerySet:
    """Partners, commissioners and analysts: their region's datasets. Admins: every region's."""
    datasets = objects("sufficiency.PartnerDataset").select_related("region", "uploaded_by")
    if not can(user, p.VIEW_PARTNER_DATA):
        return datasets.none()
    if is_platform_admin(user):
        return datasets
    return in_region(datasets, region_id(user))


def provision_projects_for(user: Any) -> QuerySet:
    """The region's analysts and commissioners: their region's new-provision projects."""
    projects = objects("sufficiency.ProvisionProject").select_related("region", "local_authority")
    if not can(user, p.VIEW_SUFFICIENCY):
        return projects.none()
    return in_region(projects, region_id(user))


def strategies_for(user: Any) -> QuerySet:
    """The region's analysts and commissioners: their region's strategies, drafts included.
    Everyone else reads published versions only."""
    strategies = objects("sufficiency.Strategy").select_related("region")
    if not can(user, p.VIEW_SUFFICIENCY):
        return strategies.none()
    return in_region(strategies, region_id(user))


def strategy_versions_for(user: Any) -> QuerySet:
    return (
        objects("sufficiency.StrategyVersion")
        .filter(strategy__in=strategies_for(user).values("pk"))
        .select_related("strategy__region", "created_by")
    )


def strategy_actions_for(user: Any) -> QuerySet:
    return (
        objects("sufficiency.StrategyAction")
        .filter(strategy__in=strategies_for(user).values("pk"))
        .select_related("strategy")
    )


# Figures: counts and money, never a child -------------------------------------------------
def regions_for_figures(user: Any) -> QuerySet:
    """Regions whose aggregates (counts and money, no child) the user may read by API."""
    if not can(user, p.USE_AGGREGATES_API):
        return regions_for(user).none()
    return regions_for(user)


def care_episodes_for_figures(user: Any) -> QuerySet:
    """903 episodes of the children of councils in ``regions_for_figures``: for counting only,
    never to show a child."""
    regions = regions_for_figures(user).values("pk")
    return objects("placements.CareEpisode").filter(child__local_authority__region__in=regions)


def placements_for_figures(user: Any) -> QuerySet:
    """Placements of the councils in ``regions_for_figures`` (counts and costs only)."""
    regions = regions_for_figures(user).values("pk")
    return objects("placements.Placement").filter(local_authority__region__in=regions)


def settings_for_figures(user: Any) -> QuerySet:
    """Settings located in ``regions_for_figures`` (market statistics)."""
    regions = regions_for_figures(user).values("pk")
    return objects("providers.Setting").filter(local_authority__region__in=regions)


def forecast_runs_for(user: Any, permission: str = p.VIEW_MARKET) -> QuerySet:
    """RCC staff: their region's runs; national roles: every region's (pages ask for
    ``VIEW_MARKET``, the API for ``USE_MARKET_API``)."""
    runs = objects("sufficiency.ForecastRun").select_related("region", "requested_by")
    if not can(user, permission):
        return runs.none()
    return runs.filter(region__in=regions_for(user).values("pk"))


# get_<thing>_for_user: the same 404 for "missing" and "not yours" -------------------------
def get_run_for_user(user: Any, run_id: Any) -> Any:
    return get(forecast_runs_for(user), pk=run_id)


def get_api_run_for_user(user: Any, run_id: Any) -> Any:
    """A finished run in an API key's scope."""
    return get(forecast_runs_for(user, p.USE_MARKET_API).done(), pk=run_id)


def get_project_for_user(user: Any, project_id: Any) -> Any:
    return get(provision_projects_for(user), public_id=project_id)


def get_dataset_for_user(user: Any, dataset_id: Any) -> Any:
    return get(partner_datasets_for(user), pk=dataset_id)


def get_strategy_for_user(user: Any, strategy_id: Any) -> Any:
    return get(strategies_for(user), pk=strategy_id)


def get_version_for_user(user: Any, version_id: Any) -> Any:
    return get(strategy_versions_for(user).select_related("market_position"), pk=version_id)


def get_action_for_user(user: Any, action_id: Any) -> Any:
    return get(strategy_actions_for(user), pk=action_id)
