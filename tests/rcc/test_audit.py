"""The audit trail: written by services, searchable by the right people, unchangeable."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext

from rcc import audit, services
from rcc.models import AuditEvent
from rcc.roles import Role
from tests.factories import AuditEventFactory
from tests.personas import MARKER


def test_services_record_who_did_what_with_the_request_context(signed_in, home, national):
    admin = national[Role.PLATFORM_ADMIN]
    worker = home.people[Role.SOCIAL_WORKER]
    services.reset_second_factor(actor=admin, user=worker, reason="Lost phone, identity checked")
    event = AuditEvent.objects.get(action="auth.mfa_reset")
    assert event.actor == admin and event.object_id == str(worker.pk)
    assert event.metadata == {"reason": "Lost phone, identity checked"}
    assert not worker.totpdevice_set.exists()


def test_a_reset_needs_a_reason(home, national):
    with pytest.raises(services.ServiceError):
        services.reset_second_factor(
            actor=national[Role.PLATFORM_ADMIN], user=home.people[Role.SOCIAL_WORKER], reason=" "
        )
    assert home.people[Role.SOCIAL_WORKER].totpdevice_set.exists()


def test_requests_stamp_their_id_and_role_on_audit_events(signed_in, home):
    client = signed_in(home.people[Role.COMMISSIONER])
    client.post("/account/sign-out/", HTTP_X_REQUEST_ID="req-12345678")
    event = AuditEvent.objects.get(action="auth.signed_out")
    assert event.request_id == "req-12345678"
    assert event.acting_role == Role.COMMISSIONER
    assert event.ip_address == "127.0.0.1"


def test_a_commissioner_sees_only_their_regions_events(signed_in, home, away):
    audit.record(
        actor=home.people[Role.SOCIAL_WORKER], action="home.viewed", local_authority=home.council
    )
    body = signed_in(home.people[Role.COMMISSIONER]).get("/audit/").content.decode()
    assert "home.viewed" in body
    assert MARKER not in body and MARKER.lower() not in body


def test_an_administrator_sees_every_region(signed_in, national, away):
    body = signed_in(national[Role.PLATFORM_ADMIN]).get("/audit/").content.decode()
    assert f"{MARKER.lower()}.viewed" in body


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.PROVIDER_STAFF, Role.ANALYST])
def test_other_roles_cannot_open_the_audit_log(signed_in, home, role):
    assert signed_in(home.people[role]).get("/audit/").status_code == 403


def test_the_audit_log_filters_pages_and_downloads_csv(signed_in, home, national):
    for n in range(55):
        AuditEventFactory(action=f"bulk.{n}", region=home.region)
    client = signed_in(national[Role.PLATFORM_ADMIN])
    page = client.get("/audit/?action=bulk").content.decode()
    assert "55 events" in page and "govuk-pagination" in page
    csv_response = client.get("/audit/?action=bulk&format=csv")
    assert csv_response["Content-Type"] == "text/csv"
    lines = b"".join(csv_response.streaming_content).decode().strip().splitlines()
    assert lines[0].startswith("when,actor,role,action")
    assert len(lines) == 56


def test_a_bad_date_filter_shows_the_error_summary_and_keeps_the_input(signed_in, national):
    client = signed_in(national[Role.PLATFORM_ADMIN])
    response = client.get("/audit/?date_from=2026-13-45&actor=someone")
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter the from date as a real date, like 2026-11-01" in body
    assert 'value="someone"' in body and 'value="2026-13-45"' in body


def test_the_audit_log_runs_a_constant_number_of_queries(
    signed_in, home, national, django_assert_num_queries
):
    client = signed_in(national[Role.PLATFORM_ADMIN])
    AuditEventFactory(action="one", local_authority=home.council, region=home.region)
    client.get("/audit/")
    with CaptureQueriesContext(connection) as few:
        client.get("/audit/")
    for n in range(40):
        AuditEventFactory(action=f"many.{n}", local_authority=home.council, region=home.region)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/audit/")


def test_postgresql_refuses_to_update_or_delete_audit_rows(postgres_only, db):
    event = audit.record(actor=None, action="test.append_only")
    for sql in (
        "UPDATE rcc_auditevent SET action = 'tampered' WHERE id = %s",
        "DELETE FROM rcc_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [event.pk])
    event.refresh_from_db()
    assert event.action == "test.append_only"
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="tampered")


def test_one_page_of_events_shows_no_pagination(signed_in, national):
    body = signed_in(national[Role.PLATFORM_ADMIN]).get("/audit/").content.decode()
    assert "govuk-pagination" not in body
