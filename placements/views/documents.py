"""Referral documents (upload, release, download) and each provider's thread with the council."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from placements.forms.documents import DocumentForm, MessageForm, ReleaseForm
from placements.presenters import documents as presenters
from placements.services import documents as services
from placements.services import messages as message_services
from rcc import access
from rcc.services import ServiceError


@require_http_methods(["GET", "POST"])
def referral_documents(request: HttpRequest, referral_id) -> HttpResponse:
    """The referral's documents, what each provider may see, and a form to attach one."""
    if not access.can(request.user, access.VIEW_REFERRAL_QUEUE):
        raise PermissionDenied
    referral = access.get_referral_for_user(request.user, referral_id)
    form = None
    if access.can(request.user, access.ATTACH_DOCUMENTS):
        referral = access.get_referral_to_attach_to(request.user, referral_id)
        form, done = _attach(request, referral)
        if done:
            return done
    elif request.method == "POST":
        raise PermissionDenied
    page = presenters.documents_page(request.user, referral, form)
    return render(request, "placements/documents.html", page)


def _attach(request: HttpRequest, referral) -> tuple[DocumentForm, HttpResponse | None]:
    posted = request.method == "POST"
    form = DocumentForm(request.POST if posted else None, request.FILES if posted else None)
    if not (posted and form.is_valid()):
        return form, None
    data = form.cleaned_data
    services.upload_document(
        actor=request.user,
        referral=referral,
        kind=data["kind"],
        title=data["title"],
        file=data["file"],
        size=data["file"].size,
    )
    messages.success(request, "The document is attached.")
    return form, redirect("placements:referral_documents", referral_id=referral.public_id)


@require_POST
@permission_required(access.RELEASE_DOCUMENTS, raise_exception=True)
def document_release(request: HttpRequest, document_id) -> HttpResponse:
    """Release a document to one provider the referral was sent to, or withdraw it."""
    document = access.get_document_to_release(request.user, document_id)
    form = ReleaseForm(request.POST)
    if not form.is_valid():
        raise Http404
    distribution = access.get_distribution_for_user(request.user, form.cleaned_data["distribution"])
    act = services.release_document if form.cleaned_data["release"] else services.withdraw_document
    try:
        act(actor=request.user, document=document, distribution=distribution)
    except ServiceError as error:
        messages.error(request, str(error))
    else:
        done = "released to" if form.cleaned_data["release"] else "withdrawn from"
        messages.success(request, f"“{document.title}” is {done} {distribution.provider.name}.")
    return redirect("placements:referral_documents", referral_id=document.referral.public_id)


@require_GET
def document_download(request: HttpRequest, document_id) -> FileResponse:
    """The only way to a stored file: access checked, audited, always an attachment."""
    document = access.get_document_for_user(request.user, document_id)
    services.record_download(actor=request.user, document=document)
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
@permission_required(access.MESSAGE_ON_REFERRALS, raise_exception=True)
def conversation(request: HttpRequest, distribution_id: int) -> HttpResponse:
    """One referral's thread between a provider and the council."""
    distribution = access.get_distribution_to_message(request.user, distribution_id)
    from_provider = access.is_provider_staff(request.user)
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _post(request, form, distribution):
        messages.success(request, "Your message is sent.")
        return redirect("placements:conversation", distribution_id=distribution.pk)
    page = presenters.conversation_page(distribution, form, from_provider=from_provider)
    return render(request, "placements/conversation.html", page)


def _post(request: HttpRequest, form: MessageForm, distribution) -> bool:
    try:
        message_services.post_message(
            actor=request.user,
            distribution=distribution,
            body=form.cleaned_data["body"],
            from_provider=access.is_provider_staff(request.user),
        )
    except ServiceError as error:
        form.add_error("body", str(error))
        return False
    return True
