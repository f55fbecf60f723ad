"""Read queries of forecasts, each starting from the user's regions (``access.regions_for``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery, Sum
from django.http import Http404

from fostering.models import ApprovedCarer
from placements.models import CareEpisode
from providers.models import Setting
from providers.prices import PriceObservation
from providers.selectors import price_observations
from rcc import access
from rcc.models import LocalAuthority
from sufficiency import costs, gaps
from sufficiency.forecasting.states import CATEGORIES, category_for_place
from sufficiency.models.forecast import ALL, ForecastFigure, ForecastRun

QUARTER_WEEKS = tuple(range(0, 105, 13))  # the points the page charts and tabulates


def forecast_runs_for(user: Any, permission: str = access.VIEW_MARKET) -> QuerySet[ForecastRun]:
    """RCC staff: their region's runs; national roles: every region's (pages ask for
    ``VIEW_MARKET``, the API for ``USE_MARKET_API``)."""
    runs = ForecastRun.objects.select_related("region", "requested_by")
    if not access.can(user, permission):
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


def means_at(run: ForecastRun, weeks: tuple[int, ...]) -> dict[tuple[str, int], float]:
    """(category, week) -> projected mean children, for every category at ``weeks``."""
    return {(f.category, f.week): f.mean for f in figures(run, by="category", weeks=weeks)}


def region_price_observations(user: Any, run: ForecastRun) -> list[PriceObservation]:
    """A forecast is priced at its own region's prices (the price page's figures)."""
    return price_observations(user, region_id=run.region_id)


def region_places(run: ForecastRun) -> dict[str, int]:
    """Places of the run's region: registered places of active settings by type, and the
    places (``max_children``) of its councils' active approved foster carers.

    Aggregates of a region whose run the caller was already allowed to see
    (``get_run_for_user``): counts only, no setting or carer reaches the caller.
    """
    settings = (
        Setting.objects.in_region(run.region_id)
        .active()
        .values("setting_type")
        .annotate(places=Sum("registered_places"))
        .order_by()
    )
    places = {row["setting_type"]: row["places"] or 0 for row in settings}
    carers = ApprovedCarer.objects.filter(
        local_authority__region_id=run.region_id, is_active=True
    ).aggregate(places=Sum("max_children"))
    places[gaps.FOSTER_CARERS] = carers["places"] or 0
    return places


def run_costs(user: Any, run: ForecastRun) -> list[costs.CostRow]:
    """Projected weekly cost by category at 6, 12 and 24 months, at the region's prices."""
    prices = costs.median_prices(region_price_observations(user, run))
    return costs.projected_costs(means_at(run, costs.HORIZON_WEEKS), prices)


def run_gaps(run: ForecastRun) -> list[gaps.GapRow]:
    """Demand at 12 months against the region's current places, by category."""
    demand = {category: mean for (category, _), mean in means_at(run, (gaps.GAP_WEEK,)).items()}
    return gaps.gaps(demand, region_places(run))


# By council ----------------------------------------------------------------------------------
COUNCIL_WEEKS = (52, 104)  # the council table's 12 and 24 months


@dataclass(frozen=True)
class CouncilDemandRow:
    council: str
    gss_code: str
    category: str
    after_12_months: float
    after_24_months: float


def _councils(run: ForecastRun) -> dict[str, str]:
    """Name -> GSS code of the run's region's councils, by name."""
    return dict(
        LocalAuthority.objects.filter(region_id=run.region_id)
        .order_by("name")
        .values_list("name", "gss_code")
    )


def council_children(run: ForecastRun) -> dict[tuple[str, str], int]:
    """(council name, category) -> children in care on the run's as-of date, from one query of
    open episodes grouped by council and 903 PLACE code. Counts only, of a region whose run the
    caller was already allowed to see (``get_run_for_user``)."""
    rows = (
        CareEpisode.objects.filter(
            child__local_authority__region_id=run.region_id, start_date__lte=run.as_of
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gt=run.as_of))
        .values("child__local_authority__name", "placement_type")
        .annotate(children=Count("child", distinct=True))
        .order_by()
    )
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        key = (row["child__local_authority__name"], category_for_place(row["placement_type"]))
        counts[key] += row["children"]
    return dict(counts)


def _allocated(
    run: ForecastRun, councils: dict[str, str], weeks: tuple[int, ...]
) -> dict[tuple[str, str, int], float]:
    means = {key: mean for key, mean in means_at(run, weeks).items() if key[0] != ALL}
    return gaps.allocate(means, council_children(run), list(councils))


def _category_order(categories: set[str]) -> list[str]:
    known = [category for category in CATEGORIES if category in categories]
    return known + sorted(categories - set(known))


def council_demand(run: ForecastRun) -> list[CouncilDemandRow]:
    """Expected children per council and category at 12 and 24 months: the region's forecast
    allocated by each council's current share (not a separate model per council)."""
    councils = _councils(run)
    allocated = _allocated(run, councils, COUNCIL_WEEKS)
    categories = _category_order({category for _, category, _ in allocated})
    return [
        CouncilDemandRow(
            council,
            gss_code,
            category,
            allocated.get((council, category, 52), 0.0),
            allocated.get((council, category, 104), 0.0),
        )
        for council, gss_code in councils.items()
        for category in categories
    ]


def council_places(run: ForecastRun) -> dict[str, dict[str, int]]:
    """Council name -> places in it, keyed as ``region_places`` (setting types and
    ``gaps.FOSTER_CARERS``): one query of settings, one of carers, by the council they are in."""
    places: dict[str, dict[str, int]] = defaultdict(dict)
    settings = (
        Setting.objects.in_region(run.region_id)
        .active()
        .values("local_authority__name", "setting_type")
        .annotate(places=Sum("registered_places"))
        .order_by()
    )
    for row in settings:
        council = places[row["local_authority__name"]]
        council[row["setting_type"]] = council.get(row["setting_type"], 0) + (row["places"] or 0)
    carers = (
        ApprovedCarer.objects.filter(local_authority__region_id=run.region_id, is_active=True)
        .values("local_authority__name")
        .annotate(places=Sum("max_children"))
        .order_by()
    )
    for row in carers:
        council = places[row["local_authority__name"]]
        council[gaps.FOSTER_CARERS] = council.get(gaps.FOSTER_CARERS, 0) + (row["places"] or 0)
    return dict(places)


def council_gaps(run: ForecastRun) -> list[gaps.CouncilGapRow]:
    """Each council's share of demand at 12 months against the places in that council."""
    councils = _councils(run)
    allocated = _allocated(run, councils, (gaps.GAP_WEEK,))
    demand: dict[str, dict[str, float]] = {council: {} for council in councils}
    for (council, category, _), mean in allocated.items():
        demand[council][category] = mean
    return gaps.council_gaps(demand, council_places(run))


# The API -------------------------------------------------------------------------------------
def api_runs(user: Any) -> QuerySet[ForecastRun]:
    """Finished runs of the regions of an API key's scope."""
    return forecast_runs_for(user, access.USE_MARKET_API).done().newest_first()


def get_api_run_for_user(user: Any, run_id: Any) -> ForecastRun:
    """A finished run in an API key's scope, or 404 (the same for "missing" and "not yours")."""
    try:
        return api_runs(user).get(pk=run_id)
    except (ForecastRun.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


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


def run_costs_for(run: ForecastRun, user: Any) -> list:
    """``run_costs`` with the run first, as the downloads table calls it."""
    return run_costs(user, run)
