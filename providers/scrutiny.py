"""Provider financial scrutiny: which groups the region leans on, and how much they make.

Pure: takes plain figures per provider group and returns plain rankings. No Django here.

Ratios are Decimal rounded to 4 dp (ROUND_HALF_UP), so a share of 0.1000 is exactly 10%.
Ranks are positions, never shared: groups that tie are put in group-name order, so two groups on
the same margin get, say, 2 and 3, the name earlier in the alphabet taking 2.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

FOUR_PLACES = Decimal("0.0001")
HARD_TO_REPLACE_SHARE = Decimal("0.10")

# Sort key for ranking: (missing, negated value so the largest comes first, group name).
RankKey = tuple[bool, Decimal, str]


@dataclass(frozen=True)
class GroupFigures:
    group_name: str
    turnover: Decimal | None  # latest financial return; None if none submitted
    operating_profit: Decimal | None
    weekly_spend: Decimal  # the region's agreed weekly costs of open placements with the group
    places: int  # registered places the group has in the region


@dataclass(frozen=True)
class GroupRanking:
    group_name: str
    weekly_spend: Decimal
    places: int
    margin: Decimal | None  # operating profit / turnover; None without a return or turnover
    spend_share: Decimal  # of the region's total weekly spend
    place_share: Decimal  # of the region's registered places
    rank_by_margin: int  # 1 = highest margin; groups without a margin come after all with one
    rank_by_spend: int  # 1 = largest weekly spend
    hard_to_replace: bool  # place share at or above the threshold


def rank_groups(
    figures: Sequence[GroupFigures],
    region_places: int,
    hard_to_replace_share: Decimal = HARD_TO_REPLACE_SHARE,
) -> list[GroupRanking]:
    """Margin, shares and ranks for each group, largest spend first.

    A group is hard to replace when its share of the region's places is at least
    `hard_to_replace_share` (0.10 means 10%, and exactly 10% counts).
    """
    total_spend = sum((group.weekly_spend for group in figures), Decimal(0))
    margin_ranks = _ranks(figures, _margin_order)
    spend_ranks = _ranks(figures, _spend_order)
    rankings = [
        _ranking(
            group,
            spend_share=_share(group.weekly_spend, total_spend),
            place_share=_share(Decimal(group.places), Decimal(region_places)),
            ranks=ranks,
            threshold=hard_to_replace_share,
        )
        for group, ranks in zip(figures, zip(margin_ranks, spend_ranks, strict=True), strict=True)
    ]
    return sorted(rankings, key=lambda ranking: ranking.rank_by_spend)


def margin(group: GroupFigures) -> Decimal | None:
    """Operating profit over turnover, 4 dp; None without a return or with zero turnover."""
    if group.turnover is None or group.operating_profit is None or group.turnover == 0:
        return None
    return _four_places(group.operating_profit / group.turnover)


def _ranking(
    group: GroupFigures,
    *,
    spend_share: Decimal,
    place_share: Decimal,
    ranks: tuple[int, int],
    threshold: Decimal,
) -> GroupRanking:
    return GroupRanking(
        group_name=group.group_name,
        weekly_spend=group.weekly_spend,
        places=group.places,
        margin=margin(group),
        spend_share=spend_share,
        place_share=place_share,
        rank_by_margin=ranks[0],
        rank_by_spend=ranks[1],
        hard_to_replace=place_share >= threshold,
    )


def _margin_order(group: GroupFigures) -> RankKey:
    value = margin(group)
    return value is None, -(value or Decimal(0)), group.group_name


def _spend_order(group: GroupFigures) -> RankKey:
    return False, -group.weekly_spend, group.group_name


def _ranks(figures: Sequence[GroupFigures], order: Callable[[GroupFigures], RankKey]) -> list[int]:
    """Each group's position (from 1) when sorted by `order`, listed in the groups' input order."""
    ordered = sorted(range(len(figures)), key=lambda index: order(figures[index]))
    ranks = [0] * len(figures)
    for position, index in enumerate(ordered, start=1):
        ranks[index] = position
    return ranks


def _share(part: Decimal, whole: Decimal) -> Decimal:
    # A region with no spend or no places yet gives every group a share of 0, not an error.
    if whole == 0:
        return Decimal("0.0000")
    return _four_places(part / whole)


def _four_places(value: Decimal) -> Decimal:
    return value.quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)
