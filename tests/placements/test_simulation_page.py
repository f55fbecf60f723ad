"""The simulated outcomes page: the latest stored run of the user's region, chart, table, CSV."""

from __future__ import annotations

import csv
import io

import pytest

from placements.models import SimulationRun
from placements.services.simulation import store_run
from rcc.models import AuditEvent
from rcc.roles import Role
from tests.personas import MARKER

URL = "/outcomes/simulated/"


def _report(within):
    return {
        "seeds": [1],
        "days": 365,
        "policies": {
            "status_quo": {
                "within_20_miles": within,
                "unknown_distance": 0.1,
                "weekly_cost_mean": 5000.0,
            },
            "regional": {
                "within_20_miles": within + 0.1,
                "unknown_distance": 0.1,
                "worse_off_than_status_quo": 3,
            },
        },
    }


@pytest.fixture
def runs(home, away):
    store_run(region=home.region, report=_report(0.5))
    return store_run(region=home.region, report=_report(0.6))


@pytest.mark.parametrize("role", [Role.COMMISSIONER, Role.ANALYST])
def test_rcc_staff_see_the_latest_run_of_their_region(
    client, signed_in, home, runs, role, django_assert_max_num_queries
):
    signed_in(home.people[role])
    with django_assert_max_num_queries(12):
        page = client.get(URL).content.decode()
    assert "<svg" in page
    assert page.index("<svg") < page.index("<table")
    assert "Regional allocation" in page and "70.0%" in page
    assert MARKER not in page


def test_csv_beside_the_table(client, signed_in, home, runs):
    signed_in(home.people[Role.ANALYST])
    response = client.get(URL, {"format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:2] == ["Policy", "Within 20 miles"]
    assert [r[0] for r in rows[1:]] == [
        "Status quo (first offer to arrive)",
        "Regional allocation",
    ]


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.PROVIDER_STAFF])
def test_council_and_provider_staff_cannot_see_it(client, signed_in, home, runs, role):
    signed_in(home.people[role])
    assert client.get(URL).status_code == 403


def test_nothing_stored_yet(client, signed_in, home):
    signed_in(home.people[Role.COMMISSIONER])
    assert "No simulation has been stored" in client.get(URL).content.decode()


def test_storing_a_run_is_audited(home):
    run = store_run(region=home.region, report=_report(0.4))
    assert SimulationRun.objects.get() == run
    assert AuditEvent.objects.filter(action="placements.simulation_stored").count() == 1
