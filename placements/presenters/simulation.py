"""The simulation results page: one row per policy, a chart of the shares, the table, a CSV."""

from __future__ import annotations

from typing import Any

from django.utils.safestring import SafeString, mark_safe

from rcc.kit import charts
from rcc.kit.format import money, number, share
from rcc.kit.tables import Column

POLICY_NAMES = {
    "status_quo": "Status quo (first offer to arrive)",
    "one_at_a_time": "One at a time (best of each child's offers)",
    "regional": "Regional allocation",
    "regional_patient": "Regional allocation, waiting for a nearer place",
}


def _figure(row: dict, key: str) -> Any:
    value = row.get(key)
    return value["mean"] if isinstance(value, dict) else value


def _in_order(name: str) -> tuple[int, str]:
    # PostgreSQL's jsonb keeps keys in its own order (shortest first): show the policies in ours.
    order = list(POLICY_NAMES)
    return (order.index(name) if name in order else len(order), name)


def rows(report: dict) -> list[dict]:
    policies = report.get("policies", {})
    return [
        {"policy": POLICY_NAMES.get(name, name), **policies[name]}
        for name in sorted(policies, key=_in_order)
    ]


def _maybe(fmt, value):
    return "not known" if value is None else fmt(value)


def columns() -> list[Column]:
    def num(header, key, fmt):
        return Column(header, lambda r: _maybe(fmt, _figure(r, key)), numeric=True)

    return [
        Column("Policy", lambda r: r["policy"]),
        num("Within 20 miles", "within_20_miles", share),
        num("Outside the home council", "outside_council", share),
        num("Distance unknown", "unknown_distance", share),
        num("Median days to place", "days_to_place_median", number),
        num("Not placed by the date", "not_placed_by_date", number),
        num("Mean weekly cost", "weekly_cost_mean", money),
        num("Unplanned endings in 12 months", "unplanned_endings_12m", number),
        num("Nearer than status quo", "better_off_than_status_quo", number),
        num("Further than status quo", "worse_off_than_status_quo", number),
    ]


def chart(table_rows: list[dict]) -> SafeString:
    def percent(key):
        return [round(100 * (_figure(r, key) or 0), 1) for r in table_rows]

    svg = charts.bar_chart(
        chart_id="simulation-chart",
        title="Share of children placed within 20 miles of home, by policy (per cent)",
        description="For each policy: per cent of the year's children placed within 20 miles "
        "of home, and per cent whose distance is unknown. The table after the chart holds the "
        "numbers.",
        labels=[r["policy"] for r in table_rows],
        series=[
            ("Within 20 miles", percent("within_20_miles")),
            ("Distance unknown", percent("unknown_distance")),
        ],
    )
    return mark_safe(svg)  # noqa: S308 (charts escape every text they write)
