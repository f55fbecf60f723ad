"""The API reference: a GOV.UK page from the schema for staff who may hold a key, no one else."""

from __future__ import annotations

import json

import pytest

from rcc.roles import Role
from tests.api.helpers import key_client


def test_the_reference_lists_every_operation_with_its_answers(home, signed_in):
    page = signed_in(home.people[Role.ANALYST]).get("/api-docs/")
    body = page.content.decode()
    assert page.status_code == 200
    for operation in (
        "GET /api/v1/children-in-care/",
        "GET /api/v1/ssda903/{year}/{table}/{gss_code}/",
        "POST /api/v1/received-referrals/{distribution_id}/offer/",
    ):
        assert f"<code>{operation}</code>" in body
    assert "Retry-After" in body and "<script" not in body.split("<main")[1].split("</main>")[0]


def test_the_schema_downloads_for_signed_in_staff(home, signed_in):
    response = signed_in(home.people[Role.SOCIAL_WORKER]).get("/api-docs/schema.json")
    assert response.status_code == 200
    assert "/api/v1/referrals/" in json.loads(response.content)["paths"]


@pytest.mark.parametrize("role", [Role.HUB_OFFICER, Role.PARTNER, Role.DATA_OFFICER])
def test_roles_that_cannot_hold_keys_do_not_see_it(home, signed_in, role):
    client = signed_in(home.people[role])
    assert client.get("/api-docs/").status_code == 403
    assert client.get("/api-docs/schema.json").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    assert client.get("/api-docs/").status_code == 302
    assert client.get("/api/schema/").status_code == 401


def test_every_key_holding_role_may_read_the_raw_schema(home):
    for role in (Role.SOCIAL_WORKER, Role.PROVIDER_STAFF, Role.COMMISSIONER):
        assert key_client(home.people[role]).get("/api/schema/?format=json").status_code == 200
