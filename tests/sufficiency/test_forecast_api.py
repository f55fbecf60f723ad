"""The forecast API: the newest baseline per region in scope, and a run's figures."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client

from rcc.roles import Role
from rcc.services import issue_api_key
from sufficiency.models.forecast import ALL, ForecastFigure, ForecastRun

BACKTEST = {
    "cutoff": "2025-04-01",
    "horizons": {"26": {"mape": 4.5, "coverage80": 0.75}, "52": {"mape": 8.0, "coverage80": None}},
    "rows": [],
}


def _client(person) -> Client:
    _, secret = issue_api_key(actor=None, membership=person.memberships.get(), name="test")
    return Client(HTTP_AUTHORIZATION=f"Api-Key {secret}")


def _run(tenant, as_of=date(2026, 4, 1), scenario="baseline", **kwargs) -> ForecastRun:
    fields = {"status": ForecastRun.Status.DONE, "model_version": "m1", "metrics": {}}
    run = ForecastRun.objects.create(
        region=tenant.region, as_of=as_of, scenario=scenario, **{**fields, **kwargs}
    )
    ForecastFigure.objects.bulk_create(
        ForecastFigure(
            run=run,
            week=week,
            date=as_of + timedelta(weeks=week),
            age_band=band,
            category=category,
            mean=10.0,
            lower80=8.0,
            upper80=12.0,
            lower95=7.0,
            upper95=13.0,
        )
        for week in (0, 52)
        for band in (ALL, "0-4")
        for category in (ALL, "residential")
    )
    return run


def test_a_commissioner_sees_the_newest_baseline_of_their_region(home, away):
    _run(home, as_of=date(2026, 3, 1))
    newest = _run(home, metrics={"backtest": BACKTEST})
    _run(home, as_of=date(2026, 5, 1), scenario="fewer entries")
    _run(home, as_of=date(2026, 6, 1), status=ForecastRun.Status.FAILED)
    _run(away)
    body = _client(home.people[Role.COMMISSIONER]).get("/api/v1/forecasts/").json()
    assert body["results"] == [
        {
            "id": newest.pk,
            "region": home.region.slug,
            "region_name": home.region.name,
            "as_of": "2026-04-01",
            "scenario": "baseline",
            "model_version": "m1",
            "headline": None,
            "accuracy": [],
            "backtest": {
                "cutoff": "2025-04-01",
                "horizons": [
                    {"horizon_weeks": 26, "mape": 4.5, "coverage80": 0.75},
                    {"horizon_weeks": 52, "mape": 8.0, "coverage80": None},
                ],
            },
            "cost": {},
        }
    ]


def test_a_run_gives_the_pages_answer_and_accuracy(home):
    interval = {"mean": 1010.0, "lower80": 980.0, "upper80": 1040.0, "lower95": 965.0}
    headline = {"now": 1000, "weeks": {"52": {**interval, "upper95": 1055.0}}}
    year = {
        "forecasts": 12,
        "error": 2.5,
        "carried_error": 4.0,
        "previous_error": 3.5,
        "coverage80": 0.75,
        "coverage95": 0.92,
        "within": 3,
        "times": 9,
        "carried_times": 5,
    }
    rolling = {"summary": {"52": {"all": year, "residential": year}}, "rows": []}
    cost = {"52": {**interval, "upper95": 1055.0, "annual": 52520.0}}
    run = _run(home, metrics={"headline": headline, "rolling": rolling, "cost": cost})
    body = _client(home.people[Role.COMMISSIONER]).get(f"/api/v1/forecasts/{run.pk}/").json()
    assert body["headline"] == headline
    assert body["cost"] == cost
    assert body["accuracy"] == [
        {
            "horizon_weeks": 52,
            "group": "all",
            "forecasts": 12,
            "error": 2.5,
            "carried_error": 4.0,
            "previous_error": 3.5,
            "coverage80": 0.75,
            "coverage95": 0.92,
        }
    ]


def test_dfe_sees_every_regions_forecast(home, away, national):
    ours, theirs = _run(home), _run(away)
    client = _client(national[Role.DFE_ANALYST])
    listed = client.get("/api/v1/forecasts/").json()["results"]
    assert {r["id"] for r in listed} == {ours.pk, theirs.pk}
    assert client.get(f"/api/v1/forecasts/{theirs.pk}/").status_code == 200
    assert client.get(f"/api/v1/forecast-figures/?run={theirs.pk}").json()["count"] == 8


def test_another_regions_forecast_is_not_found(home, away):
    theirs = _run(away)
    client = _client(home.people[Role.COMMISSIONER])
    assert client.get(f"/api/v1/forecasts/{theirs.pk}/").status_code == 404
    assert client.get(f"/api/v1/forecast-figures/?run={theirs.pk}").status_code == 404
    assert client.get("/api/v1/forecast-figures/?run=999999").status_code == 404


def test_figures_filter_by_category_age_band_and_week(home):
    run = _run(home)
    client = _client(home.people[Role.ANALYST])
    url = f"/api/v1/forecast-figures/?run={run.pk}&category=residential&age_band=all&week=52"
    [figure] = client.get(url).json()["results"]
    assert figure == {
        "run": run.pk,
        "week": 52,
        "date": "2027-03-31",
        "age_band": "all",
        "category": "residential",
        "mean": 10.0,
        "lower80": 8.0,
        "upper80": 12.0,
        "lower95": 7.0,
        "upper95": 13.0,
    }


def test_figures_need_a_run(home):
    _run(home)
    assert _client(home.people[Role.ANALYST]).get("/api/v1/forecast-figures/").status_code == 400


def test_a_scenario_run_is_reachable_by_id(home):
    scenario = _run(home, scenario="fewer entries")
    body = _client(home.people[Role.ANALYST]).get(f"/api/v1/forecasts/{scenario.pk}/").json()
    assert body["scenario"] == "fewer entries" and body["backtest"] is None


@pytest.mark.parametrize("path", ["/api/v1/forecasts/", "/api/v1/forecast-figures/?run=1"])
def test_the_forecast_api_needs_a_key(home, signed_in, path):
    assert Client().get(path).status_code == 401
    assert signed_in(home.people[Role.ANALYST]).get(path).status_code == 401


def test_the_schema_lists_the_forecast_endpoints(home):
    paths = _client(home.people[Role.COMMISSIONER]).get("/api/schema/?format=json").json()["paths"]
    assert {
        "/api/v1/forecasts/",
        "/api/v1/forecasts/{run_id}/",
        "/api/v1/forecast-figures/",
    } <= set(paths)
