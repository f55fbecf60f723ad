"""The recruitment funnel for commissioners, analysts and hub officers: aggregates only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET

from fostering import charts, funnel
from fostering import selectors_carers as selectors
from providers.presenters.format import percent
from rcc import access
from rcc.tables import Column, csv_response, number


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
        number("Enquiry to visit", lambda c: percent(c.visit_rate)),
        number("Visit to application", lambda c: percent(c.application_rate)),
        number("Application to Stage 2", lambda c: percent(c.stage_2_rate)),
        number("Stage 2 to approval", lambda c: percent(c.approval_rate)),
        number("Enquiry to application", lambda c: percent(c.enquiry_to_application)),
    ]


FUNNEL_COLUMNS = [
    Column("Stage", lambda s: s[0]),
    number("People", lambda s: s[1]),
    number("Conversion from the stage before", lambda s: percent(s[2])),
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


def funnel_figures(f: funnel.Funnel) -> list[Figure]:
    stages, months, sources, times = f.stages, f.months, f.sources, f.stage_times
    councils = f.capacity[:-1] if len(f.capacity) > 1 else f.capacity  # without the total
    month_labels = [m.label for m in months]
    stage_names = {s: funnel.STAGE_LABELS[s] for s, _ in funnel.STAGES}
    return [
        Figure("funnel", "From enquiry to approval",
               "People reaching each stage, of enquiries in the last 12 months",
               FUNNEL_COLUMNS, stages,
               _chart("bars", "funnel", "People reaching each stage", [s[0] for s in stages],
                      [("People", [s[1] for s in stages])])),
        Figure("months", "By month of enquiry",
               "Enquiries of each month and how far they have come",
               _stage_columns("Month"), [*months, f.total],
               _chart("lines", "months", "Each stage reached, by month of enquiry",
                      month_labels, _series(months, **stage_names))),
        Figure("sources", "By source",
               "Enquiries by where they heard about fostering, most first",
               _stage_columns("Source"), [*sources, f.total] if sources else [],
               _chart("bars", "sources", "Enquiries and applications by source",
                      [s.label for s in sources],
                      _series(sources, enquiries="Enquiries", applications="Applications"))),
        Figure("stage-days", "How long each stage takes", "Median calendar days of each step",
               DAYS_COLUMNS, times,
               _chart("bars", "stage-days", "Median days of each step", [t.step for t in times],
                      _series(times, median_days="Median days"))),
        Figure("carers", "Carers approved and lost",
               "Carers approved and lost by month, and the net change",
               CARER_COLUMNS, [*f.carers, f.carers_total],
               _chart("lines", "carers", "Carers approved and lost by month", month_labels,
                      _series(f.carers, approved="Approved", lost="Lost"))),
        Figure("capacity", "Capacity by council",
               "Active carers' places and free places by council", CAPACITY_COLUMNS, f.capacity,
               _chart("bars", "capacity", "Places and free places by council",
                      [c.council for c in councils],
                      _series(councils, places="Places", free_places="Free places"))),
    ]  # fmt: skip


@require_GET
@permission_required(access.VIEW_FOSTERING_FUNNEL, raise_exception=True)
def funnel_page(request: HttpRequest) -> HttpResponse:
    f = selectors.funnel_figures(request.user, today=timezone.localdate())
    figures = funnel_figures(f)
    wanted = next((g for g in figures if g.name == request.GET.get("format")), None)
    if wanted is not None:
        return csv_response(f"fostering-{wanted.name}", wanted.columns, wanted.rows)
    return render(
        request,
        "fostering/carers/funnel.html",
        {
            "title": "Fostering recruitment funnel",
            "scope": selectors.scope_name(request.user),
            "total": f.total,
            "figures": figures,
            "percent": percent,
        },
    )
