"""What every endpoint promises: a documented answer for every failure, and a rate per key."""

from __future__ import annotations

import pytest
from django.test import Client

from rcc.api.schema import ERROR_RESPONSES
from rcc.roles import Role
from tests.api.helpers import key_client

METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture
def schema(home):
    response = key_client(home.people[Role.COMMISSIONER]).get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def _operations(schema):
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                yield f"{method.upper()} {path}", item[method]


def test_every_operation_documents_401_403_404_and_429(schema):
    operations = dict(_operations(schema))
    assert len(operations) >= 25
    missing = {
        name: sorted(set(ERROR_RESPONSES) - set(op["responses"]))
        for name, op in operations.items()
        if set(ERROR_RESPONSES) - set(op["responses"])
    }
    assert missing == {}
    for name, op in operations.items():
        assert "Retry-After" in op["responses"]["429"]["headers"], name
        assert "WWW-Authenticate" in op["responses"]["401"]["headers"], name


def test_operations_with_parameters_or_bodies_document_400(schema):
    for name, op in _operations(schema):
        takes_input = "requestBody" in op or any(
            p["in"] == "query" for p in op.get("parameters", [])
        )
        if takes_input:
            assert "400" in op["responses"], name


# Published sufficiency strategies are public by design (ADR 0010): the only operations a
# request without a key may use.
PUBLIC_PATHS = ("/api/v1/strategies/",)


def test_every_operation_takes_the_api_key_and_only_published_strategies_are_open(schema):
    assert schema["components"]["securitySchemes"]["ApiKey"]["in"] == "header"
    for name, op in _operations(schema):
        assert {"ApiKey": []} in op["security"], name
        if {} in op["security"]:
            assert name.split(" ")[1].startswith(PUBLIC_PATHS), name


def test_a_key_over_its_rate_gets_429_with_retry_after(home, settings):
    settings.API_REQUESTS_PER_MINUTE = 3
    client = key_client(home.people[Role.COMMISSIONER])
    assert [client.get("/api/v1/providers/").status_code for _ in range(3)] == [200] * 3
    refused = client.get("/api/v1/providers/")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "detail" in refused.json()


def test_the_rate_is_counted_per_key(home, settings):
    settings.API_REQUESTS_PER_MINUTE = 1
    first = key_client(home.people[Role.COMMISSIONER], name="one")
    second = key_client(home.people[Role.COMMISSIONER], name="two")
    assert first.get("/api/v1/providers/").status_code == 200
    assert first.get("/api/v1/providers/").status_code == 429
    assert second.get("/api/v1/providers/").status_code == 200


def test_a_key_in_the_query_string_is_not_a_credential(home):
    from rcc.services import issue_api_key

    _, secret = issue_api_key(
        actor=None, membership=home.people[Role.COMMISSIONER].memberships.get(), name="x"
    )
    assert Client().get(f"/api/v1/providers/?api_key={secret}").status_code == 401


def test_an_unrouted_api_address_answers_json_and_a_page_answers_html(client):
    api = client.get("/api/v1/ssda903/-1/episodes/")
    assert api.status_code == 404 and api.json() == {"detail": "Not found."}
    page = client.get("/no-such-page/")
    assert page.status_code in (302, 404) and not page["Content-Type"].startswith(
        "application/json"
    )
