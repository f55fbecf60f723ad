"""Partners' quarterly datasets: upload, the region's uploads, and charts beside the care figures.

Aggregates only: a figure is a count for a council and quarter; no page lists a child.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from fostering import charts
from rcc import access
from rcc.presenters import format_datetime
from rcc.tables import Column, csv_response, number, render_list
from sufficiency.forms.partner import PartnerUploadForm
from sufficiency.partner_data import KINDS, Kind, PartnerFileError, quarter_label
from sufficiency.selectors import partner as selectors
from sufficiency.selectors.partner import QuarterFigures
from sufficiency.services.partner import UploadReport, upload_partner_dataset


@require_http_methods(["GET", "POST"])
@permission_required(access.UPLOAD_PARTNER_DATA, raise_exception=True)
def upload(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = PartnerUploadForm(request.POST, request.FILES) if posted else PartnerUploadForm()
    report = _upload(request, form) if posted and form.is_valid() else None
    return render(
        request,
        "sufficiency/partners/upload.html",
        {"title": "Upload a partner dataset", "form": form, "report": report, "kinds": KINDS},
    )


def _upload(request: HttpRequest, form: PartnerUploadForm) -> UploadReport | None:
    """Store the file; one that cannot be used at all becomes an error on the form."""
    try:
        return upload_partner_dataset(
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["file"],
            actor=request.user,
            region=access.acting_membership(request.user).region,
        )
    except PartnerFileError as exc:
        form.add_error("file", str(exc))
        return None


def _quarters(dataset: Any) -> str:
    first, last = quarter_label(dataset.first_quarter), quarter_label(dataset.last_quarter)
    return first if first == last else f"{first} to {last}"


DATASET_COLUMNS = [
    Column(
        "Uploaded",
        lambda d: format_datetime(d.uploaded_at),
        link=lambda d: reverse("partners:dataset", kwargs={"dataset_id": d.pk}),
    ),
    Column("Dataset", lambda d: d.kind_name),
    Column("Region", lambda d: d.region.name),
    Column("Quarters", _quarters),
    number("Figures", lambda d: d.row_count),
    Column("Status", lambda d: d.get_status_display()),
]


@require_GET
@permission_required(access.VIEW_PARTNER_DATA, raise_exception=True)
def dataset_list(request: HttpRequest) -> HttpResponse:
    actions = [
        {"href": reverse("partners:chart", kwargs={"partner_kind": k.slug}), "text": k.name}
        for k in KINDS.values()
    ]
    if access.can(request.user, access.UPLOAD_PARTNER_DATA):
        actions.insert(0, {"href": reverse("partners:upload"), "text": "Upload a dataset"})
    return render_list(
        request,
        title="Partner datasets",
        rows=selectors.datasets(request.user),
        columns=DATASET_COLUMNS,
        csv_name="partner-datasets",
        extra={
            "intro": "Quarterly figures from health and youth justice partners, by council. "
            "Figures only: no child is named.",
            "actions": actions,
            "empty": "No partner has uploaded a dataset yet.",
        },
    )


FIGURE_COLUMNS = [
    Column("Quarter", lambda f: f.quarter),
    Column("Council", lambda f: f.local_authority.name),
    Column("ONS code", lambda f: f.local_authority.gss_code),
    Column("Measure", lambda f: f.measure),
    number("Value", lambda f: "c" if f.value is None else f.value),
]


@require_GET
@permission_required(access.VIEW_PARTNER_DATA, raise_exception=True)
def dataset_detail(request: HttpRequest, dataset_id: int) -> HttpResponse:
    dataset = selectors.get_dataset_for_user(request.user, dataset_id)
    return render_list(
        request,
        title=f"{dataset.kind_name}: {_quarters(dataset)}",
        rows=selectors.figures_of(dataset),
        columns=FIGURE_COLUMNS,
        csv_name=f"partner-dataset-{dataset.pk}",
        extra={
            "intro": f"Uploaded {format_datetime(dataset.uploaded_at)} for {dataset.region.name}. "
            f"Status: {dataset.get_status_display().lower()}. A value of c was suppressed "
            "by the partner because it is small.",
            "actions": [{"href": reverse("partners:datasets"), "text": "All partner datasets"}],
            "empty": "A later upload replaced every figure of this one.",
        },
    )


@dataclass(frozen=True)
class Figure:
    """A chart and the table holding its numbers (``name`` is its CSV's ?format=)."""

    name: str
    heading: str
    caption: str
    columns: list[Column]
    rows: list[QuarterFigures]
    chart: SafeString


def _chart(name: str, title: str, labels: Sequence[str], series: Any) -> SafeString:
    svg = charts.line_chart(
        chart_id=f"chart-{name}",
        title=title,
        description="The numbers are in the table below the chart.",
        labels=labels,
        series=series,
    )
    return mark_safe(svg)  # noqa: S308 (charts.py escapes every text it writes)


def _per_thousand(total: int, children: int) -> str:
    return f"{total * 1000 / children:,.1f}" if children else ""


def _measure_columns(measure: str) -> list[Column]:
    return [
        Column("Quarter", lambda q: q.label),
        number("Total", lambda q: q.totals.get(measure, "")),
        number("Councils suppressed", lambda q: q.suppressed.get(measure, "")),
        number("Children in care at quarter end", lambda q: q.children_in_care),
        number(
            "Per 1,000 children in care",
            lambda q: _per_thousand(q.totals.get(measure, 0), q.children_in_care),
        ),
    ]


CARE_COLUMNS = [
    Column("Quarter", lambda q: q.label),
    Column("Quarter end", lambda q: q.end.strftime("%d %b %Y")),
    number("Children in care", lambda q: q.children_in_care),
]


def kind_figures(kind: Kind, region_name: str, quarters: list[QuarterFigures]) -> list[Figure]:
    labels = [q.label for q in quarters]
    figures = [
        Figure(
            measure,
            label,
            f"{label}, {region_name}, by quarter",
            _measure_columns(measure),
            quarters,
            _chart(measure, label, labels, [(label, [q.totals.get(measure, 0) for q in quarters])]),
        )
        for measure, label in kind.measures.items()
    ]
    care = Figure(
        "children-in-care",
        "Children in care",
        f"Children in care in {region_name} at each quarter end",
        CARE_COLUMNS,
        quarters,
        _chart(
            "children-in-care",
            "Children in care at each quarter end",
            labels,
            [("Children in care", [q.children_in_care for q in quarters])],
        ),
    )
    return [*figures, care]


@require_GET
@permission_required(access.VIEW_PARTNER_DATA, raise_exception=True)
def kind_chart(request: HttpRequest, partner_kind: str) -> HttpResponse:
    kind = selectors.get_kind(partner_kind)
    region = selectors.get_chart_region(request.user, request.GET.get("region"))
    quarters = selectors.quarterly_figures(request.user, region, kind)
    figures = kind_figures(kind, region.name, quarters)
    wanted = next((f for f in figures if f.name == request.GET.get("format")), None)
    if wanted is not None:
        return csv_response(f"{kind.slug}-{wanted.name}", wanted.columns, wanted.rows)
    return render(
        request,
        "sufficiency/partners/chart.html",
        {
            "title": kind.name,
            "region": region,
            "regions": selectors.chart_regions(request.user),
            "figures": figures if quarters else [],
            "kind": kind,
        },
    )
