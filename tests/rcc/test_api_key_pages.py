"""Platform administrators issue, rotate and revoke API keys from GOV.UK pages."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from rcc.models import ApiKey, AuditEvent
from rcc.roles import Role
from rcc.services import ServiceError, issue_api_key, rotate_api_key


def _secret(response) -> str:
    return re.search(r"Api-Key (rcc_[\w-]+)", response.content.decode()).group(1)


def _works(secret: str) -> bool:
    response = Client(HTTP_AUTHORIZATION=f"Api-Key {secret}").get("/api/v1/providers/")
    return response.status_code == 200


@pytest.fixture
def admin(national, signed_in):
    return signed_in(national[Role.PLATFORM_ADMIN])


def test_an_admin_issues_a_regional_key_shown_once(admin, home, away):
    membership = home.people[Role.COMMISSIONER].memberships.get()
    response = admin.post("/api-keys/new/", {"membership": membership.pk, "name": "GM BI"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    secret = _secret(response)
    key = ApiKey.objects.get(name="GM BI")
    assert key.membership == membership and secret.split("_")[2] not in key.key_hash
    assert _works(secret)
    listing = admin.get("/api-keys/").content.decode()
    assert "GM BI" in listing and secret not in listing
    assert AuditEvent.objects.filter(action="api_key.issued", object_id=str(key.pk)).exists()


def test_a_bad_issue_form_keeps_the_input_and_writes_nothing(admin, home):
    response = admin.post("/api-keys/new/", {"membership": "", "name": "Kept name"})
    body = response.content.decode()
    assert response.status_code == 200 and "There is a problem" in body
    assert "Choose whose key it is" in body and 'value="Kept name"' in body
    assert not ApiKey.objects.exists()


def test_roles_that_cannot_hold_keys_are_not_offered(admin, home):
    hub = home.people[Role.HUB_OFFICER].memberships.get()
    response = admin.post("/api-keys/new/", {"membership": hub.pk, "name": "x"})
    assert "Choose one of the listed people and roles" in response.content.decode()
    assert not ApiKey.objects.exists()


def test_rotating_replaces_the_key_in_one_step(admin, home):
    key, old = issue_api_key(
        actor=None, membership=home.people[Role.ANALYST].memberships.get(), name="Rota"
    )
    assert "Rotate key" in admin.get(f"/api-keys/{key.pk}/").content.decode()
    new = _secret(admin.post(f"/api-keys/{key.pk}/"))
    assert not _works(old) and _works(new)
    live = ApiKey.objects.filter(name="Rota", revoked_at__isnull=True).get()
    assert live.membership == key.membership and live.pk != key.pk
    event = AuditEvent.objects.get(action="api_key.rotated")
    assert event.metadata["new_prefix"] == live.prefix


def test_a_revoked_key_cannot_be_rotated(home):
    key, _ = issue_api_key(
        actor=None, membership=home.people[Role.ANALYST].memberships.get(), name="Old"
    )
    rotate_api_key(actor=None, key=key)
    with pytest.raises(ServiceError):
        rotate_api_key(actor=None, key=key)
    assert ApiKey.objects.filter(name="Old").count() == 2


def test_revoking_asks_first_then_stops_the_key(admin, home):
    key, secret = issue_api_key(
        actor=None, membership=home.people[Role.ANALYST].memberships.get(), name="Gone"
    )
    page = admin.get(f"/api-keys/{key.pk}/revoke/").content.decode()
    assert "Revoke key" in page and _works(secret)
    response = admin.post(f"/api-keys/{key.pk}/revoke/", follow=True)
    assert "revoked" in response.content.decode() and not _works(secret)
    assert AuditEvent.objects.filter(action="api_key.revoked").count() == 1


def test_the_key_list_downloads_as_csv(admin, home):
    issue_api_key(actor=None, membership=home.people[Role.ANALYST].memberships.get(), name="CSVd")
    body = b"".join(admin.get("/api-keys/?format=csv").streaming_content).decode()
    assert body.splitlines()[0].startswith("Name,Prefix,Owner,Role,Scope")
    assert "CSVd" in body


@pytest.mark.parametrize("role", [Role.COMMISSIONER, Role.ANALYST])
def test_keys_are_managed_by_platform_administrators_only(home, signed_in, role):
    client = signed_in(home.people[role])
    assert client.get("/api-keys/").status_code == 403
    membership = home.people[role].memberships.get()
    assert (
        client.post("/api-keys/new/", {"membership": membership.pk, "name": "x"}).status_code == 403
    )
    assert not ApiKey.objects.exists()
