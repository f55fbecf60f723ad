"""Projected weekly costs and the demand-against-supply gap: pure tables, then the page."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest

from placements.models import Placement
from providers import prices as providers_prices
from providers.models import SettingType
from providers.prices import PriceObservation
from rcc.roles import Role
from sufficiency import costs, gaps
from sufficiency.models.forecast import ALL, ForecastFigure, ForecastRun
from tests.fostering.factories import CarerFactory
from tests.providers.factories import PlacementFactory, SettingFactory


def _price(kind: str, level: str, pounds: str) -> PriceObservation:
    return PriceObservation(kind, level, Decimal(pounds), "spot", 1, "P", None)


# Median prices -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("observations", "expected"),
    [
        ([], {}),
        # core prices only count when there are any: (1000 + 1200) / 2
        (
            [
                _price("ifa", "core", "1000"),
                _price("ifa", "core", "1200"),
                _price("ifa", "complex", "9000"),
            ],
            {"ifa": Decimal("1100.00")},
        ),
        # no core price: every level counts, median of 3000, 5000, 7000
        (
            [
                _price("childrens_home", "complex", "7000"),
                _price("childrens_home", "enhanced", "3000"),
                _price("childrens_home", "complex", "5000"),
            ],
            {"childrens_home": Decimal("5000.00")},
        ),
        (
            [_price("supported", "core", "800.005"), _price("ifa", "enhanced", "1500")],
            {"supported": Decimal("800.01"), "ifa": Decimal("1500.00")},
        ),
    ],
)
def test_median_prices_prefer_core_need(observations, expected):
    assert costs.median_prices(observations) == expected


# Projected costs -----------------------------------------------------------------------------
PRICES = {"ifa": Decimal("1000.00"), "childrens_home": Decimal("5000.00")}


@pytest.mark.parametrize(
    ("category", "children", "placement_type", "price", "cost"),
    [
        ("fostering_other", 10.0, "ifa", Decimal("1000.00"), Decimal("10000.00")),
        ("residential", 2.5, "childrens_home", Decimal("5000.00"), Decimal("12500.00")),
        ("residential", 0.3333, "childrens_home", Decimal("5000.00"), Decimal("1666.50")),
        ("supported", 4.0, "supported", None, None),  # the region has no supported prices
        ("fostering_connected", 7.0, None, None, None),
        ("with_parents", 1.0, None, None, None),
        ("adoption", 1.0, None, None, None),
        ("other", 1.0, None, None, None),
    ],
)
def test_each_category_is_priced_at_its_placement_type(
    category, children, placement_type, price, cost
):
    [row, total] = costs.projected_costs({(category, 52): children}, PRICES, weeks=[52])
    assert (row.category, row.week, row.children) == (category, 52, children)
    assert (row.placement_type, row.weekly_price, row.weekly_cost) == (placement_type, price, cost)
    assert total.weekly_cost == cost


def test_the_total_adds_the_priced_categories_only():
    means = {
        ("fostering_other", 26): 10.0,
        ("residential", 26): 2.0,
        ("with_parents", 26): 5.0,
        ("fostering_other", 104): 12.0,
    }
    rows = costs.projected_costs(means, PRICES)
    assert [(r.category, r.week) for r in rows] == [
        ("fostering_other", 26),
        ("residential", 26),
        ("with_parents", 26),
        ("all", 26),
        ("fostering_other", 104),
        ("all", 104),
    ]
    assert rows[3].weekly_cost == Decimal("20000.00")  # 10 x 1000 + 2 x 5000
    assert rows[3].children == 12.0
    assert rows[5].weekly_cost == Decimal("12000.00")


def test_cost_ranges_price_the_childrens_interval_and_add_up_over_priced_categories():
    means = {("fostering_other", 52): 10.0, ("residential", 52): 2.0, ("adoption", 52): 3.0}
    ranges = {
        ("fostering_other", 52): (8.0, 12.5),
        ("residential", 52): (1.0, 3.0),
        ("adoption", 52): (1.0, 5.0),
    }
    fostering, residential, adoption, total = costs.projected_costs(
        means, PRICES, weeks=[52], ranges=ranges
    )
    assert (fostering.cost_lower80, fostering.cost_upper80) == (
        Decimal("8000.00"),
        Decimal("12500.00"),
    )
    assert (residential.cost_lower80, residential.cost_upper80) == (
        Decimal("5000.00"),
        Decimal("15000.00"),
    )
    assert adoption.cost_lower80 is None  # not priced
    assert (total.cost_lower80, total.cost_upper80) == (Decimal("13000.00"), Decimal("27500.00"))
    assert total.cost_lower80 <= total.weekly_cost <= total.cost_upper80


def test_a_week_of_unpriced_categories_has_no_total_cost():
    [row, total] = costs.projected_costs({("adoption", 26): 3.0}, PRICES, weeks=[26])
    assert not row.is_priced and not total.is_priced


# Gaps ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("places", "expected"),
    [
        ({}, {"fostering_other": 0, "residential": 0, "supported": 0}),
        (
            {"ifa": 30, "foster_carers": 12, "childrens_home": 8, "supported": 5, "secure": 4},
            {"fostering_other": 42, "residential": 8, "supported": 5},
        ),
        (
            {"la_fostering": 20, "foster_carers": 3},
            {"fostering_other": 3, "residential": 0, "supported": 0},
        ),
    ],
)
def test_supply_adds_setting_places_and_carer_places(places, expected):
    assert gaps.supply_by_category(places) == expected


@pytest.mark.parametrize(
    ("demand", "places", "expected"),
    [
        (
            {"fostering_other": 50.0, "residential": 10.5, "supported": 2.0, "adoption": 9.0},
            {"ifa": 30, "foster_carers": 12, "childrens_home": 8, "supported": 5},
            [
                ("fostering_other", 50.0, 42, 8.0),
                ("residential", 10.5, 8, 2.5),
                ("supported", 2.0, 5, -3.0),
            ],
        ),
        (
            {},
            {"childrens_home": 4},
            [
                ("fostering_other", 0.0, 0, 0.0),
                ("residential", 0.0, 4, -4.0),
                ("supported", 0.0, 0, 0.0),
            ],
        ),
    ],
)
def test_the_gap_is_demand_at_a_year_less_supply(demand, places, expected):
    rows = gaps.gaps(demand, places)
    assert [(r.category, r.demand, r.supply, r.gap) for r in rows] == expected
    assert [r.is_shortfall for r in rows] == [e[3] > 0 for e in expected]


# The forecast page ---------------------------------------------------------------------------
def _stored_run(tenant, means: dict[str, float]):
    """A finished run with category totals at 6, 12 and 24 months (no model needed)."""
    run = ForecastRun.objects.create(
        region=tenant.region, as_of=date(2026, 4, 1), status=ForecastRun.Status.DONE
    )
    ForecastFigure.objects.bulk_create(
        ForecastFigure(
            run=run,
            week=week,
            date=run.as_of + timedelta(weeks=week),
            age_band=ALL,
            category=category,
            mean=mean * (week / 52),
            lower80=mean,
            upper80=mean,
            lower95=mean,
            upper95=mean,
        )
        for week in (26, 52, 104)
        for category, mean in means.items()
    )
    return run


def _market(tenant) -> None:
    """A children's home of 4 places at £5,000 a week, an IFA of 6 places, a carer of 2."""
    home_ = SettingFactory(local_authority=tenant.council, provider=tenant.provider)
    SettingFactory(
        local_authority=tenant.council, setting_type=SettingType.IFA, registered_places=6
    )
    SettingFactory(local_authority=tenant.council, status="closed", registered_places=9)
    PlacementFactory(local_authority=tenant.council, setting=home_, provider=tenant.provider)
    CarerFactory(local_authority=tenant.council, max_children=2)
    CarerFactory(local_authority=tenant.council, max_children=3, is_active=False)


def test_the_page_shows_costs_and_gaps_at_the_regions_prices(home, away, signed_in):
    _market(home)
    run = _stored_run(home, {"residential": 10.0, "fostering_other": 20.0, "adoption": 3.0})
    client = signed_in(home.people[Role.ANALYST])
    page = client.get(f"/forecasts/runs/{run.pk}/").content.decode()
    assert "Projected weekly cost by placement category" in page
    assert "£50,000" in page  # 10 children x £5,000 after 12 months
    assert "Not priced" in page
    assert "Expected children in 12 months against current places" in page
    costs_csv = _csv(client.get(f"/forecasts/runs/{run.pk}/?format=costs"))
    assert costs_csv[0] == [
        "week",
        "category",
        "placement_type",
        "children",
        "median_weekly_price",
        "weekly_cost",
        "weekly_cost_lower80",
        "weekly_cost_upper80",
    ]
    costs_csv = [row[:6] for row in costs_csv]
    assert ["52", "residential", "childrens_home", "10.0", "5000.00", "50000.00"] in costs_csv
    assert ["52", "fostering_other", "ifa", "20.0", "", ""] in costs_csv  # no IFA prices
    assert ["104", "all", "", "20.0", "", "100000.00"] in costs_csv
    gaps_csv = _csv(client.get(f"/forecasts/runs/{run.pk}/?format=gaps"))
    assert gaps_csv == [
        ["category", "demand_12_months", "places", "gap"],
        ["fostering_other", "20.0", "8", "12.0"],  # 6 IFA places + 2 carer places
        ["residential", "10.0", "4", "6.0"],  # the closed home does not count
        ["supported", "0.0", "0", "0.0"],
    ]


def test_a_national_analyst_prices_a_region_at_its_own_prices(home, away, national, signed_in):
    _market(home)
    run = _stored_run(away, {"residential": 10.0})
    client = signed_in(national[Role.PLATFORM_ADMIN])
    rows = [row[:6] for row in _csv(client.get(f"/forecasts/runs/{run.pk}/?format=costs"))]
    away_prices = Placement.objects.filter(
        local_authority__region=away.region, end_date__isnull=True, placement_type="childrens_home"
    ).values_list("need_level", "agreed_weekly_cost")
    core = [cost for level, cost in away_prices if level == "core"]
    price = providers_prices.summarise(core or [cost for _, cost in away_prices]).median
    assert price != Decimal("5000.00")  # the home region's price plays no part
    assert ["52", "residential", "childrens_home", "10.0", str(price), str(price * 10)] in rows


def test_costs_and_gaps_of_another_region_are_hidden(home, away, signed_in):
    run = _stored_run(away, {"residential": 10.0})
    client = signed_in(home.people[Role.ANALYST])
    for download in ("costs", "gaps"):
        assert client.get(f"/forecasts/runs/{run.pk}/?format={download}").status_code == 404


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


def test_the_cost_ranges_add_up_to_the_agreements_with_inflation(home, away, signed_in):
    _market(home)  # one current placement: a children's home at £5,000 a week
    run = _stored_run(home, {"residential": 10.0, "adoption": 3.0})
    run.scenario_params = {"cost_inflation": 10.0}
    run.save(update_fields=["scenario_params"])
    client = signed_in(home.people[Role.ANALYST])
    page = client.get(f"/forecasts/runs/{run.pk}/").content.decode()
    assert "Cost with its doubt" in page
    assert "prices rising 10.0% a year" in page
    rows = _csv(client.get(f"/forecasts/runs/{run.pk}/?format=cost-intervals"))
    assert rows[0] == ["week", "mean", "lower80", "upper80", "lower95", "upper95", "annual"]
    # 10 children x £5,000 x 1.10 after a year; no doubt in children or price here
    assert rows[2] == ["52", *(["55000.00"] * 5), "2860000.00"]
    other = _stored_run(away, {"residential": 10.0})
    assert client.get(f"/forecasts/runs/{other.pk}/?format=cost-intervals").status_code == 404
