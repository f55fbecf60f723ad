"""CSV downloads of lists that identify people: one audit event each, with the row count (C44);
and every CSV cell that a spreadsheet could run as a formula is defused."""

from __future__ import annotations

import csv
import io

import pytest

from rcc.kit.tables import Column, csv_response
from rcc.models import AuditEvent
from rcc.roles import Role
from tests.personas import sign_in

IDENTIFIABLE_LISTS = [
    ("/children/", Role.SOCIAL_WORKER, "children"),
    ("/referrals/", Role.COMMISSIONER, "referrals"),
    ("/received/", Role.PROVIDER_STAFF, "received-referrals"),
    ("/approvals/", Role.TEAM_MANAGER, "approvals"),
    ("/fostering/hub/enquiries/", Role.HUB_OFFICER, "fostering-enquiries"),
    ("/fostering/hub/applicants/", Role.HUB_OFFICER, "fostering-applicants"),
    ("/fostering/hub/carers/", Role.HUB_OFFICER, "approved-carers"),
]


def _rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))


@pytest.mark.parametrize(("url", "role", "name"), IDENTIFIABLE_LISTS)
def test_each_identifiable_csv_download_is_one_audit_event_with_its_row_count(
    client, away, url, role, name
):
    person = away.people[role]
    sign_in(client, person)
    before = AuditEvent.objects.filter(action="list.download").count()
    page = client.get(url)
    assert page.status_code == 200
    assert AuditEvent.objects.filter(action="list.download").count() == before  # a page is not

    response = client.get(url + "?format=csv")
    rows = _rows(response)
    events = AuditEvent.objects.filter(action="list.download")
    assert events.count() == before + 1
    event = events.latest("id")
    assert event.actor == person
    assert event.object_type == name
    assert len(rows) > 1  # the Away tenant has one of each
    assert event.metadata["rows"] == len(rows) - 1  # the header is not a row
    assert event.metadata["format"] == "csv"
    assert event.metadata["completed"] is True
    assert f"{len(rows) - 1} rows of {name}" in event.metadata["summary"]


def test_a_download_is_recorded_against_the_council_it_covers(client, away):
    sign_in(client, away.people[Role.SOCIAL_WORKER])
    rows = _rows(client.get("/children/?format=csv"))
    event = AuditEvent.objects.filter(action="list.download").latest("id")
    assert len(rows) > 1
    assert event.metadata["rows"] == len(rows) - 1
    assert event.local_authority == away.council


def test_a_list_without_people_in_it_is_not_audited(client, away):
    sign_in(client, away.people[Role.HUB_OFFICER])
    _rows(client.get("/fostering/hub/events/?format=csv"))
    assert not AuditEvent.objects.filter(action="list.download").exists()


@pytest.mark.parametrize(
    "text", ["=1+2", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\t=1+2", "\r=1+2", "\tplain"]
)
def test_a_cell_a_spreadsheet_could_run_is_quoted(text):
    response = csv_response("x", [Column("value", lambda r: r)], [text])
    body = b"".join(response.streaming_content).decode()
    assert list(csv.reader(io.StringIO(body)))[1] == ["'" + text]


@pytest.mark.parametrize("text", ["-12", "+3.5", "Bolton", "12 = 12", ""])
def test_numbers_and_plain_text_are_left_alone(text):
    response = csv_response("x", [Column("value", lambda r: r)], [text])
    body = b"".join(response.streaming_content).decode()
    assert list(csv.reader(io.StringIO(body)))[1] == [text]
