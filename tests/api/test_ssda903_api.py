"""The 903 export by API: exact files, scope by region, streaming, one audit event each."""

from __future__ import annotations

import itertools
import json
from datetime import date

import pytest
from django.test import RequestFactory

from placements.api.ssda903 import ScopeExportView
from placements.models import CareEpisode
from placements.selectors import ssda903 as selectors_903
from rcc.exports import ACTION
from rcc.models import AuditEvent
from rcc.roles import Role
from rcc.services import issue_api_key
from tests.api.helpers import key_client
from tests.placements.factories import ChildFactory


def _in_care(tenant, case_id="A1"):
    child = ChildFactory(local_authority=tenant.council, case_id=case_id, mother="0")
    return CareEpisode.objects.create(
        child=child,
        start_date=date(2025, 6, 1),
        reason_new_episode="S",
        legal_status="C2",
        category_of_need="N1",
        placement_type="U4",
        placement_provider="PR1",
        placement_postcode="BL1 1AA",
        home_postcode="BL2 2BB",
    )


def _body(response) -> str:
    return b"".join(response.streaming_content).decode()


def test_a_council_table_downloads_as_the_returns_csv(home):
    _in_care(home)
    client = key_client(home.people[Role.ANALYST])
    url = f"/api/v1/ssda903/2026/episodes/{home.council.gss_code}/?format=csv"
    response = client.get(url)
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    lines = _body(response).splitlines()
    assert lines[0] == ",".join(selectors_903.columns_for("episodes", 2026))
    assert lines[1].startswith("A1,01/06/2025,S,C2,N1,U4,PR1")


def test_json_carries_the_same_rows(home):
    _in_care(home)
    client = key_client(home.people[Role.COMMISSIONER])
    response = client.get(f"/api/v1/ssda903/2026/header/{home.council.gss_code}/")
    body = json.loads(_body(response))
    assert body["collection_year"] == "2025/26" and body["councils"] == [home.council.gss_code]
    assert body["rows"] == [
        {"CHILD": "A1", "SEX": "F", "DOB": "17/05/2012", "ETHNIC": "WBRI", "UPN": "",
         "MOTHER": "0", "MC_DOB": ""}
    ]  # fmt: skip


def test_a_regional_key_cannot_export_another_regions_council(home, away):
    _in_care(away, case_id="Z1")
    client = key_client(home.people[Role.ANALYST])
    response = client.get(f"/api/v1/ssda903/2026/episodes/{away.council.gss_code}/")
    assert response.status_code == 404
    everything = json.loads(_body(client.get("/api/v1/ssda903/2026/episodes/")))
    assert everything["councils"] == [home.council.gss_code] and everything["rows"] == []


def test_dfe_exports_every_council(national, home, away):
    _in_care(home, case_id="H1")
    _in_care(away, case_id="Z1")
    client = key_client(national[Role.DFE_ANALYST])
    lines = _body(client.get("/api/v1/ssda903/2026/episodes/?format=csv")).splitlines()
    assert sorted(line.split(",")[0] for line in lines[1:]) == ["H1", "Z1"]


@pytest.mark.parametrize("role", [Role.SOCIAL_WORKER, Role.PROVIDER_STAFF])
def test_council_and_provider_keys_cannot_export(home, role):
    response = key_client(home.people[role]).get("/api/v1/ssda903/2026/episodes/")
    assert response.status_code == 403


def test_an_unknown_year_table_or_format_is_refused(home):
    client = key_client(home.people[Role.ANALYST])
    assert client.get("/api/v1/ssda903/1999/episodes/").status_code == 404
    assert client.get("/api/v1/ssda903/2026/dolo/").status_code == 404  # from 2026/27
    assert client.get("/api/v1/ssda903/2026/nonsense/").status_code == 404
    bad = client.get("/api/v1/ssda903/2026/episodes/?format=xml")
    assert bad.status_code == 400 and "format" in bad.json()


def test_each_export_is_audited_with_its_row_count_when_the_stream_ends(home):
    _in_care(home, case_id="A1")
    _in_care(home, case_id="A2")
    client = key_client(home.people[Role.ANALYST])
    response = client.get(f"/api/v1/ssda903/2026/episodes/{home.council.gss_code}/?format=csv")
    assert not AuditEvent.objects.filter(action=ACTION).exists()  # not until the stream ends
    _body(response)
    event = AuditEvent.objects.get(action=ACTION)
    assert event.actor == home.people[Role.ANALYST] and event.local_authority == home.council
    assert event.metadata["rows"] == 2 and event.metadata["completed"] is True
    assert event.metadata["format"] == "csv" and event.object_type == "ssda903.episodes"
    assert event.acting_role == Role.ANALYST and event.request_id


def test_the_export_streams_lazily_and_an_abandoned_one_is_audited(
    home, monkeypatch, keep_db_connection
):
    # A CSV export reads tuples of cells (the 13 episode columns); it would never fit in memory.
    endless = ((str(n), *[""] * 12) for n in itertools.count())

    def export_cells(**kwargs):
        return endless

    monkeypatch.setattr(selectors_903, "export_cells", export_cells)
    _, secret = issue_api_key(
        actor=None, membership=home.people[Role.ANALYST].memberships.get(), name="lazy"
    )
    # Straight to the view (the test client would reconnect what keep_db_connection detached).
    request = RequestFactory().get(
        "/api/v1/ssda903/2026/episodes/?format=csv", HTTP_AUTHORIZATION=f"Api-Key {secret}"
    )
    response = ScopeExportView.as_view()(request, year=2026, table="episodes")
    assert response.streaming
    lines = list(itertools.islice(response.streaming_content, 1001))  # header + 1,000 rows
    assert lines[-1].decode().startswith("999,")
    response.close()  # the client went away
    event = AuditEvent.objects.get(action=ACTION)
    assert event.metadata["rows"] == 1000 and event.metadata["completed"] is False


def test_the_platform_admin_sees_who_exported_what_and_how_many_rows(home, national, signed_in):
    _in_care(home)
    analyst = home.people[Role.ANALYST]
    _body(key_client(analyst).get(f"/api/v1/ssda903/2026/episodes/{home.council.gss_code}/"))
    page = signed_in(national[Role.PLATFORM_ADMIN]).get("/audit/?action=api.export")
    text = page.content.decode()
    assert analyst.email in text and "1 rows of ssda903.episodes" in text
    csv_text = b"".join(
        signed_in(national[Role.PLATFORM_ADMIN])
        .get("/audit/?action=api.export&format=csv")
        .streaming_content
    ).decode()
    assert "1 rows of ssda903.episodes (year 2026" in csv_text
