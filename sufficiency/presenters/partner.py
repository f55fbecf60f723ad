"""Display of partners' datasets: the columns of the uploads and their figures, and the
charts of a kind of dataset beside the children in care, each with the table of its numbers.

Aggregates only: a figure is a count for a council and quarter; nothing here lists a child.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from rcc.kit import charts
from rcc.kit.format import format_date, format_datetime
from rcc.kit.tables import Column, number
from rcc.models import Region
from sufficiency.models.partner import PartnerDataset
from sufficiency.partner_data import KINDS, Kind, quarter_label

if TYPE_CHECKING:
    from sufficiency.selectors.partner import QuarterFigures


def quarter_span(dataset: PartnerDataset) -> str:
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
    Column("Quarters", quarter_span),
    number("Figures", lambda d: d.row_count),
    Column("Status", lambda d: d.get_status_display()),
]

FIGURE_COLUMNS = [
    Column("Quarter", lambda f: f.quarter),
    Column("Council", lambda f: f.local_authority.name),
    Column("ONS code", lambda f: f.local_authority.gss_code),
    Column("Measure", lambda f: f.measure),
    number("Value", lambda f: "c" if f.value is None else f.value),
]


def upload_page(form: Any, report: Any) -> dict[str, Any]:
    return {"title": "Upload a partner dataset", "form": form, "report": report, "kinds": KINDS}


def dataset_list(*, can_upload: bool) -> dict[str, Any]:
    """``render_list``'s arguments for the list of uploads (but the request and rows)."""
    actions = [
        {"href": reverse("partners:chart", kwargs={"partner_kind": k.slug}), "text": k.name}
        for k in KINDS.values()
    ]
    if can_upload:
        actions.insert(0, {"href": reverse("partners:upload"), "text": "Upload a dataset"})
    return {
        "title": "Partner datasets",
        "columns": DATASET_COLUMNS,
        "csv_name": "partner-datasets",
        "extra": {
            "intro": "Quarterly figures from health and youth justice partners, by council. "
            "Figures only: no child is named.",
            "actions": actions,
            "empty": "No partner has uploaded a dataset yet.",
        },
    }


def dataset_detail(dataset: PartnerDataset) -> dict[str, Any]:
    """``render_list``'s arguments for one upload's figures (but the request and rows)."""
    return {
        "title": f"{dataset.kind_name}: {quarter_span(dataset)}",
        "columns": FIGURE_COLUMNS,
        "csv_name": f"partner-dataset-{dataset.pk}",
        "extra": {
            "intro": f"Uploaded {format_datetime(dataset.uploaded_at)} for {dataset.region.name}. "
            f"Status: {dataset.get_status_display().lower()}. A value of c was suppressed "
            "by the partner because it is small.",
            "actions": [{"href": reverse("partners:datasets"), "text": "All partner datasets"}],
            "empty": "A later upload replaced every figure of this one.",
        },
    }


# Charts of a kind of dataset -----------------------------------------------------------------
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
    Column("Quarter end", lambda q: format_date(q.end), raw=lambda q: q.end.isoformat()),
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


def chart_page(
    kind: Kind, region: Region, regions: Any, figures: list[Figure], *, any_quarter: bool
) -> dict[str, Any]:
    return {
        "title": kind.name,
        "region": region,
        "regions": regions,
        "figures": figures if any_quarter else [],
        "kind": kind,
    }
