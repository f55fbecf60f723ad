"""A council's 903 return: upload it, follow the import, read its report (and its errors as CSV)."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from placements.forms.ssda903 import Ssda903UploadForm
from placements.selectors import ssda903 as selectors
from placements.services.ssda903 import start_import
from placements.ssda903.specs import year_label
from rcc import access
from rcc.presenters import format_datetime
from rcc.services import ServiceError
from rcc.tables import Column, csv_response, number, render_list

COUNT_ROWS = (
    ("children_created", "Children created"),
    ("children_updated", "Children updated"),
    ("children_unchanged", "Children unchanged"),
    ("episodes_created", "Episodes created"),
    ("episodes_updated", "Episodes updated"),
    ("episodes_unchanged", "Episodes unchanged"),
    ("episodes_deleted", "Episodes deleted (no longer in the return)"),
    ("episodes_kept", "Episodes kept (recorded by the platform)"),
)


def _years(record) -> str:
    return ", ".join(year_label(year) for year in record.years)


IMPORT_COLUMNS = [
    Column(
        "Started",
        lambda r: format_datetime(r.created_at),
        link=lambda r: reverse("placements:ssda903_import", kwargs={"import_id": r.pk}),
    ),
    Column("Council", lambda r: r.local_authority.name),
    Column("Years", _years),
    Column("By", lambda r: r.started_by.full_name if r.started_by else "Command line"),
    Column("Status", lambda r: r.get_status_display()),
    number("Problems", lambda r: r.error_count),
]


@require_GET
@permission_required(access.IMPORT_903, raise_exception=True)
def import_list(request: HttpRequest) -> HttpResponse:
    return render_list(
        request,
        title="903 imports",
        rows=selectors.imports_for(request.user),
        columns=IMPORT_COLUMNS,
        csv_name="903-imports",
        extra={
            "intro": "Each upload of a council's SSDA903 files, with what it created, updated "
            "and rejected.",
            "actions": [{"href": reverse("placements:ssda903_upload"), "text": "Upload 903 files"}],
            "empty": "No 903 files have been imported yet.",
        },
    )


@require_http_methods(["GET", "POST"])
@permission_required(access.IMPORT_903, raise_exception=True)
def upload(request: HttpRequest) -> HttpResponse:
    councils = selectors.import_councils_for(request.user)
    posted = request.method == "POST"
    form = Ssda903UploadForm(
        request.POST if posted else None, request.FILES if posted else None, councils=councils
    )
    if posted and form.is_valid():
        try:
            record = start_import(
                actor=request.user,
                council=form.cleaned_data["council"],
                files=form.cleaned_data["return_files"],
                year=form.cleaned_data["year"],
            )
        except ServiceError as exc:
            form.add_error("return_files", str(exc))
        else:
            return redirect("placements:ssda903_import", import_id=record.pk)
    return render(
        request, "placements/ssda903_upload.html", {"title": "Upload 903 files", "form": form}
    )


ERROR_COLUMNS = [
    Column("File", lambda e: e["file"]),
    Column("Row", lambda e: e["row"] or "Whole file"),
    Column("Column", lambda e: e["column"]),
    Column("Problem", lambda e: e["reason"]),
]


@require_GET
@permission_required(access.IMPORT_903, raise_exception=True)
def import_detail(request: HttpRequest, import_id: int) -> HttpResponse:
    record = selectors.get_import_for_user(request.user, import_id)
    if request.GET.get("format") == "csv":
        return csv_response(f"903-import-{record.pk}-problems", ERROR_COLUMNS, record.errors)
    years = record.counts.get("years", {}) if record.status == record.Status.IMPORTED else {}
    rows_read = selectors.rows_read(record)
    return render(
        request,
        "placements/ssda903_import.html",
        {
            "title": f"903 import for {record.local_authority.name}",
            "record": record,
            "years_label": _years(record),
            "started": format_datetime(record.created_at),
            "rows_read": rows_read,
            "percent": min(100, rows_read * 100 // record.total_rows) if record.total_rows else 0,
            "count_rows": COUNT_ROWS,
            "years": [(year_label(int(y)), counts) for y, counts in sorted(years.items())],
            "errors": record.errors[:500],
        },
    )
