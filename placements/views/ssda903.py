"""A council's 903 return: upload it, follow the import, read its report (and its errors as CSV)."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from placements import tasks
from placements.forms.ssda903 import Ssda903ExportForm, Ssda903UploadForm
from placements.presenters import ssda903 as presenters
from placements.selectors import ssda903 as selectors
from placements.services.ssda903 import export_zip, start_import
from placements.services.ssda903_rules import start_validation
from rcc import access
from rcc.kit.tables import csv_response, render_list
from rcc.services import ServiceError


@require_GET
@permission_required(access.IMPORT_903, raise_exception=True)
def import_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        title="903 imports",
        rows=selectors.imports_for(request.user),
        columns=presenters.IMPORT_COLUMNS,
        csv_name="903-imports",
        extra=presenters.imports_page(),
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.IMPORT_903, raise_exception=True)
def upload(request: HttpRequest) -> HttpResponse:
    councils = selectors.import_councils_for(request.user)
    posted = request.method == "POST"
    form = Ssda903UploadForm(
        request.POST if posted else None, request.FILES if posted else None, councils=councils
    )
    record = _start(request, form) if posted and form.is_valid() else None
    if record is not None:
        return redirect("placements:ssda903_import", import_id=record.pk)
    return render(
        request, "placements/ssda903_upload.html", {"title": "Upload 903 files", "form": form}
    )


def _start(request: HttpRequest, form: Ssda903UploadForm):
    """Record the upload and queue its import; a refusal becomes an error on the files."""
    try:
        return start_import(
            actor=request.user,
            council=form.cleaned_data["council"],
            files=form.cleaned_data["return_files"],
            year=form.cleaned_data["year"],
            queue=tasks.queue_ssda903_import,
        )
    except ServiceError as exc:
        form.add_error("return_files", str(exc))
        return None


@require_GET
@permission_required(access.IMPORT_903, raise_exception=True)
def import_detail(request: HttpRequest, import_id: int) -> HttpResponse:
    record = access.get_ssda903_import_for_user(request.user, import_id)
    if request.GET.get("format") == "csv":
        name = f"903-import-{record.pk}-problems"
        return csv_response(name, presenters.ERROR_COLUMNS, record.errors)
    report = presenters.import_report(record, rows_read=selectors.rows_read(record))
    return render(request, "placements/ssda903_import.html", report)


@require_GET
@permission_required(access.IMPORT_903, raise_exception=True)
def export(request: HttpRequest) -> HttpResponse:
    """Choose a council and a year; the answer is the year's return, every table, zipped."""
    councils = selectors.import_councils_for(request.user)
    form = Ssda903ExportForm(request.GET or None, councils=councils)
    rules_form = Ssda903ExportForm(prefix="rules", councils=councils)
    if form.is_valid():
        council, year = form.cleaned_data["council"], form.cleaned_data["year"]
        data = export_zip(actor=request.user, council=council, year=year)
        return presenters.zip_response(data, presenters.export_name(year, "all", council))
    page = presenters.export_page(form, rules_form, selectors.validations_for(request.user))
    return render(request, "placements/ssda903_export.html", page)


@require_http_methods(["POST"])
@permission_required(access.IMPORT_903, raise_exception=True)
def validate(request: HttpRequest) -> HttpResponse:
    """Run the DfE's rules on a council's year (a task); then its report."""
    councils = selectors.import_councils_for(request.user)
    rules_form = Ssda903ExportForm(request.POST, prefix="rules", councils=councils)
    record = _start_rules(request, rules_form) if rules_form.is_valid() else None
    if record is not None:
        return redirect("placements:ssda903_validation", validation_id=record.pk)
    form = Ssda903ExportForm(councils=councils)
    page = presenters.export_page(form, rules_form, selectors.validations_for(request.user))
    return render(request, "placements/ssda903_export.html", page)


def _start_rules(request: HttpRequest, form: Ssda903ExportForm):
    try:
        return start_validation(
            actor=request.user,
            council=form.cleaned_data["council"],
            year=form.cleaned_data["year"],
            queue=tasks.queue_ssda903_validation,
        )
    except ServiceError as exc:
        form.add_error("year", str(exc))
        return None


@require_GET
@permission_required(access.IMPORT_903, raise_exception=True)
def validation_detail(request: HttpRequest, validation_id: int) -> HttpResponse:
    record = access.get_ssda903_validation_for_user(request.user, validation_id)
    children = selectors.child_ids(record.local_authority, (e["child"] for e in record.errors))
    if request.GET.get("format") == "csv":
        rows = presenters.rule_errors(record, children)
        return csv_response(f"903-rules-{record.pk}", presenters.RULE_ERROR_COLUMNS, rows)
    report = presenters.validation_report(record, children)
    return render(request, "placements/ssda903_validation.html", report)
