"""The Individual Placement Agreement: its page (both sides), cost CSV, PDF, new versions,
confirmations and actual costs (ADR 0020)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from placements.forms.agreements import ActualCostForm, AgreementForm, agreement_initial
from placements.presenters import agreements as presenters
from placements.selectors import agreements as selectors
from placements.services import agreements as services
from rcc import access, exports
from rcc.flows import form_page, submit
from rcc.kit import pdf
from rcc.kit.tables import csv_response, render_list
from rcc.services import ServiceError


def _record(request: HttpRequest, placement_id) -> dict:
    if not access.can_view_agreements(request.user):
        raise PermissionDenied
    return selectors.agreement_record(request.user, placement_id)


@require_GET
def agreement_list(request: HttpRequest) -> HttpResponse:
    if not access.can_view_agreements(request.user):
        raise PermissionDenied
    return render_list(
        request,
        title="Placement agreements",
        rows=selectors.agreement_list(request.user),
        columns=presenters.LIST_COLUMNS,
        csv_name="placement-agreements",
        audited=True,
        extra=presenters.LIST_EMPTY,
    )


@require_GET
def agreement_detail(request: HttpRequest, placement_id) -> HttpResponse:
    page = presenters.agreement_page(_record(request, placement_id))
    return render(request, "placements/agreement.html", page)


@require_GET
def agreement_costs_csv(request: HttpRequest, placement_id) -> HttpResponse:
    record = _record(request, placement_id)
    rows = exports.audited_list(
        presenters.cost_rows(record["current"]),
        actor=request.user,
        name="placement-agreement-costs",
        options={"placement": str(placement_id), "version": record["current"].number},
    )
    return csv_response("placement-agreement-costs", presenters.COST_COLUMNS, rows)


@require_GET
def agreement_pdf(request: HttpRequest, placement_id) -> HttpResponse:
    record = _record(request, placement_id)
    data = pdf.render(presenters.pdf_html(record))
    return pdf.response(data, presenters.pdf_filename(record))


@require_POST
def agreement_confirm(request: HttpRequest, placement_id) -> HttpResponse:
    record = _record(request, placement_id)
    if record["side"] is None:
        raise PermissionDenied
    number = request.POST.get("version", "")
    version = next((v for v in record["versions"] if str(v.number) == number), None)
    if version is None:
        messages.error(request, "Choose a version to confirm")
    else:
        try:
            services.confirm_version(actor=request.user, version=version)
            messages.success(request, f"You confirmed version {version.number}.")
        except ServiceError as error:
            messages.error(request, str(error))
    return redirect(presenters.agreement_url(record["placement"]))


def _change_page(request, record, form, act, *, title: str, submit_text: str, message: str):
    """A council-only form page that calls one service and returns to the agreement."""
    if not record["can_change"]:
        raise PermissionDenied
    page = presenters.form_page(record["placement"], title=title, submit_text=submit_text)
    done = submit(request, form, act, success_url=page["back_url"], message=message)
    return done or form_page(request, form, **page)


@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, placement_id) -> HttpResponse:
    record = _record(request, placement_id)
    form = AgreementForm(request.POST or None, initial=agreement_initial(record["current"]))
    return _change_page(
        request,
        record,
        form,
        lambda d: services.change_agreement(actor=request.user, agreement=record["agreement"], **d),
        title="Change the agreement",
        submit_text="Save as a new version",
        message="Saved as a new version: both sides need to confirm it.",
    )


@require_http_methods(["GET", "POST"])
def actual_cost_new(request: HttpRequest, placement_id) -> HttpResponse:
    record = _record(request, placement_id)
    return _change_page(
        request,
        record,
        ActualCostForm(request.POST or None),
        lambda d: services.record_actual_cost(
            actor=request.user, agreement=record["agreement"], **d
        ),
        title="Record the actual weekly cost",
        submit_text="Record",
        message="Actual weekly cost recorded.",
    )
