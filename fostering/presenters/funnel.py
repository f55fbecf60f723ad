"""The funnel page's figures: each a chart and the table (and CSV) holding its numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from fostering import funnel
from rcc.kit import charts
from rcc.kit.format import share
from rcc.kit.tables import Column, number


@dataclass(frozen=True)
class Figure:
    """A chart and the table holding its numbers (``name`` is its CSV's ?format=)."""

    name: str
    heading: str
    caption: str
    columns: list[Column]
    rows: list[Any]
    chart: SafeString


def _days(value: Any) -> str:
    return "" if value is None else f"{value:,.1f}".removesuffix(".0")


def _stage_columns(first: str) -> list[Column]:
    return [
        Column(first, lambda c: c.label),
        number("Enquiries", lambda c: c.enquiries),
        number("Initial visits", lambda c: c.initial_visits),
        number("Applications", lambda c: c.applications),
        number("Stage 2 starts", lambda c: c.stage_2),
        number("Approvals", lambda c: c.approvals),
        number("Enquiry to visit", lambda c: share(c.visit_rate)),
        number("Visit to application", lambda c: share(c.application_rate)),
        number("Application to Stage 2", lambda c: share(c.stage_2_rate)),
        number("Stage 2 to approval", lambda c: share(c.approval_rate)),
        number("Enquiry to application", lambda c: share(c.enquiry_to_application)),
    ]


FUNNEL_COLUMNS = [
    Column("Stage", lambda s: s[0]),
    number("People", lambda s: s[1]),
    number("Conversion from the stage before", lambda s: share(s[2])),
]
DAYS_COLUMNS = [
    Column("Step", lambda t: t.step),
    number("People", lambda t: t.people),
    number("Median days", lambda t: _days(t.median_days)),
]
CARER_COLUMNS = [
    Column("Month", lambda c: c.label),
    number("Approved", lambda c: c.approved),
    number("Lost", lambda c: c.lost),
    number("Net change", lambda c: c.net),
]
CAPACITY_COLUMNS = [
    Column("Council", lambda c: c.council),
    number("Carers", lambda c: c.carers),
    number("Places", lambda c: c.places),
    number("Children living there", lambda c: c.children),
    number("Free places", lambda c: c.free_places),
    number("Offered to matching", lambda c: c.offered),
]


def _chart(kind: str, name: str, title: str, labels: Sequence[str], series: Any) -> SafeString:
    draw = charts.bar_chart if kind == "bars" else charts.line_chart
    svg = draw(
        chart_id=f"chart-{name}",
        title=title,
        description="The numbers are in the table below the chart.",
        labels=labels,
        series=series,
    )
    return mark_safe(svg)  # noqa: S308 (charts.py escapes every text it writes)


def _series(rows: Sequence[Any], **named: str) -> list[tuple[str, list[float]]]:
    """(label, values) pairs, each value the named attribute of every row."""
    return [(label, [float(getattr(r, attr) or 0) for r in rows]) for attr, label in named.items()]


def _stages(f: funnel.Funnel) -> Figure:
    stages = f.stages
    chart = _chart(
        "bars",
        "funnel",
        "People reaching each stage",
        [s[0] for s in stages],
        [("People", [s[1] for s in stages])],
    )
    return Figure(
        "funnel",
        "From enquiry to approval",
        "People reaching each stage, of enquiries in the last 12 months",
        FUNNEL_COLUMNS,
        stages,
        chart,
    )


def _months(f: funnel.Funnel) -> Figure:
    stage_names = {s: funnel.STAGE_LABELS[s] for s, _ in funnel.STAGES}
    chart = _chart(
        "lines",
        "months",
        "Each stage reached, by month of enquiry",
        [m.label for m in f.months],
        _series(f.months, **stage_names),
    )
    return Figure(
        "months",
        "By month of enquiry",
        "Enquiries of each month and how far they have come",
        _stage_columns("Month"),
        [*f.months, f.total],
        chart,
    )


def _sources(f: funnel.Funnel) -> Figure:
    sources = f.sources
    chart = _chart(
        "bars",
        "sources",
        "Enquiries and applications by source",
        [s.label for s in sources],
        _series(sources, enquiries="Enquiries", applications="Applications"),
    )
    return Figure(
        "sources",
        "By source",
        "Enquiries by where they heard about fostering, most first",
        _stage_columns("Source"),
        [*sources, f.total] if sources else [],
        chart,
    )


def _stage_days(f: funnel.Funnel) -> Figure:
    times = f.stage_times
    chart = _chart(
        "bars",
        "stage-days",
        "Median days of each step",
        [t.step for t in times],
        _series(times, median_days="Median days"),
    )
    return Figure(
        "stage-days",
        "How long each stage takes",
        "Median calendar days of each step",
        DAYS_COLUMNS,
        times,
        chart,
    )


def _carers(f: funnel.Funnel) -> Figure:
    chart = _chart(
        "lines",
        "carers",
        "Carers approved and lost by month",
        [m.label for m in f.months],
        _series(f.carers, approved="Approved", lost="Lost"),
    )
    return Figure(
        "carers",
        "Carers approved and lost",
        "Carers approved and lost by month, and the net change",
        CARER_COLUMNS,
        [*f.carers, f.carers_total],
        chart,
    )


def _capacity(f: funnel.Funnel) -> Figure:
    councils = f.capacity[:-1] if len(f.capacity) > 1 else f.capacity  # without the total
    chart = _chart(
        "bars",
        "capacity",
        "Places and free places by council",
        [c.council for c in councils],
        _series(councils, places="Places", free_places="Free places"),
    )
    return Figure(
        "capacity",
        "Capacity by council",
        "Active carers' places and free places by council",
        CAPACITY_COLUMNS,
        f.capacity,
        chart,
    )


def funnel_figures(f: funnel.Funnel) -> list[Figure]:
    """The page's figures in order: the funnel, months, sources, stage days, carers, capacity."""
    return [_stages(f), _months(f), _sources(f), _stage_days(f), _carers(f), _capacity(f)]


def figure_named(figures: list[Figure], name: str | None) -> Figure | None:
    """The figure a CSV link asks for (``?format=<name>``), if any."""
    return next((g for g in figures if g.name == name), None)


def funnel_page(f: funnel.Funnel, figures: list[Figure], *, scope: str) -> dict[str, Any]:
    """The funnel page's context: its scope's name, the totals and the figures."""
    return {
        "title": "Fostering recruitment funnel",
        "scope": scope,
        "total": f.total,
        "figures": figures,
    }
