"""Price transparency statistics, worked by hand.

Inclusive quartiles: for n sorted prices x[0..n-1], quartile k sits at position k * (n - 1) / 4,
interpolating linearly between its neighbours. Each expected value shows that arithmetic.
"""

from decimal import Decimal

import pytest

from providers.prices import (
    PriceObservation,
    Summary,
    providers_against_median,
    segment_statistics,
    summarise,
)


def d(value: str | int) -> Decimal:
    return Decimal(value)


def observation(
    price: str | int,
    *,
    route: str = "framework",
    judgement: int | None = 2,
    provider: tuple[int, str] = (1, "Acorn Care"),
    placement_type: str = "childrens_home",
    need_level: str = "core",
) -> PriceObservation:
    return PriceObservation(
        placement_type=placement_type,
        need_level=need_level,
        weekly_price=d(price),
        route=route,
        provider_id=provider[0],
        provider_name=provider[1],
        judgement=judgement,
    )


def summary(count: int, lower: str, median: str, upper: str, low: str, high: str) -> Summary:
    return Summary(
        count=count,
        median=d(median),
        lower_quartile=d(lower),
        upper_quartile=d(upper),
        minimum=d(low),
        maximum=d(high),
    )


# --- summarise -------------------------------------------------------------------------------

SUMMARIES = [
    pytest.param([], None, id="no_prices_give_no_summary"),
    pytest.param(
        [5000],
        # n = 1: every position k * 0 / 4 = 0, so every quartile is the one price
        summary(1, "5000.00", "5000.00", "5000.00", "5000.00", "5000.00"),
        id="one_price_is_every_quartile",
    ),
    pytest.param(
        [4000, 5000, 6000, 7000],
        # n - 1 = 3. Q1 at 0.75: 4000 + 0.75 * 1000 = 4750
        #            median at 1.5: 5000 + 0.5 * 1000 = 5500
        #            Q3 at 2.25: 6000 + 0.25 * 1000 = 6250
        summary(4, "4750.00", "5500.00", "6250.00", "4000.00", "7000.00"),
        id="even_count_interpolates_between_middle_prices",
    ),
    pytest.param(
        [1000, 2000, 3000, 4000, 5000],
        # n - 1 = 4. Q1 at 1: 2000; median at 2: 3000; Q3 at 3: 4000
        summary(5, "2000.00", "3000.00", "4000.00", "1000.00", "5000.00"),
        id="odd_count_lands_on_actual_prices",
    ),
    pytest.param(
        [6000, 3000, 4000],
        # sorted 3000, 4000, 6000; n - 1 = 2. Q1 at 0.5: 3000 + 0.5 * 1000 = 3500
        #   median at 1: 4000; Q3 at 1.5: 4000 + 0.5 * 2000 = 5000
        summary(3, "3500.00", "4000.00", "5000.00", "3000.00", "6000.00"),
        id="unsorted_prices_are_sorted_first",
    ),
    pytest.param(
        ["1000.00", "1000.01"],
        # n - 1 = 1. Q1 at 0.25: 1000 + 0.25 * 0.01 = 1000.0025 -> 1000.00
        #   median at 0.5: 1000.005 -> 1000.01 (half up; banker's rounding would give 1000.00)
        #   Q3 at 0.75: 1000.0075 -> 1000.01
        summary(2, "1000.00", "1000.01", "1000.01", "1000.00", "1000.01"),
        id="half_pennies_round_up",
    ),
]


@pytest.mark.parametrize(("prices", "expected"), SUMMARIES)
def test_summarise_gives_inclusive_quartiles_in_pence(prices, expected):
    assert summarise([d(price) for price in prices]) == expected


# --- segment_statistics ----------------------------------------------------------------------


def test_no_observations_give_no_segments():
    assert segment_statistics([]) == []


def test_segments_are_per_type_and_need_level_in_escalating_need_order():
    observations = [
        observation(3000, placement_type="ifa", need_level="core"),
        observation(7000, need_level="complex"),
        observation(6000, need_level="enhanced"),
        observation(5000, need_level="core"),
    ]
    segments = [(s.placement_type, s.need_level) for s in segment_statistics(observations)]
    assert segments == [
        ("childrens_home", "core"),
        ("childrens_home", "enhanced"),
        ("childrens_home", "complex"),
        ("ifa", "core"),
    ]


def test_framework_and_spot_prices_are_summarised_separately():
    observations = [
        *(observation(price, route="framework") for price in (4000, 5000)),
        *(observation(price, route="spot") for price in (6000, 7000, 8000)),
    ]
    [segment] = segment_statistics(observations)
    # framework n - 1 = 1: Q1 4000 + 0.25 * 1000 = 4250; median 4500; Q3 4750
    assert segment.framework == summary(2, "4250.00", "4500.00", "4750.00", "4000.00", "5000.00")
    # spot n - 1 = 2: Q1 at 0.5: 6500; median 7000; Q3 at 1.5: 7500
    assert segment.spot == summary(3, "6500.00", "7000.00", "7500.00", "6000.00", "8000.00")
    # all five, n - 1 = 4: Q1 at 1: 5000; median at 2: 6000; Q3 at 3: 7000
    assert segment.overall == summary(5, "5000.00", "6000.00", "7000.00", "4000.00", "8000.00")


def test_spot_premium_is_spot_median_minus_framework_median():
    observations = [
        *(observation(price, route="framework") for price in (4000, 5000)),
        *(observation(price, route="spot") for price in (6000, 7000, 8000)),
    ]
    [segment] = segment_statistics(observations)
    assert segment.spot_premium == d("2500.00")  # 7000 - 4500


@pytest.mark.parametrize(
    "route",
    [pytest.param("framework", id="framework_only"), pytest.param("spot", id="spot_only")],
)
def test_spot_premium_needs_both_routes(route):
    [segment] = segment_statistics([observation(4000, route=route)])
    assert segment.spot_premium is None


def test_prices_are_grouped_by_judgement_with_uninspected_last():
    observations = [
        observation(3000, judgement=None),
        observation(6000, judgement=2),
        observation(5000, judgement=1),
        observation(4000, judgement=2),
    ]
    [segment] = segment_statistics(observations)
    medians = {judgement: s.median for judgement, s in segment.by_judgement.items()}
    assert list(medians) == [1, 2, None]  # only judgements present; 3 and 4 absent
    assert medians == {
        1: d("5000.00"),  # one price
        2: d("5000.00"),  # 4000 and 6000: 4000 + 0.5 * 2000
        None: d("3000.00"),  # one price
    }


OUTLIERS = [
    pytest.param(
        [4000, 4100, 4200, 4300, 9000],
        # Q1 at 1: 4100; Q3 at 3: 4300; IQR 200; fences 4100 - 300 = 3800, 4300 + 300 = 4600
        [9000],
        id="above_upper_fence",
    ),
    pytest.param(
        [1000, 4000, 4100, 4200, 4300],
        # Q1 at 1: 4000; Q3 at 3: 4200; IQR 200; fences 3700 and 4500
        [1000],
        id="below_lower_fence",
    ),
    pytest.param(
        [4000, 4100, 4200, 4300, 4600],
        # Q1 4100; Q3 4300; fences 3800 and 4600: a price on the fence is inside it
        [],
        id="on_the_fence_is_not_an_outlier",
    ),
    pytest.param(
        [4000, 4100, 4200, 9000],
        # n - 1 = 3. Q1 at 0.75: 4000 + 75 = 4075; Q3 at 2.25: 4200 + 0.25 * 4800 = 5400
        # IQR 1325; 1.5 * IQR = 1987.5; upper fence 5400 + 1987.5 = 7387.5
        [9000],
        id="four_prices_are_enough",
    ),
    pytest.param(
        [1000, 5000, 99000],
        # under four prices there are no fences at all
        [],
        id="fewer_than_four_prices_have_no_outliers",
    ),
]


@pytest.mark.parametrize(("prices", "expected"), OUTLIERS)
def test_outliers_lie_outside_the_tukey_fences(prices, expected):
    [segment] = segment_statistics([observation(price) for price in prices])
    assert [o.weekly_price for o in segment.outliers] == [d(price) for price in expected]


# --- providers_against_median ----------------------------------------------------------------

ACORN = (1, "Acorn Care")
BIRCH = (2, "Birch Homes")
CEDAR = (3, "Cedar House")
DALE = (4, "Dale Lodge")


def test_providers_are_compared_with_the_regional_median_dearest_first():
    observations = [
        observation(4000, provider=ACORN),
        observation(4200, provider=ACORN),
        observation(4100, provider=CEDAR),
        observation(4300, provider=CEDAR),
        observation(5000, provider=BIRCH),
        observation(12000, provider=DALE),
    ]
    # All six sorted: 4000 4100 4200 4300 5000 12000; n - 1 = 5.
    #   Q1 at 1.25: 4100 + 25 = 4125; median at 2.5: 4200 + 50 = 4250; Q3 at 3.75: 4300 + 525 = 4825
    #   IQR 700; 1.5 * IQR = 1050; fences 3075 and 5875
    rows = [
        (c.provider_name, c.provider_median, c.regional_median, c.difference, c.ratio, c.is_outlier)
        for c in providers_against_median(observations)
    ]
    assert rows == [
        # 12000 / 4250 = 2.8235... -> 2.82; 12000 > 5875
        ("Dale Lodge", d("12000.00"), d("4250.00"), d("7750.00"), d("2.82"), True),
        # 5000 / 4250 = 1.1764... -> 1.18
        ("Birch Homes", d("5000.00"), d("4250.00"), d("750.00"), d("1.18"), False),
        # median of 4100, 4300 = 4200; 4200 / 4250 = 0.9882... -> 0.99
        ("Cedar House", d("4200.00"), d("4250.00"), d("-50.00"), d("0.99"), False),
        # median of 4000, 4200 = 4100; 4100 / 4250 = 0.9647... -> 0.96
        ("Acorn Care", d("4100.00"), d("4250.00"), d("-150.00"), d("0.96"), False),
    ]


def test_a_provider_below_the_lower_fence_is_an_outlier():
    observations = [
        observation(1000, provider=ACORN),
        *(observation(price, provider=BIRCH) for price in (4000, 4100, 4200, 4300)),
    ]
    # All five: Q1 at 1: 4000; Q3 at 3: 4200; IQR 200; lower fence 3700
    flags = {c.provider_name: c.is_outlier for c in providers_against_median(observations)}
    assert flags == {"Acorn Care": True, "Birch Homes": False}  # 1000 < 3700; 4100 inside


def test_providers_with_equal_ratios_are_in_name_order():
    observations = [
        observation(5000, provider=(9, "Zeta Care")),
        observation(5000, provider=(8, "Alpha Homes")),
    ]
    comparisons = providers_against_median(observations)
    # both 5000 / 5000 = 1.00; two prices are too few for fences, so neither is an outlier
    assert [(c.provider_name, c.ratio, c.is_outlier) for c in comparisons] == [
        ("Alpha Homes", d("1.00"), False),
        ("Zeta Care", d("1.00"), False),
    ]


def test_a_provider_is_compared_within_each_of_its_segments():
    observations = [
        observation(4000, provider=ACORN, need_level="core"),
        observation(6000, provider=BIRCH, need_level="core"),
        observation(8000, provider=ACORN, need_level="complex"),
    ]
    rows = [
        (c.provider_name, c.need_level, c.ratio) for c in providers_against_median(observations)
    ]
    assert rows == [
        ("Birch Homes", "core", d("1.20")),  # core median 5000; 6000 / 5000
        ("Acorn Care", "complex", d("1.00")),  # alone in complex: 8000 / 8000
        ("Acorn Care", "core", d("0.80")),  # 4000 / 5000
    ]
