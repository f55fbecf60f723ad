"""Referral documents and threads: each stored-file control of docs/security.md, tested."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from placements.documents import DOCX, ODT, PNG, sniff, tiny_pdf
from placements.models import DocumentRelease, ReferralDocument, ReferralMessage
from rcc.models import AuditEvent
from rcc.roles import Role
from tests.personas import make_tenant
from tests.placements.document_factories import add_documents
from tests.placements.factories import make_journey
from tests.providers.factories import make_market

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture
def journey(home):
    journey = make_journey(home, make_market(home))
    add_documents(journey, home.people)
    return journey


def _upload(client, referral, name: str, content: bytes, title: str = "Risk assessment"):
    return client.post(
        f"/referrals/{referral.public_id}/documents/",
        {
            "kind": "risk_assessment",
            "title": title,
            "file": SimpleUploadedFile(name, content, "application/pdf"),
        },
    )


def test_the_type_is_read_from_the_content_never_the_name():
    assert sniff(io.BytesIO(tiny_pdf("x")))[0] == "pdf"
    assert sniff(io.BytesIO(PNG_BYTES)) == PNG
    assert sniff(io.BytesIO(b"\xff\xd8\xff\xe0" + b"\x00" * 16))[0] == "jpg"
    docx = _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<w/>"})
    assert sniff(io.BytesIO(docx)) == DOCX
    assert sniff(io.BytesIO(_zip({"mimetype": ODT[1].encode()}))) == ODT
    # A zip that is not a document, HTML, an executable: refused.
    assert sniff(io.BytesIO(_zip({"evil.js": b"alert(1)"}))) is None
    assert sniff(io.BytesIO(b"<html><script>alert(1)</script>")) is None
    assert sniff(io.BytesIO(b"MZ\x90\x00")) is None


def test_a_social_worker_attaches_a_pdf_stored_under_a_random_name(signed_in, home, journey):
    client = signed_in(home.people[Role.SOCIAL_WORKER])
    referral = journey["referral"]
    response = _upload(client, referral, "plan.pdf", tiny_pdf("Plan"), title="Jo's plan")
    assert response.status_code == 302
    document = ReferralDocument.objects.get(title="Jo's plan")
    assert (document.extension, document.content_type) == ("pdf", "application/pdf")
    assert "plan" not in document.file.name and "Jo" not in document.file.name
    stored = settings.STORAGES["documents"]["OPTIONS"]["location"]
    assert document.file.path.startswith(stored)
    assert not document.file.path.startswith(str(settings.STATIC_ROOT))
    assert AuditEvent.objects.filter(
        action="document.uploaded", object_id=str(document.pk), actor=home.people["social_worker"]
    ).exists()


def test_a_file_pretending_to_be_a_pdf_is_refused_with_a_govuk_error(signed_in, home, journey):
    client = signed_in(home.people[Role.SOCIAL_WORKER])
    page = _upload(client, journey["referral"], "plan.pdf", b"<html><script>x</script>")
    assert page.status_code == 200
    html = page.content.decode()
    assert "govuk-error-summary" in html
    assert "must be a PDF, Word (DOCX), OpenDocument text (ODT), PNG or JPEG" in html
    assert 'value="Risk assessment"' in html  # what was typed is kept
    assert ReferralDocument.objects.count() == 1  # only the fixture's


def test_a_file_over_the_size_limit_is_refused(signed_in, home, journey, settings):
    settings.DOCUMENT_MAX_BYTES = 1024
    client = signed_in(home.people[Role.SOCIAL_WORKER])
    page = _upload(client, journey["referral"], "big.png", PNG_BYTES + b"\x00" * 2048)
    assert "The file must be smaller than" in page.content.decode()
    assert ReferralDocument.objects.count() == 1


def test_a_released_document_downloads_as_an_audited_attachment(signed_in, home, journey):
    document = journey["document"]
    client = signed_in(home.people[Role.PROVIDER_STAFF])
    received = client.get(f"/received/{journey['distribution'].pk}/").content.decode()
    assert f"/documents/{document.public_id}/" in received
    response = client.get(f"/documents/{document.public_id}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert AuditEvent.objects.filter(
        action="document.downloaded", object_id=str(document.pk)
    ).exists()


def test_an_unreleased_or_withdrawn_document_is_not_found_for_the_provider(
    signed_in, home, journey
):
    document, distribution = journey["document"], journey["distribution"]
    worker = signed_in(home.people[Role.SOCIAL_WORKER])
    response = worker.post(
        f"/documents/{document.public_id}/release/", {"distribution": distribution.pk}
    )
    assert response.status_code == 302
    assert not DocumentRelease.objects.exists()
    assert AuditEvent.objects.filter(action="document.withdrawn").exists()
    provider = signed_in(home.people[Role.PROVIDER_STAFF])
    assert provider.get(f"/documents/{document.public_id}/").status_code == 404
    assert document.title not in provider.get(f"/received/{distribution.pk}/").content.decode()
    worker = signed_in(home.people[Role.SOCIAL_WORKER])
    worker.post(
        f"/documents/{document.public_id}/release/",
        {"distribution": distribution.pk, "release": "on"},
    )
    assert DocumentRelease.objects.filter(document=document, distribution=distribution).exists()
    assert AuditEvent.objects.filter(action="document.released").count() == 2


def test_another_council_and_another_provider_get_not_found(signed_in, journey, db):
    other = make_tenant("other", "South West", "Devon", label="Other")
    document = journey["document"]
    for role in (Role.SOCIAL_WORKER, Role.COMMISSIONER, Role.PROVIDER_STAFF, Role.TEAM_MANAGER):
        client = signed_in(other.people[role])
        assert client.get(f"/documents/{document.public_id}/").status_code == 404, role
    client = signed_in(other.people[Role.PROVIDER_STAFF])
    assert client.get(f"/conversations/{journey['distribution'].pk}/").status_code == 404


def test_no_url_serves_the_stored_file_directly(signed_in, home, journey):
    client = signed_in(home.people[Role.SOCIAL_WORKER])
    name = journey["document"].file.name
    for path in (f"/{name}", f"/media/{name}", f"/static/{name}", f"/documents/{name}"):
        assert client.get(path).status_code == 404, path


def test_provider_and_council_write_to_each_other_notified_and_audited(
    signed_in, home, journey, django_capture_on_commit_callbacks
):
    distribution = journey["distribution"]
    url = f"/conversations/{distribution.pk}/"
    provider = signed_in(home.people[Role.PROVIDER_STAFF])
    page = provider.get(url).content.decode()
    assert "Does the child have a bedtime routine?" in page
    assert "Do not include the child" in page
    assert journey["child"].name not in page
    mail.outbox.clear()
    worker = signed_in(home.people[Role.SOCIAL_WORKER])
    with django_capture_on_commit_callbacks(execute=True):  # notifications go after commit
        response = worker.post(url, {"body": "Yes: lights out at nine."})
    assert response.status_code == 302
    notified = [m for m in mail.outbox if "New message about referral" in m.subject]
    assert [m.to for m in notified] == [[home.people[Role.PROVIDER_STAFF].email]]
    assert "lights out" not in notified[0].body  # the text stays in the app
    message = ReferralMessage.objects.latest("id")
    assert (message.from_provider, message.author) == (False, home.people["social_worker"])
    assert AuditEvent.objects.filter(
        action="referral_message.posted", object_id=str(message.pk)
    ).exists()
    page = signed_in(home.people[Role.PROVIDER_STAFF]).get(url).content.decode()
    assert page.index("bedtime routine") < page.index("lights out at nine")
    assert home.council.name in page
    assert home.people[Role.SOCIAL_WORKER].full_name in page


def test_a_message_too_long_is_refused_with_what_was_typed(signed_in, home, journey):
    client = signed_in(home.people[Role.PROVIDER_STAFF])
    page = client.post(f"/conversations/{journey['distribution'].pk}/", {"body": "x" * 2001})
    html = page.content.decode()
    assert "The message must be 2000 characters or fewer" in html
    assert "x" * 2001 in html
    assert ReferralMessage.objects.count() == 1


def test_the_pages_take_the_same_queries_however_many_documents_and_messages(
    signed_in, home, journey, django_assert_max_num_queries
):
    referral, distribution = journey["referral"], journey["distribution"]
    worker = signed_in(home.people[Role.SOCIAL_WORKER])
    urls = (f"/referrals/{referral.public_id}/documents/", f"/conversations/{distribution.pk}/")
    counts = []
    for url in urls:
        with django_assert_max_num_queries(40) as few:
            assert worker.get(url).status_code == 200
        counts.append(len(few.captured_queries))
    for _ in range(4):
        add_documents(journey, home.people)
    for url, count in zip(urls, counts, strict=True):
        with django_assert_max_num_queries(count):
            worker.get(url)
    provider = signed_in(home.people[Role.PROVIDER_STAFF])
    with django_assert_max_num_queries(60) as few:
        provider.get(f"/received/{distribution.pk}/")
    add_documents(journey, home.people)
    with django_assert_max_num_queries(len(few.captured_queries)):
        provider.get(f"/received/{distribution.pk}/")
