"""Every URL, as every role, against another tenant's objects: nothing of theirs shows."""

from __future__ import annotations

import pytest
from django.test import Client

from rcc.roles import Role
from rcc.services import issue_api_key
from tests.access_walk import all_routes
from tests.personas import MARKER, sign_in

ROUTES = all_routes()
SCOPED_ROLES = [r for r in Role.values if r not in (Role.DFE_ANALYST, Role.PLATFORM_ADMIN)]


API_WALK_ROLES = [
    Role.SOCIAL_WORKER,
    Role.TEAM_MANAGER,
    Role.COMMISSIONER,
    Role.ANALYST,
    Role.PROVIDER_STAFF,
]


@pytest.mark.parametrize("role", API_WALK_ROLES)
def test_no_endpoint_shows_another_tenants_data_to_an_api_key(role, home, away):
    membership = home.people[role].memberships.get()
    _, secret = issue_api_key(actor=None, membership=membership, name="walk")
    client = Client(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    walked = 0
    for route in ROUTES:
        if not route.name.startswith("api:"):
            continue
        response = client.get(route.url(away))
        walked += 1
        assert response.status_code < 500, route.name
        if response.status_code == 200:
            assert MARKER not in _body(response), f"{role} saw {route.name}"
    assert walked >= 5


def test_the_walk_finds_the_project_pages():
    names = {r.name for r in ROUTES}
    assert {"dashboard", "audit:list", "account:mfa", "admin:index"} <= names
    public = {r.name for r in ROUTES if r.public}
    assert {"account:login", "account:password_reset", "healthz"} <= public
    assert "dashboard" not in public and "admin:index" not in public


@pytest.mark.parametrize("role", SCOPED_ROLES)
def test_no_page_shows_another_tenants_data(role, home, away):
    client = Client()
    sign_in(client, home.people[role])
    leaks = []
    for route in ROUTES:
        url = route.url(away)
        response = client.get(url)
        assert response.status_code < 500, f"{url} answered {response.status_code} for {role}"
        if response.status_code == 200 and MARKER in _body(response):
            leaks.append(url)
    assert leaks == [], f"{role} saw another tenant's data at {leaks}"


@pytest.mark.parametrize("role", [Role.DFE_ANALYST, Role.PLATFORM_ADMIN])
def test_national_roles_can_walk_every_page_without_errors(role, national, away):
    client = Client()
    sign_in(client, national[role])
    for route in ROUTES:
        url = route.url(away)
        response = client.get(url)
        assert response.status_code < 500, f"{url} answered {response.status_code} for {role}"


def test_every_page_but_the_public_ones_needs_sign_in(away, client):
    for route in ROUTES:
        url = route.url(away)
        response = client.get(url)
        if route.public:
            assert response.status_code in (200, 302, 405), url
            continue
        if route.name.startswith("api:"):  # machine clients: 401 and a challenge, no redirect
            assert response.status_code == 401, url
            assert response["WWW-Authenticate"] == "Api-Key", url
            continue
        assert response.status_code == 302, f"{url} answered {response.status_code} anonymously"
        final = client.get(url, follow=True).redirect_chain[-1][0]
        assert final.startswith("/account/sign-in/"), f"{url} led to {final}"


def test_every_signed_in_page_needs_the_second_factor(home, away, client):
    client.force_login(home.people[Role.COMMISSIONER])  # password only, no code yet
    exempt = {"account:mfa", "account:logout"}
    for route in ROUTES:
        if route.public or route.name in exempt:
            continue
        url = route.url(away)
        response = client.get(url)
        if route.name.startswith("api:"):  # a session cookie is never an API credential
            assert response.status_code == 401, url
            continue
        assert response.status_code == 302, f"{url} answered {response.status_code} without MFA"
        final = client.get(url, follow=True).redirect_chain[-1][0]
        assert final.startswith("/account/two-factor/"), f"{url} led to {final}"


def test_admin_is_for_platform_administrators_only(home, national, client):
    sign_in(client, home.people[Role.COMMISSIONER])
    assert client.get("/admin/").status_code in (302, 403)
    sign_in(client, national[Role.PLATFORM_ADMIN])
    assert client.get("/admin/").status_code == 200


def _body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    return response.content.decode(errors="replace")  # PDFs are bytes
