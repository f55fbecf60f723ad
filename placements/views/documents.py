"""Referral documents (upload, release, download) and each provider's thread with the council."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from placements.forms.documents import DocumentForm, MessageForm, ReleaseForm
from placements.selectors import documents as selectors
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
    can_attach = access.can(request.user, access.ATTACH_DOCUMENTS)
    form = None
    if can_attach:
        referral = access.get_referral_to_attach_to(request.user, referral_id)
        posted = request.method == "POST"
        form = DocumentForm(request.POST if posted else None, request.FILES if posted else None)
        if posted and form.is_valid():
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
            return redirect("placements:referral_documents", referral_id=referral.public_id)
    elif request.method == "POST":
        raise PermissionDenied
    documents = list(selectors.referral_documents(request.user, referral))
    for document in documents:
        document.released_to = {r.distribution_id for r in document.releases.all()}
    return render(
        request,
        "placements/documents.html",
        {
            "title": "Documents",
            "referral": referral,
            "documents": documents,
            "distributions": selectors.referral_distributions(request.user, referral),
            "can_release": access.can(request.user, access.RELEASE_DOCUMENTS),
            "form": form,
        },
    )


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
    if request.method == "POST" and form.is_valid():
        try:
            message_services.post_message(
                actor=request.user,
                distribution=distribution,
                body=form.cleaned_data["body"],
                from_provider=from_provider,
            )
        except ServiceError as error:
            form.add_error("body", str(error))
        else:
            messages.success(request, "Your message is sent.")
            return redirect("placements:conversation", distribution_id=distribution.pk)
    referral = distribution.referral
    back_url = (
        reverse("placements:received", args=[distribution.pk])
        if from_provider
        else reverse("placements:referral", args=[referral.public_id])
    )
    return render(
        request,
        "placements/conversation.html",
        {
            "title": f"Messages with {distribution.provider.name}"
            if not from_provider
            else f"Messages with {referral.local_authority.name}",
            "distribution": distribution,
            "referral": referral,
            "thread": selectors.thread(distribution),
            "form": form,
            "back_url": back_url,
            "minimised": referral.status not in ("offer_accepted", "placed"),
        },
    )
