"""The forecast by council: the region's forecast allocated by councils' current shares, and
each council's demand against the places in it."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from placements.models import CareEpisode
from providers.models import SettingType
from rcc.roles import Role
from sufficiency import gaps
from tests.factories import LocalAuthorityFactory
from tests.fostering.factories import CarerFactory
from tests.placements.factories import ChildFactory
from tests.providers.factories import SettingFactory
from tests.sufficiency.test_costs_and_gaps import _csv, _stored_run

AS_OF = date(2026, 4, 1)  # the as-of date of ``_stored_run``


# Allocation: pure --------------------------------------------------------------------------
def test_a_category_is_shared_by_councils_current_children_in_it():
    allocated = gaps.allocate(
        {("residential", 52): 8.0, ("residential", 104): 12.0},
        {("Bolton", "residential"): 3, ("Wigan", "residential"): 1},
        ["Bolton", "Wigan"],
    )
    assert allocated == {
        ("Bolton", "residential", 52): 6.0,  # 75% of 8
        ("Wigan", "residential", 52): 2.0,  # 25% of 8
        ("Bolton", "residential", 104): 9.0,
        ("Wigan", "residential", 104): 3.0,
    }


def test_a_category_with_no_children_is_shared_by_councils_total_shares():
    allocated = gaps.allocate(
        {("supported", 52): 5.0},
        {("Bolton", "residential"): 3, ("Wigan", "fostering_other"): 2},
        ["Bolton", "Wigan"],
    )
    assert allocated == {("Bolton", "supported", 52): 3.0, ("Wigan", "supported", 52): 2.0}


def test_with_no_children_at_all_councils_share_equally():
    allocated = gaps.allocate({("adoption", 52): 4.0}, {}, ["Bolton", "Wigan"])
    assert allocated == {("Bolton", "adoption", 52): 2.0, ("Wigan", "adoption", 52): 2.0}
    assert gaps.allocate({("adoption", 52): 4.0}, {}, []) == {}


def test_council_gaps_apply_the_regions_rules_to_each_council():
    rows = gaps.council_gaps(
        {"Bolton": {"residential": 6.0}, "Wigan": {"fostering_other": 10.0}},
        {"Bolton": {"childrens_home": 4, "foster_carers": 2}, "Wigan": {"ifa": 6}},
    )
    assert [(r.council, r.category, r.demand, r.supply, r.gap) for r in rows] == [
        ("Bolton", "fostering_other", 0.0, 2, -2.0),
        ("Bolton", "residential", 6.0, 4, 2.0),
        ("Bolton", "supported", 0.0, 0, 0.0),
        ("Wigan", "fostering_other", 10.0, 6, 4.0),
        ("Wigan", "residential", 0.0, 0, 0.0),
        ("Wigan", "supported", 0.0, 0, 0.0),
    ]
    assert [r.is_shortfall for r in rows] == [False, True, False, True, False, False]


# The page and its CSVs ---------------------------------------------------------------------
def _in_care(council, place: str, start=date(2025, 1, 1), end=None) -> None:
    CareEpisode.objects.create(
        child=ChildFactory(local_authority=council),
        start_date=start,
        end_date=end,
        legal_status="C2",
        placement_type=place,
        placement_provider="PR1",
    )


def _councils(home):
    """Bolton: 3 children in residential care; Wigan: 1 in residential, 1 with an IFA carer."""
    wigan = LocalAuthorityFactory(name="Wigan", region=home.region)
    for place in ("K2", "K2", "R1"):
        _in_care(home.council, place)
    _in_care(wigan, "K1")
    _in_care(wigan, "U4")
    _in_care(wigan, "K1", end=date(2026, 3, 1))  # left before the as-of date
    _in_care(wigan, "K1", start=date(2026, 5, 1))  # came after it
    return wigan


def _market(home, wigan) -> None:
    SettingFactory(local_authority=home.council, registered_places=4)  # a children's home
    SettingFactory(local_authority=wigan, setting_type=SettingType.IFA, registered_places=6)
    SettingFactory(local_authority=wigan, status="closed", registered_places=9)
    CarerFactory(local_authority=home.council, max_children=2)
    CarerFactory(local_authority=wigan, max_children=3, is_active=False)


MEANS = {"residential": 8.0, "fostering_other": 10.0, "supported": 5.0}


def test_the_councils_csv_allocates_the_regions_forecast(home, away, signed_in):
    _councils(home)
    run = _stored_run(home, MEANS)
    client = signed_in(home.people[Role.ANALYST])
    rows = _csv(client.get(f"/forecasts/runs/{run.pk}/?format=councils"))
    gss = home.council.gss_code
    wigan_gss = rows[-1][1]
    assert rows == [
        ["council", "gss_code", "category", "children_12_months", "children_24_months"],
        ["Bolton", gss, "fostering_other", "0.0", "0.0"],
        ["Bolton", gss, "residential", "6.0", "12.0"],  # 3 of the region's 4
        ["Bolton", gss, "supported", "3.0", "6.0"],  # none in supported: 3 of all 5
        ["Wigan", wigan_gss, "fostering_other", "10.0", "20.0"],
        ["Wigan", wigan_gss, "residential", "2.0", "4.0"],  # 1 of 4
        ["Wigan", wigan_gss, "supported", "2.0", "4.0"],  # 2 of all 5
    ]


def test_the_council_gaps_csv_counts_the_places_in_each_council(home, away, signed_in):
    wigan = _councils(home)
    _market(home, wigan)
    run = _stored_run(home, MEANS)
    client = signed_in(home.people[Role.ANALYST])
    rows = _csv(client.get(f"/forecasts/runs/{run.pk}/?format=council-gaps"))
    assert rows == [
        ["council", "category", "demand_12_months", "places", "gap"],
        ["Bolton", "fostering_other", "0.0", "2", "-2.0"],  # a carer of 2
        ["Bolton", "residential", "6.0", "4", "2.0"],
        ["Bolton", "supported", "3.0", "0", "3.0"],
        ["Wigan", "fostering_other", "10.0", "6", "4.0"],  # the inactive carer does not count
        ["Wigan", "residential", "2.0", "0", "2.0"],  # nor the closed home
        ["Wigan", "supported", "2.0", "0", "2.0"],
    ]


def test_the_page_says_how_councils_figures_are_made(home, away, signed_in):
    wigan = _councils(home)
    _market(home, wigan)
    run = _stored_run(home, MEANS)
    page = signed_in(home.people[Role.ANALYST]).get(f"/forecasts/runs/{run.pk}/")
    text = page.content.decode()
    assert "current share; not a separate model per council" in text
    assert "by council and placement category after 12 and 24 months" in text
    assert "against current places, by council and placement category" in text
    assert "?format=councils" in text and "?format=council-gaps" in text


def test_another_regions_councils_are_hidden(home, away, signed_in):
    run = _stored_run(away, MEANS)
    client = signed_in(home.people[Role.ANALYST])
    for download in ("councils", "council-gaps"):
        assert client.get(f"/forecasts/runs/{run.pk}/?format={download}").status_code == 404


@pytest.mark.parametrize("download", ["", "?format=councils", "?format=council-gaps"])
def test_queries_do_not_grow_with_councils_children(home, away, signed_in, download):
    wigan = _councils(home)
    _market(home, wigan)
    run = _stored_run(home, MEANS)
    client = signed_in(home.people[Role.ANALYST])
    url = f"/forecasts/runs/{run.pk}/{download}"

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            if download:
                b"".join(response.streaming_content)
            assert response.status_code == 200
        return len(captured)

    before = queries()
    leigh = LocalAuthorityFactory(name="Leigh", region=home.region)
    for council in (home.council, wigan, leigh):
        for place in ("K2", "U4", "H5", "P1"):
            _in_care(council, place)
    SettingFactory(local_authority=leigh, registered_places=3)
    CarerFactory(local_authority=leigh, max_children=1)
    assert queries() == before
