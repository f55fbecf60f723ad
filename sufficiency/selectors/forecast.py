"""Read queries of forecasts, each starting from the user's regions (``access.regions_for``).

The run page's tables beside the forecast (costs, gaps, councils) read the region's inputs once
(``inputs.load``) and compute them with the pure ``costs`` and ``gaps``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from providers.prices import PriceObservation
from providers.selectors.market import price_observations
from rcc import access
from rcc.models import Region
from sufficiency import cost_draws, costs, gaps
from sufficiency import forecasting as fc
from sufficiency.models.forecast import ALL, BASELINE, ForecastFigure, ForecastRun
from sufficiency.selectors import inputs

QUARTER_WEEKS = tuple(range(0, 105, 13))  # the points the page charts and tabulates
COMPARED_WEEKS = (26, 52, 104)
STATE_WEEKS = (
    52,
    104,
)  # age band by category: 12 and 24 months  # a scenario beside its baseline: 6, 12 and 24 months


def run_history(user: Any) -> QuerySet[ForecastRun]:
    return access.forecast_runs_for(user).newest_first()


def latest_baseline(user: Any) -> ForecastRun | None:
    return access.forecast_runs_for(user).baseline().done().newest_first().first()


def latest_run(region: Region) -> ForecastRun | None:
    """The region's newest finished baseline (of a region the caller may see)."""
    return ForecastRun.objects.filter(region=region).baseline().done().newest_first().first()


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
    overall total; or (``by="state"``) each age band by each category; week by week (or only
    at ``weeks``)."""
    rows = run.figures.all()
    if by == "state":
        rows = rows.exclude(age_band=ALL).exclude(category=ALL)
    else:
        rows = rows.filter(age_band=ALL) if by == "category" else rows.filter(category=ALL)
    if weeks is not None:
        rows = rows.filter(week__in=weeks)
    return (
        rows.order_by("week", "age_band", "category")
        if by == "state"
        else rows.order_by("week", by)
    )


def _grouped(rows: Iterable[ForecastFigure], by: str) -> dict[str, list[ForecastFigure]]:
    grouped: dict[str, list[ForecastFigure]] = defaultdict(list)
    for figure in rows:
        grouped[getattr(figure, by)].append(figure)
    return dict(grouped)


def region_price_observations(user: Any, run: ForecastRun) -> list[PriceObservation]:
    """A forecast is priced at its own region's prices (the price page's figures)."""
    return price_observations(user, region_id=run.region_id)


# The run page --------------------------------------------------------------------------------
@dataclass(frozen=True)
class RunFigures:
    """A run's figures set against its region's data: costs at the region's prices, demand at
    12 months against places (region and councils), and each council's share of demand."""

    cost_rows: list[costs.CostRow] = field(default_factory=list)
    gap_rows: list[gaps.GapRow] = field(default_factory=list)
    council_rows: list[gaps.CouncilDemandRow] = field(default_factory=list)
    council_gap_rows: list[gaps.CouncilGapRow] = field(default_factory=list)
    # (week, the priced categories' weekly cost with its 80% and 95% intervals): count doubt
    # and the spread of the region's agreed prices together (``cost_draws``)
    cost_summaries: list[tuple[int, cost_draws.CostSummary]] = field(default_factory=list)


def run_figures(user: Any, run: ForecastRun) -> RunFigures:
    """The run's region's inputs read once, then the pure computations on them. Aggregates
    of a region whose run the caller was already allowed to see (``get_run_for_user``)."""
    data = inputs.load(run.region, run)
    observations = region_price_observations(user, run)
    prices = costs.median_prices(observations)
    demand = gaps.council_demand_at(list(data.councils), data.means, data.children)
    return RunFigures(
        cost_rows=costs.projected_costs(data.means, prices, ranges=data.ranges),
        gap_rows=gaps.gaps(gaps.demand_at(data.means, gaps.GAP_WEEK), data.supply.region_places()),
        council_rows=gaps.council_demand(data.councils, data.means, data.children),
        council_gap_rows=gaps.council_gaps(demand, data.supply.places),
        cost_summaries=cost_draws.total_cost_by_week(
            data.means,
            data.ranges,
            agreed_by_category(observations),
            {},
            costs.HORIZON_WEEKS,
            annual_inflation=float(run.scenario_params.get("cost_inflation", 0.0) or 0.0),
        ),
    )


def agreed_by_category(observations: list[PriceObservation]) -> dict[str, list[Decimal]]:
    """The region's current agreed weekly costs, grouped by the forecast category they price."""
    category_of = {kind: c for c, kind in costs.PLACEMENT_TYPE_OF_CATEGORY.items()}
    result: dict[str, list[Decimal]] = {}
    for observation in observations:
        category = category_of.get(observation.placement_type)
        if category is not None:
            result.setdefault(category, []).append(observation.weekly_price)
    return result


@dataclass(frozen=True)
class RunPage:
    """What a run's page shows: quarterly figures by category and by age band (grouped for
    the charts) and, once the run is done, its ``RunFigures``."""

    category_rows: list[ForecastFigure]
    band_rows: list[ForecastFigure]
    categories: dict[str, list[ForecastFigure]]
    bands: dict[str, list[ForecastFigure]]
    figures: RunFigures
    state_rows: list[ForecastFigure] = field(default_factory=list)  # band x category, 12 and 24 m


def run_page(user: Any, run: ForecastRun) -> RunPage:
    category_rows = list(figures(run, by="category", weeks=QUARTER_WEEKS))
    band_rows = list(figures(run, by="age_band", weeks=QUARTER_WEEKS))
    done = run.status == ForecastRun.Status.DONE
    return RunPage(
        category_rows=category_rows,
        band_rows=band_rows,
        categories=_grouped(category_rows, "category"),
        bands=_grouped(band_rows, "age_band"),
        figures=run_figures(user, run) if done else RunFigures(),
        state_rows=list(figures(run, by="state", weeks=STATE_WEEKS)),
    )


def run_rows(user: Any, run: ForecastRun, part: str) -> Iterable[Any]:
    """Every row of one part of a run (a ``?format=`` download of its page): ``category`` or
    ``age_band`` figures week by week, ``backtest`` or ``rolling`` rows, or a ``RunFigures``
    field."""
    if part in ("category", "age_band", "state"):
        return figures(run, by=part)
    if part == "backtest":
        return run.metrics.get("backtest", {}).get("rows", [])
    if part == "rolling":
        return run.metrics.get("rolling", {}).get("rows", [])
    return getattr(run_figures(user, run), part)


def comparison(run: ForecastRun) -> tuple[ForecastRun | None, list[dict[str, Any]]]:
    """A scenario's baseline and both runs' means by category at 6, 12 and 24 months."""
    baseline = baseline_for(run)
    if baseline is None:
        return None, []
    base, other = _compared_means(baseline), _compared_means(run)
    rows = [
        {"category": c, "week": w, "baseline": base[(c, w)], "scenario": other[(c, w)]}
        for c in (*fc.CATEGORIES, ALL)
        for w in COMPARED_WEEKS
        if (c, w) in base and (c, w) in other
    ]
    return baseline, rows


def _compared_means(run: ForecastRun) -> dict[tuple[str, int], float]:
    rows = run.figures.filter(age_band=ALL, week__in=COMPARED_WEEKS).values_list(
        "category", "week", "mean"
    )
    return {(category, week): mean for category, week, mean in rows}


# The API -------------------------------------------------------------------------------------
def api_runs(user: Any) -> QuerySet[ForecastRun]:
    """Finished runs of the regions of an API key's scope."""
    return access.forecast_runs_for(user, access.USE_MARKET_API).done().newest_first()


def api_latest_baselines(user: Any) -> QuerySet[ForecastRun]:
    """The newest finished baseline run of each region in scope."""
    newest = (
        ForecastRun.objects.filter(region_id=OuterRef("region_id"))
        .baseline()
        .done()
        .newest_first()
        .values("pk")[:1]
    )
    return api_runs(user).filter(pk=Subquery(newest)).order_by("region__name")


def api_figures(user: Any) -> QuerySet[ForecastFigure]:
    """Stored figures of the finished runs in scope."""
    return ForecastFigure.objects.filter(run__in=api_runs(user).values("pk")).order_by(
        "run_id", "week", "age_band", "category"
    )


NIGHTLY_LATE_AFTER = timedelta(hours=26)


def nightly_state() -> str:
    """For the health check: 'late' when the newest finished baseline forecast is over 26
    hours old (beat or the workers have stopped); 'none' before the first night."""
    newest = (
        ForecastRun.objects.filter(scenario=BASELINE, finished_at__isnull=False)
        .order_by("-finished_at")
        .values_list("finished_at", flat=True)
        .first()
    )
    if newest is None:
        return "none"
    return "late" if timezone.now() - newest > NIGHTLY_LATE_AFTER else "ok"
