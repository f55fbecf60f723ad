"""The Ofsted upload page: a commissioner loads Ofsted's provider-level CSV."""

from __future__ import annotations

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from providers.forms.ofsted import OfstedUploadForm
from providers.ofsted import OfstedFileError
from providers.services.ofsted import ImportReport, import_ofsted
from rcc import access


@require_http_methods(["GET", "POST"])
@permission_required(access.MANAGE_REGISTER, raise_exception=True)
def ofsted_upload(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    form = OfstedUploadForm(request.POST, request.FILES) if posted else OfstedUploadForm()
    report = _import(request, form) if posted and form.is_valid() else None
    return render(
        request,
        "providers/ofsted_upload.html",
        {"title": "Import Ofsted data", "form": form, "report": report},
    )


def _import(request: HttpRequest, form: OfstedUploadForm) -> ImportReport | None:
    """Run the import; a file that cannot be read becomes an error on the form."""
    membership = access.acting_membership(request.user)
    try:
        return import_ofsted(
            text=form.cleaned_data["file"],
            actor=request.user,
            region=membership.region if membership else None,
        )
    except OfstedFileError as exc:
        form.add_error("file", str(exc))
        return None
