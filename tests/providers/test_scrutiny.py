"""Provider group scrutiny: margins, shares and ranks, worked by hand."""

from decimal import Decimal

import pytest

from providers.scrutiny import GroupFigures, margin, rank_groups


def d(value: str | int) -> Decimal:
    return Decimal(value)


def group(
    name: str,
    *,
    turnover: str | None = None,
    profit: str | None = None,
    spend: str = "0",
    places: int = 0,
) -> GroupFigures:
    return GroupFigures(
        group_name=name,
        turnover=None if turnover is None else d(turnover),
        operating_profit=None if profit is None else d(profit),
        weekly_spend=d(spend),
        places=places,
    )


MARGINS = [
    pytest.param("10000000", "1500000", d("0.1500"), id="profit_over_turnover"),
    pytest.param("3000000", "1000000", d("0.3333"), id="thirds_round_down"),  # 0.33333...
    pytest.param("3000000", "2000000", d("0.6667"), id="two_thirds_round_up"),  # 0.66666...
    pytest.param("100000", "5", d("0.0001"), id="half_a_basis_point_rounds_up"),  # 0.00005
    pytest.param("3000000", "-300000", d("-0.1000"), id="losses_give_negative_margin"),
    pytest.param(None, None, None, id="no_return_gives_no_margin"),
    pytest.param("2000000", None, None, id="no_profit_figure_gives_no_margin"),
    pytest.param("0", "100", None, id="zero_turnover_gives_no_margin"),
]


@pytest.mark.parametrize(("turnover", "profit", "expected"), MARGINS)
def test_margin_is_operating_profit_over_turnover_to_four_places(turnover, profit, expected):
    assert margin(group("Alder Group", turnover=turnover, profit=profit)) == expected


REGION = [
    group("Alder Group", turnover="10000000", profit="1500000", spend="20000", places=10),
    group("Beech Care", turnover="4000000", profit="1000000", spend="50000", places=30),
    group("Cherry Homes", spend="30000", places=5),  # no financial return
    group("Damson Ltd", turnover="3000000", profit="-300000", spend="0", places=0),
]


def test_groups_are_ranked_by_spend_and_margin():
    # total spend 20000 + 50000 + 30000 + 0 = 100000; region places 100
    rows = [
        (
            r.group_name,
            r.margin,
            r.spend_share,
            r.place_share,
            r.rank_by_margin,
            r.rank_by_spend,
            r.hard_to_replace,
        )
        for r in rank_groups(REGION, region_places=100)
    ]
    assert rows == [
        # 1000000 / 4000000; 50000 / 100000; 30 / 100; highest margin; largest spend
        ("Beech Care", d("0.2500"), d("0.5000"), d("0.3000"), 1, 1, True),
        # no return: margin ranked after every group with one; 30000 / 100000; 5 / 100
        ("Cherry Homes", None, d("0.3000"), d("0.0500"), 4, 2, False),
        # 1500000 / 10000000; 20000 / 100000; 10 / 100 is exactly the 10% threshold
        ("Alder Group", d("0.1500"), d("0.2000"), d("0.1000"), 2, 3, True),
        # -300000 / 3000000 still ranks above no margin at all; no spend, no places
        ("Damson Ltd", d("-0.1000"), d("0.0000"), d("0.0000"), 3, 4, False),
    ]


HARD_TO_REPLACE = [
    pytest.param(10, 100, d("0.10"), d("0.1000"), True, id="exactly_the_threshold_counts"),
    pytest.param(9, 100, d("0.10"), d("0.0900"), False, id="just_under_the_threshold"),
    pytest.param(99, 1000, d("0.10"), d("0.0990"), False, id="a_tenth_of_a_point_under"),
    pytest.param(30, 100, d("0.25"), d("0.3000"), True, id="custom_threshold_met"),
    pytest.param(20, 100, d("0.25"), d("0.2000"), False, id="custom_threshold_missed"),
    pytest.param(5, 0, d("0.10"), d("0.0000"), False, id="zero_region_places_give_zero_share"),
]


@pytest.mark.parametrize(
    ("places", "region_places", "threshold", "share", "expected"), HARD_TO_REPLACE
)
def test_a_group_is_hard_to_replace_from_its_share_of_places(
    places, region_places, threshold, share, expected
):
    [ranking] = rank_groups(
        [group("Alder Group", spend="1000", places=places)],
        region_places=region_places,
        hard_to_replace_share=threshold,
    )
    assert (ranking.place_share, ranking.hard_to_replace) == (share, expected)


def test_no_spend_in_the_region_gives_every_group_a_zero_spend_share():
    rankings = rank_groups([group("Alder Group"), group("Beech Care")], region_places=10)
    assert [r.spend_share for r in rankings] == [d("0.0000"), d("0.0000")]


def test_ties_are_ranked_in_group_name_order():
    figures = [
        group("Zeta Group", turnover="1000000", profit="100000", spend="5000"),
        group("Alpha Group", turnover="2000000", profit="200000", spend="5000"),
    ]
    # both margins 0.1000 and both spends 5000: Alpha, earlier in the alphabet, takes rank 1
    rows = [(r.group_name, r.rank_by_margin, r.rank_by_spend) for r in rank_groups(figures, 10)]
    assert rows == [("Alpha Group", 1, 1), ("Zeta Group", 2, 2)]


def test_no_groups_give_no_rankings():
    assert rank_groups([], region_places=100) == []
