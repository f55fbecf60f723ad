"""Published strategy versions, for everyone: public by design (a published strategy is meant
to be read by providers and the public), so these start from no user's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from rcc.models import Region
from sufficiency.models.strategy import StrategyVersion


def published() -> QuerySet[StrategyVersion]:
    """Published versions of every region."""
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


def published_version(region_slug: str, strategy_id: Any, number: Any) -> StrategyVersion:
    """A published version of the region of ``region_slug``, or 404."""
    region = published_region(region_slug)
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
