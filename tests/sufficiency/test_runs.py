"""Forecast runs: the service, the nightly task, the command and the pages."""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone

from placements.models import CareEpisode, Child
from rcc.celery import app
from rcc.roles import Role
from sufficiency import tasks
from sufficiency.models.forecast import ForecastFigure, ForecastRun
from sufficiency.services import forecast as services

AS_OF = date(2026, 4, 1)
FIGURES_PER_RUN = (28 + 4 + 7 + 1) * 105  # states, band totals, category totals, all; weeks 0-104
PLACES = ("U4", "U4", "U1", "K2", "K3", "P1", "A5")


def _history(council, children: int = 60, seed: int = 3) -> None:
    """Children entering care over four years before AS_OF, some moving placement once."""
    rng = random.Random(seed)
    kids = Child.objects.bulk_create(
        Child(
            local_authority=council,
            case_id=f"F{seed}-{i}",
            name=f"Forecast Child {i}",
            date_of_birth=AS_OF - timedelta(days=rng.randrange(2 * 365, 17 * 365)),
            sex="female",
            ethnicity="WBRI",
            legal_status="C2",
            home_postcode="BL1 1AA",
        )
        for i in range(children)
    )
    episodes = []
    for child in kids:
        start = AS_OF - timedelta(days=rng.randrange(30, 4 * 365))
        middle = start + timedelta(days=rng.randrange(20, 400))
        end = middle + timedelta(days=rng.randrange(20, 600))
        episodes.append(_episode(child, start, middle, rng.choice(PLACES)))
        episodes.append(_episode(child, middle, end if end < AS_OF else None, rng.choice(PLACES)))
    CareEpisode.objects.bulk_create(e for e in episodes if e.start_date < AS_OF)


def _episode(child, start, end, place) -> CareEpisode:
    return CareEpisode(
        child=child,
        start_date=start,
        end_date=end,
        legal_status="C2",
        placement_type=place,
        placement_provider="PR4",
    )


def _run(tenant, **kwargs) -> ForecastRun:
    return services.run_forecast(region=tenant.region, as_of=AS_OF, **kwargs)


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


# The service -----------------------------------------------------------------------------------
def test_a_run_stores_figures_intervals_backtest_and_timings(home):
    _history(home.council)
    run = _run(home)
    assert run.status == ForecastRun.Status.DONE
    assert run.progress == 100
    assert run.model_version
    assert run.figures.count() == FIGURES_PER_RUN
    assert set(run.metrics["timings"]) == {"load", "fit", "project", "backtest", "store"}
    assert run.metrics["backtest"]["horizons"]
    total = run.figures.get(week=52, age_band="all", category="all")
    assert 0 <= total.lower95 <= total.lower80 <= total.mean <= total.upper80 <= total.upper95


def test_a_run_stores_its_rolling_backtests_against_both_baselines(home):
    _history(home.council, children=200)
    run = _run(home)
    rolling = run.metrics["rolling"]
    assert set(rolling["summary"]) == {"13", "26", "52"}
    year = rolling["summary"]["52"]["all"]
    assert year["forecasts"] >= 1
    assert {"error", "carried_error", "previous_error", "coverage80", "coverage95"} <= set(year)
    first = rolling["rows"][0]
    assert {"cutoff", "horizon_weeks", "group", "actual", "carried", "previous"} <= set(first)
    assert run.metrics["entries"]["method"] in ("flat", "damped trend", "damped trend with seasons")
    stretch = run.metrics["rolling"]["factors"]["all"]["52"]
    assert stretch >= 1.0
    total = run.figures.get(week=52, age_band="all", category="all")
    process = run.metrics["headline"]["weeks"]["52"]
    assert total.upper80 == pytest.approx(process["upper80"], abs=0.1)


def test_running_twice_on_one_day_leaves_one_run_and_one_set_of_figures(home):
    _history(home.council)
    first = _run(home)
    second = _run(home)
    assert second.pk == first.pk
    assert ForecastRun.objects.count() == 1
    assert ForecastFigure.objects.count() == FIGURES_PER_RUN


def test_a_scenario_is_a_separate_run_beside_the_baseline(home):
    _history(home.council)
    _run(home)
    fewer = services.scenario_from_params({"entry_multipliers": {"fostering_other": 0.5}})
    _run(home, scenario=fewer, name="fewer-entries")
    assert ForecastRun.objects.count() == 2
    base, scenario = (
        ForecastRun.objects.get(scenario=name).figures.get(week=104, age_band="all", category="all")
        for name in ("baseline", "fewer-entries")
    )
    assert scenario.mean < base.mean


def test_a_failing_run_is_recorded_with_its_error(home):
    _history(home.council)
    with (
        mock.patch(
            "sufficiency.services.forecast.fc.fit", side_effect=ValueError("no episodes to fit")
        ),
        pytest.raises(ValueError),
    ):
        _run(home)
    run = ForecastRun.objects.get()
    assert run.status == ForecastRun.Status.FAILED
    assert "no episodes to fit" in run.error
    assert run.finished_at is not None


# The tasks ------------------------------------------------------------------------------------
def test_the_task_retries_on_a_transient_database_error(home):
    _history(home.council)
    real = services.run_forecast
    calls = []

    def flaky(**kwargs):
        calls.append(kwargs)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(**kwargs)

    with mock.patch("sufficiency.tasks.forecast.run_forecast", side_effect=flaky):
        # throw=False: let apply() take the Retry and run the retry, as a worker would.
        result = tasks.run_region_forecast.apply(
            args=[home.region.pk, AS_OF.isoformat()], throw=False
        )
    assert len(calls) == 2
    assert result.get() == ForecastRun.objects.get().pk
    assert ForecastRun.objects.get().status == ForecastRun.Status.DONE


def test_the_task_does_not_retry_other_errors(home):
    with (
        mock.patch("sufficiency.tasks.forecast.run_forecast", side_effect=KeyError("bug")) as run,
        pytest.raises(KeyError),
    ):
        tasks.run_region_forecast.apply(args=[home.region.pk], throw=True)
    assert run.call_count == 1


def test_the_nightly_dispatcher_runs_every_regions_forecast(home, away):
    _history(home.council)
    assert tasks.run_all_region_forecasts.apply().get() == 2
    nightly = ForecastRun.objects.baseline().filter(as_of=timezone.localdate())
    assert nightly.filter(status=ForecastRun.Status.DONE).count() == 2


def test_the_dispatcher_is_scheduled_every_night():
    entries = [e for e in app.conf.beat_schedule.values() if "forecast" in e["task"]]
    assert [e["task"] for e in entries] == ["sufficiency.tasks.run_all_region_forecasts"]


def test_the_command_runs_one_region_on_demand(home, away):
    _history(home.council)
    out = io.StringIO()
    call_command("run_forecasts", region=home.region.pk, as_of=AS_OF, stdout=out)
    assert "Greater Manchester" in out.getvalue()
    assert "a 12-month forecast of all children in care was within" in out.getvalue()
    runs = ForecastRun.objects.filter(as_of=AS_OF)  # the away fixture holds a run of its own
    assert list(runs.values_list("region", flat=True)) == [home.region.pk]


# The pages ------------------------------------------------------------------------------------
LATEST = "/forecasts/"


def test_the_regions_analyst_sees_the_latest_forecast_with_its_backtest(home, signed_in):
    _history(home.council)
    _run(home)
    response = signed_in(home.people[Role.ANALYST]).get(LATEST)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Demand forecast: Greater Manchester" in page
    assert "<svg" in page
    assert "Backtest: forecast against actual" in page
    assert "Placed with parents" in page


def test_the_forecast_page_leads_with_the_answer_and_how_far_to_trust_it(home, signed_in):
    _history(home.council, children=200)
    run = _run(home)
    client = signed_in(home.people[Role.COMMISSIONER])
    html = client.get(f"/forecasts/runs/{run.pk}/").content.decode()
    answer = html[html.index('id="forecast-answer"') : html.index('id="details"')]
    year = run.metrics["headline"]["weeks"]["52"]
    assert f"In 12 months we expect about {year['mean']:,.0f}: 8 times out of 10" in answer
    assert "In 24 months we expect about" in answer
    assert "a 12-month forecast of all children in care was within" in answer
    assert answer.count("<svg") == 1  # one chart, then its table
    assert html.index('id="forecast-answer"') < html.index('class="govuk-details"')
    rows = _csv(client.get(f"/forecasts/runs/{run.pk}/?format=rolling-csv"))
    assert rows[0][:5] == ["cutoff", "horizon_weeks", "category", "forecast", "actual"]
    assert len(rows) == 1 + len(run.metrics["rolling"]["rows"])


def test_the_page_gives_age_band_by_category_together_adding_up_to_the_totals(home, signed_in):
    _history(home.council, children=200)
    run = _run(home)
    client = signed_in(home.people[Role.COMMISSIONER])
    html = client.get(f"/forecasts/runs/{run.pk}/").content.decode()
    assert "By age band and placement category together" in html
    rows = _csv(client.get(f"/forecasts/runs/{run.pk}/?format=states-csv"))
    assert rows[0][:4] == ["date", "week", "age_band", "category"]
    year = [r for r in rows[1:] if r[1] == "52"]
    assert len(year) == 28  # 4 age bands x 7 categories
    in_residential = sum(float(r[4]) for r in year if r[3] == "residential")
    total = run.figures.get(week=52, age_band="all", category="residential").mean
    assert in_residential == pytest.approx(total, abs=0.5)


def test_a_commissioner_sees_run_history(home, signed_in):
    _history(home.council)
    run = _run(home)
    response = signed_in(home.people[Role.COMMISSIONER]).get("/forecasts/runs/")
    assert response.status_code == 200
    assert f"/forecasts/runs/{run.pk}/" in response.content.decode()


def test_it_hides_the_forecasts_of_another_region(home, away, signed_in):
    _history(away.council, seed=5)
    theirs = _run(away)
    client = signed_in(home.people[Role.ANALYST])
    assert client.get(f"/forecasts/runs/{theirs.pk}/").status_code == 404
    assert client.get(f"/forecasts/runs/{theirs.pk}/compare/").status_code == 404
    assert "no forecast for your region" in client.get(LATEST).content.decode()
    assert f"/forecasts/runs/{theirs.pk}/" not in client.get("/forecasts/runs/").content.decode()


@pytest.mark.parametrize(
    "role", [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.PROVIDER_STAFF, Role.HUB_OFFICER]
)
def test_other_roles_may_not_see_forecasts(home, signed_in, role):
    client = signed_in(home.people[role])
    for path in (LATEST, "/forecasts/runs/", "/forecasts/scenarios/new/"):
        assert client.get(path).status_code == 403


def test_forecast_figures_download_as_csv(home, signed_in):
    _history(home.council)
    run = _run(home)
    client = signed_in(home.people[Role.ANALYST])
    rows = _csv(client.get(f"/forecasts/runs/{run.pk}/?format=csv"))
    assert rows[0] == [
        "date", "week", "category", "mean", "lower80", "upper80", "lower95", "upper95"
    ]  # fmt: skip
    assert len(rows) == 1 + 105 * 8
    bands = _csv(client.get(f"/forecasts/runs/{run.pk}/?format=bands-csv"))
    assert bands[0][2] == "age_band"
    backtest = _csv(client.get(f"/forecasts/runs/{run.pk}/?format=backtest-csv"))
    assert backtest[0][:2] == ["Category", "After"]
    assert len(backtest) > 1


def _scenario_form(region, **changes) -> dict:
    form = {"region": region.pk, "name": "fewer-residential", "move_from": "", "move_to": ""}
    form |= {"share_from": "", "share_to": ""}
    for category in ("fostering_connected", "fostering_other", "residential", "supported",
                     "with_parents", "adoption", "other"):  # fmt: skip
        form[f"entry_{category}"] = "1"
        form[f"exit_{category}"] = "1"
    return form | changes


def test_an_analyst_runs_a_scenario_and_compares_it_with_the_baseline(
    home, signed_in, django_capture_on_commit_callbacks
):
    _history(home.council)
    _run(home)
    client = signed_in(home.people[Role.ANALYST])
    form = _scenario_form(
        home.region,
        entry_residential="0.9",
        move_from="residential",
        move_to="fostering_other",
        move_per_year="20",
        cost_inflation="3.5",
        share_from="residential",
        share_to="fostering_other",
        share_percent="10",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/forecasts/scenarios/new/", form)
    run = ForecastRun.objects.get(scenario="fewer-residential")
    assert response.status_code == 302
    assert response.url == f"/forecasts/runs/{run.pk}/"
    assert run.status == ForecastRun.Status.DONE
    assert run.as_of == AS_OF
    assert run.scenario_params["moves_per_year"] == [["residential", "fostering_other", 20]]
    assert run.scenario_params["cost_inflation"] == 3.5
    assert run.scenario_params["entry_shares"] == [["residential", "fostering_other", 0.1]]
    assert services.scenario_from_params(run.scenario_params).cost_inflation == 3.5
    assert set(run.metrics["cost"]) <= {"26", "52", "104"}  # stored with the run
    compare = client.get(f"/forecasts/runs/{run.pk}/compare/")
    assert "Scenario against baseline" in compare.content.decode()
    rows = _csv(client.get(f"/forecasts/runs/{run.pk}/compare/?format=csv"))
    residential = next(r for r in rows if r[0] == "Residential" and r[1] == "24 months")
    assert float(residential[4]) < 0


def test_a_failed_scenario_shows_why(home, signed_in, django_capture_on_commit_callbacks):
    _history(home.council)
    client = signed_in(home.people[Role.ANALYST])
    with (
        mock.patch(
            "sufficiency.services.forecast.fc.fit", side_effect=ValueError("too few episodes")
        ),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = client.post("/forecasts/scenarios/new/", _scenario_form(home.region))
    page = client.get(response.url).content.decode()
    assert "This forecast failed" in page
    assert "too few episodes" in page


def test_a_queued_run_shows_its_progress(home, signed_in):
    run = services.queue_forecast(region=home.region, as_of=AS_OF, name="later")
    page = signed_in(home.people[Role.ANALYST]).get(f"/forecasts/runs/{run.pk}/").content.decode()
    assert '<progress max="100" value="0"' in page
    assert 'http-equiv="refresh"' in page


def test_the_scenario_form_rejects_a_move_into_the_same_category(home, signed_in):
    client = signed_in(home.people[Role.ANALYST])
    form = _scenario_form(
        home.region, move_from="residential", move_to="residential", move_per_year="5"
    )
    response = client.post("/forecasts/scenarios/new/", form)
    assert response.status_code == 200
    assert "Choose a category other than" in response.content.decode()
    assert not ForecastRun.objects.exists()
