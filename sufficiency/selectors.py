"""Read queries of forecasts, each starting from the user's regions (``access.regions_for``)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from rcc import access
from sufficiency.forecast_models import ALL, ForecastFigure, ForecastRun

QUARTER_WEEKS = tuple(range(0, 105, 13))  # the points the page charts and tabulates


def forecast_runs_for(user: Any) -> QuerySet[ForecastRun]:
    """RCC staff: their region's runs; national roles: every region's."""
    runs = ForecastRun.objects.select_related("region", "requested_by")
    if not access.can(user, access.VIEW_MARKET):
        return runs.none()
    return runs.filter(region__in=access.regions_for(user).values("pk"))


def get_run_for_user(user: Any, run_id: Any) -> ForecastRun:
    """A run in scope, or 404 (the same for "missing" and "another region's")."""
    try:
        return forecast_runs_for(user).get(pk=run_id)
    except (ForecastRun.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def run_history(user: Any) -> QuerySet[ForecastRun]:
    return forecast_runs_for(user).newest_first()


def latest_baseline(user: Any) -> ForecastRun | None:
    return forecast_runs_for(user).baseline().done().newest_first().first()


def baseline_for(run: ForecastRun) -> ForecastRun | None:
    """The baseline to compare a scenario with: the same day's, else the newest before it."""
    return (
        ForecastRun.objects.filter(region_id=run.region_id, as_of__lte=run.as_of)
        .baseline()
        .done()
        .newest_first()
        .first()
    )


def figures(
    run: ForecastRun, *, by: str, weeks: tuple[int, ...] | None = None
) -> QuerySet[ForecastFigure]:
    """Totals by category (``by="category"``) or by age band (``by="age_band"``), and the
    overall total, week by week (or only at ``weeks``)."""
    rows = run.figures.all()
    rows = rows.filter(age_band=ALL) if by == "category" else rows.filter(category=ALL)
    if weeks is not None:
        rows = rows.filter(week__in=weeks)
    return rows.order_by("week", by)


def series(run: ForecastRun, *, by: str) -> dict[str, list[ForecastFigure]]:
    """Quarterly figures grouped by category (or age band), in week order."""
    grouped: dict[str, list[ForecastFigure]] = defaultdict(list)
    for figure in figures(run, by=by, weeks=QUARTER_WEEKS):
        grouped[getattr(figure, by)].append(figure)
    return dict(grouped)
