"""Partners' quarterly datasets: upload, the region's uploads, and charts beside the care figures.

Aggregates only: a figure is a count for a council and quarter; no page lists a child.
"""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET, require_http_methods

from rcc import access
from rcc.kit.tables import csv_response, render_list
from sufficiency.forms.partner import PartnerUploadForm
from sufficiency.partner_data import PartnerFileError
from sufficiency.presenters import partner as presenters
from sufficiency.selectors import partner as selectors
from sufficiency.services.partner import UploadReport, upload_partner_dataset


@require_http_methods(["GET", "POST"])
@permission_required(access.UPLOAD_PARTNER_DATA, raise_exception=True)
def upload(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = PartnerUploadForm(request.POST, request.FILES) if posted else PartnerUploadForm()
    report = _upload(request, form) if posted and form.is_valid() else None
    return render(request, "sufficiency/partners/upload.html", presenters.upload_page(form, report))


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


@require_GET
@permission_required(access.VIEW_PARTNER_DATA, raise_exception=True)
def dataset_list(request: HttpRequest) -> HttpResponse:
    page = presenters.dataset_list(can_upload=access.can(request.user, access.UPLOAD_PARTNER_DATA))
    return render_list(request, rows=selectors.datasets(request.user), **page)


@require_GET
@permission_required(access.VIEW_PARTNER_DATA, raise_exception=True)
def dataset_detail(request: HttpRequest, dataset_id: int) -> HttpResponse:
    dataset = access.get_dataset_for_user(request.user, dataset_id)
    page = presenters.dataset_detail(dataset)
    return render_list(request, rows=selectors.figures_of(dataset), **page)


@require_GET
@permission_required(access.VIEW_PARTNER_DATA, raise_exception=True)
def kind_chart(request: HttpRequest, partner_kind: str) -> HttpResponse:
    kind = selectors.get_kind(partner_kind)
    region = selectors.get_chart_region(request.user, request.GET.get("region"))
    quarters = selectors.quarterly_figures(request.user, region, kind)
    figures = presenters.kind_figures(kind, region.name, quarters)
    wanted = next((f for f in figures if f.name == request.GET.get("format")), None)
    if wanted is not None:
        return csv_response(f"{kind.slug}-{wanted.name}", wanted.columns, wanted.rows)
    regions = selectors.chart_regions(request.user)
    context = presenters.chart_page(kind, region, regions, figures, any_quarter=bool(quarters))
    return render(request, "sufficiency/partners/chart.html", context)
