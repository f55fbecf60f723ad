"""The market API: API keys in a header, scoped data, bounded pages, a schema for key holders."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import Client

from rcc.models import ApiKey
from rcc.roles import Role
from rcc.services import ServiceError, issue_api_key, revoke_api_key
from tests.personas import MARKER
from tests.providers.factories import PlacementFactory, SettingFactory, VacancyFactory


def _client(person) -> tuple[Client, ApiKey]:
    key, secret = issue_api_key(actor=None, membership=person.memberships.get(), name="test")
    return Client(HTTP_AUTHORIZATION=f"Api-Key {secret}"), key


def test_a_commissioner_lists_only_their_regions_settings(home, away):
    client, _ = _client(home.people[Role.COMMISSIONER])
    SettingFactory(local_authority=home.council, name="Home House")
    body = client.get("/api/v1/settings/").json()
    assert {s["name"] for s in body["results"]} == {"Home House"}
    assert MARKER not in str(body)
    assert client.get(f"/api/v1/settings/{away.market['setting'].public_id}/").status_code == 404


def test_dfe_sees_every_region(national, home, away):
    SettingFactory(local_authority=home.council, name="Home House")
    client, _ = _client(national[Role.DFE_ANALYST])
    names = {s["name"] for s in client.get("/api/v1/settings/?page_size=1000").json()["results"]}
    assert {"Home House", away.market["setting"].name} <= names


def test_filters_narrow_the_vacancies(home):
    young = VacancyFactory(setting__local_authority=home.council, age_min=0, age_max=4)
    VacancyFactory(setting__local_authority=home.council, age_min=12, age_max=17)
    client, _ = _client(home.people[Role.COMMISSIONER])
    found = client.get("/api/v1/vacancies/?age=3&status=open").json()["results"]
    assert [v["id"] for v in found] == [str(young.public_id)]


def test_a_session_cookie_is_not_an_api_credential(signed_in, home):
    client = signed_in(home.people[Role.COMMISSIONER])
    response = client.get("/api/v1/settings/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Api-Key"


def test_a_revoked_or_wrong_key_is_refused(home):
    client, key = _client(home.people[Role.COMMISSIONER])
    assert client.get("/api/v1/providers/").status_code == 200
    revoke_api_key(actor=None, key=key)
    assert client.get("/api/v1/providers/").status_code == 401
    forged = Client(HTTP_AUTHORIZATION=f"Api-Key rcc_{key.prefix}_not-the-secret")
    assert forged.get("/api/v1/providers/").status_code == 401


def test_keys_are_stored_only_as_hashes(home):
    _, key = _client(home.people[Role.COMMISSIONER])
    assert len(key.key_hash) == 64 and key.prefix not in key.key_hash


@pytest.mark.parametrize("role", [Role.HUB_OFFICER, Role.PARTNER])
def test_roles_without_api_access_cannot_be_given_keys(home, role):
    with pytest.raises(ServiceError):
        issue_api_key(actor=None, membership=home.people[role].memberships.get(), name="x")


def test_page_size_is_clamped_to_the_maximum(home):
    client, _ = _client(home.people[Role.COMMISSIONER])
    response = client.get("/api/v1/providers/?page_size=100000")
    assert response.status_code == 200  # clamped to 1,000, not refused


def test_price_statistics_are_served(home):
    setting = SettingFactory(local_authority=home.council, provider=home.provider)
    PlacementFactory(local_authority=home.council, setting=setting, provider=home.provider)
    client, _ = _client(home.people[Role.COMMISSIONER])
    stats = client.get("/api/v1/price-statistics/").json()
    assert stats and {"placement_type", "need_level", "overall", "spot_premium"} <= set(stats[0])


def test_the_schema_is_only_for_key_holders(home, client):
    assert client.get("/api/schema/").status_code == 401
    keyed, _ = _client(home.people[Role.COMMISSIONER])
    response = keyed.get("/api/schema/?format=json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/vacancies/" in paths and "/api/v1/price-statistics/" in paths


def test_issue_api_key_command_prints_the_key_once(home, capsys):
    email = home.people[Role.COMMISSIONER].email
    call_command("issue_api_key", email, "--name", "Power BI")
    out = capsys.readouterr().out
    secret = out.strip().splitlines()[-1]
    assert secret.startswith("rcc_")
    assert (
        Client(HTTP_AUTHORIZATION=f"Api-Key {secret}").get("/api/v1/providers/").status_code == 200
    )
