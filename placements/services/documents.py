"""Referral documents: upload (checked by content and size), release to a provider, download."""

from __future__ import annotations

from typing import IO

from django.conf import settings
from django.core.files import File
from django.db import IntegrityError, transaction

from placements.documents import ACCEPTED, sniff
from placements.models import Distribution, DocumentRelease, Referral, ReferralDocument
from rcc import audit
from rcc.services import ServiceError


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def check_file(file: IO[bytes], size: int) -> tuple[str, str]:
    """The file's (extension, content type), or a ServiceError saying what is wrong."""
    if size > settings.DOCUMENT_MAX_BYTES:
        raise ServiceError(
            f"The file must be smaller than {_megabytes(settings.DOCUMENT_MAX_BYTES)}"
        )
    if size == 0:
        raise ServiceError("The selected file is empty")
    kind = sniff(file)
    if kind is None:
        raise ServiceError(f"The selected file must be a {ACCEPTED}")
    return kind


@transaction.atomic
def upload_document(
    *, actor, referral: Referral, kind: str, title: str, file: IO[bytes], size: int
) -> ReferralDocument:
    extension, content_type = check_file(file, size)
    document = ReferralDocument(
        referral=referral,
        kind=kind,
        title=title,
        content_type=content_type,
        extension=extension,
        size=size,
        uploaded_by=actor,
    )
    document.file.save("upload", File(file), save=False)
    document.save()
    audit.record(
        actor=actor,
        action="document.uploaded",
        obj=document,
        local_authority=referral.local_authority,
        metadata={"referral": referral.reference, "kind": kind, "size": size},
    )
    return document


@transaction.atomic
def release_document(
    *, actor, document: ReferralDocument, distribution: Distribution
) -> DocumentRelease:
    if distribution.referral_id != document.referral_id:
        raise ServiceError("Release a document only to a provider its referral was sent to")
    try:
        with transaction.atomic():
            release = DocumentRelease.objects.create(
                document=document, distribution=distribution, released_by=actor
            )
    except IntegrityError:
        raise ServiceError("This document is already released to that provider") from None
    audit.record(
        actor=actor,
        action="document.released",
        obj=document,
        local_authority=document.referral.local_authority,
        metadata={"provider": distribution.provider_id},
    )
    return release


@transaction.atomic
def withdraw_document(*, actor, document: ReferralDocument, distribution: Distribution) -> None:
    deleted, _ = DocumentRelease.objects.filter(
        document=document, distribution=distribution
    ).delete()
    if not deleted:
        raise ServiceError("This document is not released to that provider")
    audit.record(
        actor=actor,
        action="document.withdrawn",
        obj=document,
        local_authority=document.referral.local_authority,
        metadata={"provider": distribution.provider_id},
    )


def record_download(*, actor, document: ReferralDocument) -> None:
    audit.record(
        actor=actor,
        action="document.downloaded",
        obj=document,
        local_authority=document.referral.local_authority,
    )
