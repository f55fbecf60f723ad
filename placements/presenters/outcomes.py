"""The outcomes page's tables (each also a CSV download) and the formats its figures use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from placements import outcomes as figures
from placements.models import Placement
from placements.models.choices import DeclineReason
from rcc.kit.format import money, number, share
from rcc.kit.tables import Column

PAGE_PROVIDERS = 50  # the rest are in the CSV download


@dataclass(frozen=True)
class Table:
    name: str  # the ?format= of its CSV download
    caption: str
    columns: list[Column]
    rows: list[Any]  # all of them, for the CSV
    shown: int | None = None  # how many the page shows (the total row always), None for all

    @property
    def page_rows(self) -> list[Any]:
        if self.shown is None or len(self.rows) <= self.shown + 1:
            return self.rows
        return [*self.rows[: self.shown], self.rows[-1]]


def _label(choices: Any, value: str) -> str:
    return choices(value).label if value in choices.values else value


def _with_total(rows: list[Any], total: Any) -> list[Any]:
    return [*rows, total] if len(rows) > 1 else rows


def _num(header: str, value) -> Column:
    return Column(header, value, numeric=True)


def time_columns() -> list[Column]:
    return [
        Column("Council", lambda c: c.council),
        _num("Placements from referrals", lambda c: c.time.placements),
        _num("Median days", lambda c: number(c.time.median_days)),
        _num("Mean days", lambda c: number(c.time.mean_days)),
    ]


def distance_columns() -> list[Column]:
    return [
        Column("Council", lambda c: c.council),
        _num("Placements", lambda c: c.distance.placements),
        _num("Within 20 miles", lambda c: c.distance.within),
        _num("Over 20 miles", lambda c: c.distance.beyond),
        _num("Distance unknown", lambda c: c.distance.unknown),
        _num("Share within 20 miles", lambda c: share(c.distance.share_within)),
    ]


def outside_columns() -> list[Column]:
    return [
        Column("Council", lambda c: c.council),
        _num("Placements", lambda c: c.out_of_area.placements),
        _num("Outside home council", lambda c: c.out_of_area.outside),
        _num("Share outside", lambda c: share(c.out_of_area.share_outside)),
    ]


def ending_columns() -> list[Column]:
    return [
        Column("Council", lambda c: c.council),
        _num("Started 12+ months ago or ended", lambda c: c.endings.observed),
        _num("Unplanned endings within 12 months", lambda c: c.endings.unplanned),
        _num("Share unplanned", lambda c: share(c.endings.share_unplanned)),
    ]


def response_columns() -> list[Column]:
    return [
        Column("Provider", lambda r: r.provider),
        _num("Referrals sent", lambda r: r.sent),
        _num("Responded", lambda r: r.responded),
        _num("Response rate", lambda r: share(r.rate)),
        _num("Median hours to respond", lambda r: number(r.median_hours)),
    ]


def decline_columns() -> list[Column]:
    return [
        Column("Reason", lambda d: _label(DeclineReason, d.reason)),
        _num("Declines", lambda d: d.count),
        _num("Share of declines", lambda d: share(d.share)),
    ]


def route_columns() -> list[Column]:
    return [
        Column("Route", lambda r: _label(Placement.Route, r.route)),
        _num("Placements", lambda r: r.placements),
        _num("Share of placements", lambda r: share(r.share)),
        _num("Average agreed weekly cost", lambda r: money(r.average_weekly_cost)),
    ]


def tables(o: figures.Outcomes) -> dict[str, Table]:
    councils = _with_total(o.councils, o.overall)
    providers = _with_total(o.providers, o.responses)
    made = [
        Table(
            "time-to-placement", "Days from referral to start, by council", time_columns(), councils
        ),
        Table("distance", "Distance from home, by council", distance_columns(), councils),
        Table("outside-council", "Placed outside the home council", outside_columns(), councils),
        Table(
            "unplanned-endings",
            "Unplanned endings in the first 12 months",
            ending_columns(),
            councils,
        ),
        Table(
            "responses",
            "Providers' responses, most referrals first",
            response_columns(),
            providers,
            PAGE_PROVIDERS,
        ),
        Table(
            "decline-reasons",
            "Why providers declined, most common first",
            decline_columns(),
            o.declines,
        ),
        Table("routes", "Framework and spot placements", route_columns(), o.routes),
    ]
    return {table.name: table for table in made}


def outcomes_page(o: figures.Outcomes, by_name: dict[str, Table], *, scope: str) -> dict[str, Any]:
    """The outcomes page: the figures, their tables, and the formats its template uses."""
    return {
        "title": "Outcomes",
        "scope": scope,
        "o": o,
        "tables": by_name,
        "page_providers": PAGE_PROVIDERS,
    }
