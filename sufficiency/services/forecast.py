"""Running forecasts: one service for nightly jobs, the command, the scenario form and tests.

A run is claimed with a conditional UPDATE (so two workers cannot both compute the same
run), reports progress as it goes (pages poll it), and on failure records why and re-raises.
"""

from __future__ import annotations

import time
from dataclasses import asdict, replace
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from rcc import audit, outbox
from rcc.models import Region, User
from sufficiency import cost_draws, costs
from sufficiency import forecasting as fc
from sufficiency.forecasting import calibration, rolling
from sufficiency.models.forecast import ALL, BASELINE, ForecastFigure, ForecastRun
from sufficiency.selectors.forecast import latest_run
from sufficiency.selectors.inputs import (
    agreed_costs_for_regions,
    episodes_for_regions,
    forecast_means,
    forecast_ranges,
)

FIT_YEARS = 3
WEEKS_AHEAD = 104
BACKTEST_WEEKS_BACK = 52
BACKTEST_HORIZONS = (26, 52)
STALE_AFTER = timedelta(hours=2)  # a "running" run older than this died with its worker


def scenario_from_params(params: dict[str, Any]) -> fc.Scenario | None:
    if not params:
        return None
    return fc.Scenario(
        entry_multipliers=dict(params.get("entry_multipliers", {})),
        exit_multipliers=dict(params.get("exit_multipliers", {})),
        moves_per_year=[tuple(m) for m in params.get("moves_per_year", [])],
        cost_inflation=float(params.get("cost_inflation", 0.0) or 0.0),
        entry_shares=[tuple(m) for m in params.get("entry_shares", [])],
    )


def queue_forecast(
    *,
    region: Region,
    as_of: date,
    name: str = BASELINE,
    scenario: fc.Scenario | None = None,
    actor: User | None = None,
) -> ForecastRun:
    """Create the run for (region, day, name), or reset that day's run to be computed again."""
    params = asdict(scenario) if scenario is not None else {}
    run, _ = ForecastRun.objects.update_or_create(
        region=region,
        as_of=as_of,
        scenario=name,
        defaults={
            "scenario_params": params,
            "status": ForecastRun.Status.QUEUED,
            "progress": 0,
            "error": "",
            "requested_by": actor,
            "finished_at": None,
            "updated_at": timezone.now(),
        },
    )
    audit.record(actor=actor, action="forecast.queued", obj=run, region=region)
    return run


def run_forecast(
    *,
    region: Region,
    as_of: date,
    scenario: fc.Scenario | None = None,
    name: str = BASELINE,
    actor: User | None = None,
) -> ForecastRun:
    """Compute and store the forecast of ``region`` from ``as_of`` (replacing that day's run)."""
    run = queue_forecast(region=region, as_of=as_of, name=name, scenario=scenario, actor=actor)
    return execute(run)


def execute_queued(run_id: int) -> ForecastRun:
    """Compute a run queued by the scenario form (the task hands its id)."""
    return execute(ForecastRun.objects.get(pk=run_id))


def execute(run: ForecastRun) -> ForecastRun:
    """Compute a queued run: fit on three years, project two, backtest a year back and every
    quarter over the last three years (``rolling``), store."""
    if not _claim(run):
        run.refresh_from_db()
        return run  # another worker is computing it now
    try:
        _compute(run)
    except Exception as error:
        _update(run, status=ForecastRun.Status.FAILED, error=f"{type(error).__name__}: {error}")
        raise
    run.refresh_from_db()
    return run


def _claim(run: ForecastRun) -> bool:
    now = timezone.now()
    claimed = (
        ForecastRun.objects.filter(pk=run.pk)
        .filter(~Q(status=ForecastRun.Status.RUNNING) | Q(started_at__lt=now - STALE_AFTER))
        .update(
            status=ForecastRun.Status.RUNNING,
            progress=5,
            error="",
            started_at=now,
            finished_at=None,
            updated_at=now,
        )
    )
    return claimed == 1


def _update(run: ForecastRun, **fields: Any) -> None:
    now = timezone.now()
    if fields.get("status") in (ForecastRun.Status.DONE, ForecastRun.Status.FAILED):
        fields["finished_at"] = now
    ForecastRun.objects.filter(pk=run.pk).update(updated_at=now, **fields)


def _compute(run: ForecastRun) -> None:
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(step: str, progress: int) -> None:
        nonlocal clock
        timings[step] = round(time.perf_counter() - clock, 3)
        _update(run, progress=progress)
        clock = time.perf_counter()

    columns = fc.to_columns(episodes_for_regions([run.region_id]))
    lap("load", 20)
    model = fc.fit(columns, start=_years_before(run.as_of, FIT_YEARS), end=run.as_of)
    lap("fit", 40)
    projection = fc.project(
        model,
        fc.stock_at_columns(columns, run.as_of),
        weeks=WEEKS_AHEAD,
        scenario=scenario_from_params(run.scenario_params),
    )
    lap("project", 60)
    checked = fc.backtest(
        columns,
        cutoff=run.as_of - timedelta(weeks=BACKTEST_WEEKS_BACK),
        horizons_weeks=BACKTEST_HORIZONS,
        observed_until=run.as_of,
    )
    outcomes = rolling.rolling_backtest(columns, end=run.as_of)
    projection = calibrated(projection, outcomes)
    lap("backtest", 80)
    _store_figures(run, projection)
    lap("store", 100)
    metrics = {
        "episodes": len(columns),
        "children_now": int(projection.stock.sum()),
        "fit_window": [model.start.isoformat(), model.end.isoformat()],
        "backtest": checked.as_dict(),
        "rolling": rolling.as_dict(outcomes),
        "headline": _headline(projection),
        "entries": _entry_path(model),
        "cost": _cost(run),
        "timings": timings,
    }
    _update(run, status=ForecastRun.Status.DONE, model_version=model.version, metrics=metrics)


def calibrated(projection: fc.Projection, outcomes: list) -> fc.Projection:
    """The projection with its intervals widened by the rolling backtests' misses."""
    whole = calibration.weekly(calibration.factors(outcomes, total=True), projection.weeks)
    part = calibration.weekly(calibration.factors(outcomes, total=False), projection.weeks)
    return replace(projection, calibration=(whole, part))


HEADLINE_WEEKS = (52, 104)


def _cost(run: ForecastRun) -> dict[str, Any]:
    """The priced categories' weekly cost with its intervals at 6, 12 and 24 months, from the
    stored figures and the region's agreed weekly costs (``cost_draws``; page and API)."""
    weeks = costs.HORIZON_WEEKS
    summaries = cost_draws.total_cost_by_week(
        forecast_means(run, weeks),
        forecast_ranges(run, weeks),
        agreed_costs_for_regions([run.region_id]),
        {},
        weeks,
        annual_inflation=float(run.scenario_params.get("cost_inflation", 0.0) or 0.0),
    )
    return {
        str(week): {**{k: round(v, 2) for k, v in asdict(s).items()}, "annual": round(s.annual, 2)}
        for week, s in summaries
    }


def _headline(projection: fc.Projection) -> dict[str, Any]:
    """All children in care now and in 12 and 24 months, with the intervals (page and API)."""
    total = projection.overall()
    weeks = {
        str(w): {
            "mean": round(float(total.mean[w]), 1),
            "lower80": round(float(total.lower80[w]), 1),
            "upper80": round(float(total.upper80[w]), 1),
            "lower95": round(float(total.lower95[w]), 1),
            "upper95": round(float(total.upper95[w]), 1),
        }
        for w in HEADLINE_WEEKS
        if w <= projection.weeks
    }
    return {"now": int(projection.stock.sum()), "weeks": weeks}


def _entry_path(model: fc.Model) -> dict[str, Any]:
    path = model.entry_path
    return {
        "method": path.method,
        "level": round(path.level, 4),
        "growth_per_year": round(path.slope * 52, 4),
        "season": [round(s, 4) for s in path.season],
        "holdout_errors": {k: round(v, 4) for k, v in path.scores.items()},
    }


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def _groups() -> list[tuple[str, str, list[fc.State]]]:
    """Every (band, category) stored: each state, each band's and category's total, all."""
    groups = [(band, cat, [(band, cat)]) for band, cat in fc.STATES]
    groups += [(band, ALL, [s for s in fc.STATES if s[0] == band]) for band in fc.AGE_BANDS]
    groups += [(ALL, cat, [s for s in fc.STATES if s[1] == cat]) for cat in fc.CATEGORIES]
    return [*groups, (ALL, ALL, list(fc.STATES))]


@transaction.atomic
def _store_figures(run: ForecastRun, projection: fc.Projection) -> None:
    ForecastRun.objects.select_for_update().filter(pk=run.pk).first()
    run.figures.all().delete()
    figures = []
    for band, category, states in _groups():
        total = projection.total(states)
        columns = (total.mean, total.lower80, total.upper80, total.lower95, total.upper95)
        for week in range(projection.weeks + 1):
            mean, lower80, upper80, lower95, upper95 = (float(c[week]) for c in columns)
            figures.append(
                ForecastFigure(
                    run=run,
                    week=week,
                    date=run.as_of + timedelta(weeks=week),
                    age_band=band,
                    category=category,
                    mean=mean,
                    lower80=lower80,
                    upper80=upper80,
                    lower95=lower95,
                    upper95=upper95,
                )
            )
    ForecastFigure.objects.bulk_create(figures, batch_size=2000)


def request_scenario(
    *, region: Region, name: str, scenario: fc.Scenario, actor: User, compute: Any
) -> ForecastRun:
    """Queue a scenario from the same day as the region's latest baseline (so the two compare
    like for like), computed once the transaction commits by the Celery task ``compute``
    (``tasks.run_queued_forecast``, handed in by the caller: services do not import tasks): by
    a worker, or in this process when there is no broker (a failure is then recorded on the
    run, not raised to the page)."""
    latest = latest_run(region)
    as_of = latest.as_of if latest else timezone.localdate()
    run = queue_forecast(region=region, as_of=as_of, name=name, scenario=scenario, actor=actor)
    outbox.enqueue(compute, run.pk)  # sent after commit; kept if the broker is down
    return run
