"""Regional aggregates: the pure arithmetic by hand, and the API scoped by region."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from placements.models import CareEpisode
from rcc.roles import Role
from sufficiency import aggregates
from tests.api.helpers import key_client
from tests.personas import MARKER
from tests.placements.factories import ChildFactory
from tests.providers.factories import PlacementFactory, SettingFactory, VacancyFactory

ON = date(2026, 3, 31)


def _episode(child_id, start, place="U4", ls="C2", birth=date(2015, 6, 1), council="Bolton"):
    return aggregates.EpisodeRow(child_id, "gm", council, "E08000001", birth, start, place, ls)


@pytest.mark.parametrize(
    ("age", "band"), [(0, "0-4"), (4, "0-4"), (5, "5-9"), (10, "10-15"), (17, "16-17"), (18, "18+")]
)
def test_age_bands_are_the_forecasts(age, band):
    assert aggregates.age_band(age) == band


def test_a_child_counts_once_in_their_latest_episode():
    rows = [
        _episode(1, date(2025, 1, 1), place="U4"),
        _episode(1, date(2025, 6, 1), place="K2", ls="C1"),
        _episode(2, date(2024, 1, 1), place="U1", birth=date(2010, 4, 1)),
    ]
    counts = aggregates.children_in_care(rows, on=ON)
    assert [(c.category, c.age_band, c.legal_status, c.children) for c in counts] == [
        ("fostering_connected", "10-15", "C2", 1),
        ("residential", "10-15", "C1", 1),
    ]


def test_distance_bands_put_twenty_miles_under_and_count_unknowns():
    rows = [
        aggregates.PlacementRow("gm", "Bolton", "E1", 20.0, False),
        aggregates.PlacementRow("gm", "Bolton", "E1", 20.1, True),
        aggregates.PlacementRow("gm", "Bolton", "E1", None, True),
    ]
    (bands,) = aggregates.distance_bands(rows)
    assert (bands.under_20_miles, bands.over_20_miles, bands.distance_unknown) == (1, 1, 1)
    assert (bands.inside_council, bands.outside_council) == (1, 2)


def test_weekly_costs_split_framework_from_spot():
    rows = [
        aggregates.CostRow("gm", "childrens_home", "framework", Decimal("4000")),
        aggregates.CostRow("gm", "childrens_home", "spot", Decimal("5000")),
        aggregates.CostRow("gm", "childrens_home", "spot", Decimal("6001")),
    ]
    (costs,) = aggregates.weekly_costs(rows)
    assert costs.all.total_weekly_cost == Decimal("15001.00")
    assert costs.all.mean_weekly_cost == Decimal("5000.33")
    assert costs.framework.placements == 1 and costs.spot.median_weekly_cost == Decimal("5500.50")


def _care(tenant, place="U4", ls="C2", born=date(2014, 1, 1)):
    child = ChildFactory(local_authority=tenant.council, date_of_birth=born)
    return CareEpisode.objects.create(
        child=child,
        start_date=timezone.localdate() - timedelta(days=100),
        legal_status=ls,
        placement_type=place,
        placement_provider="PR4",
    )


def test_a_regional_key_counts_only_its_regions_children(home, away):
    _care(home)
    _care(home, place="K2", ls="C1")
    _care(away)
    body = key_client(home.people[Role.ANALYST]).get("/api/v1/children-in-care/").json()
    assert body["count"] == 2
    assert {row["council"] for row in body["results"]} == {home.council.name}
    assert MARKER not in str(body)


def test_dfe_counts_every_region_and_can_narrow_to_a_council(national, home, away):
    _care(home)
    _care(away)
    client = key_client(national[Role.DFE_ANALYST])
    everything = client.get("/api/v1/children-in-care/").json()
    assert sum(row["children"] for row in everything["results"]) == 2
    narrowed = client.get(f"/api/v1/children-in-care/?council={away.council.gss_code}").json()
    assert [row["gss_code"] for row in narrowed["results"]] == [away.council.gss_code]


def test_children_counted_on_a_past_day_exclude_later_entries(national, home):
    _care(home)
    client = key_client(national[Role.DFE_ANALYST])
    before = (timezone.localdate() - timedelta(days=200)).isoformat()
    assert client.get(f"/api/v1/children-in-care/?on={before}").json()["count"] == 0


def test_bad_parameters_are_refused_with_their_messages(home):
    response = key_client(home.people[Role.ANALYST]).get("/api/v1/children-in-care/?on=soon")
    assert response.status_code == 400
    assert "on" in response.json()


def test_distance_bands_and_weekly_costs_of_the_region(home, away):
    near = SettingFactory(local_authority=home.council, provider=home.provider)
    PlacementFactory(
        local_authority=home.council,
        setting=near,
        provider=home.provider,
        miles_from_home=5,
        agreed_weekly_cost=Decimal("4000"),
    )
    PlacementFactory(
        local_authority=home.council,
        setting=away.market["setting"],
        provider=away.provider,
        miles_from_home=None,
        agreed_weekly_cost=Decimal("6000"),
    )
    client = key_client(home.people[Role.COMMISSIONER])
    (bands,) = client.get("/api/v1/distance-bands/").json()["results"]
    assert (bands["under_20_miles"], bands["distance_unknown"], bands["outside_council"]) == (
        1,
        1,
        1,
    )
    costs = client.get("/api/v1/weekly-costs/").json()["results"]
    assert [(c["region"], c["all"]["total_weekly_cost"]) for c in costs] == [
        (home.region.slug, "10000.00")
    ]


def test_market_statistics_count_settings_places_and_vacancies(home, away):
    setting = SettingFactory(local_authority=home.council, registered_places=4, latest_judgement=2)
    VacancyFactory(setting=setting)
    rows = key_client(home.people[Role.ANALYST]).get("/api/v1/market-statistics/").json()
    (row,) = rows["results"]
    assert row["registered_places"] == 4 and row["open_vacancies"] == 1
    assert row["judgements"]["good"] == 1 and row["region"] == home.region.slug


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.PROVIDER_STAFF])
def test_aggregates_are_not_for_council_or_provider_keys(home, role):
    response = key_client(home.people[role]).get("/api/v1/children-in-care/")
    assert response.status_code == 403


def test_each_aggregate_request_is_audited_with_its_rows(home):
    from rcc.exports import ACTION
    from rcc.models import AuditEvent

    _care(home)
    key_client(home.people[Role.ANALYST]).get("/api/v1/children-in-care/?page_size=1")
    event = AuditEvent.objects.get(action=ACTION)
    assert event.object_type == "children-in-care" and event.metadata["rows"] == 1
    assert event.region == home.region and event.actor == home.people[Role.ANALYST]


@pytest.mark.parametrize(
    "url", ["/api/v1/children-in-care/", "/api/v1/distance-bands/", "/api/v1/weekly-costs/"]
)
def test_aggregates_take_the_same_queries_however_many_rows(
    home, url, django_assert_max_num_queries
):
    client = key_client(home.people[Role.ANALYST])
    _care(home)
    PlacementFactory(local_authority=home.council, setting=SettingFactory(), provider=home.provider)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for _ in range(5):
        _care(home, place="K2")
        PlacementFactory(
            local_authority=home.council, setting=SettingFactory(), provider=home.provider
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
