"""The back office for single sign-on: providers (the secret never shown back) and access
requests a platform administrator approves."""

from __future__ import annotations

import pytest

from rcc.models import AccessRequest, AuditEvent, IdentityProvider, Membership
from rcc.roles import Role

SECRET = "very-secret-client-value-9876"


@pytest.fixture
def admin_client(national, signed_in):
    return signed_in(national[Role.PLATFORM_ADMIN])


@pytest.fixture
def provider(home):
    return IdentityProvider.objects.create(
        name="Bolton Council",
        local_authority=home.council,
        issuer="https://idp.bolton.example",
        client_id="rcc",
        client_secret=SECRET,
        email_domains="bolton.example",
    )


def test_an_administrator_adds_a_provider_and_the_secret_is_never_shown(admin_client, home):
    response = admin_client.post(
        "/admin/rcc/identityprovider/add/",
        {
            "name": "Bolton Council",
            "local_authority": home.council.pk,
            "issuer": "https://idp.bolton.example",
            "client_id": "rcc",
            "client_secret": SECRET,
            "email_domains": "Bolton.example, @staff.bolton.example",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    provider = IdentityProvider.objects.get()
    assert provider.client_secret == SECRET
    assert provider.email_domains == "bolton.example staff.bolton.example"
    for page in (
        "/admin/rcc/identityprovider/",
        f"/admin/rcc/identityprovider/{provider.pk}/change/",
    ):
        body = admin_client.get(page).content.decode()
        assert SECRET not in body and "••••••9876" in body


def test_saving_without_a_new_secret_keeps_the_old_one(admin_client, provider, home):
    response = admin_client.post(
        f"/admin/rcc/identityprovider/{provider.pk}/change/",
        {
            "name": "Bolton",
            "local_authority": home.council.pk,
            "issuer": provider.issuer,
            "client_id": "rcc",
            "client_secret": "",
            "email_domains": "bolton.example",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    provider.refresh_from_db()
    assert provider.client_secret == SECRET and provider.name == "Bolton"


def test_a_domain_has_one_provider_and_a_provider_one_scope(admin_client, provider, home):
    response = admin_client.post(
        "/admin/rcc/identityprovider/add/",
        {
            "name": "Again",
            "local_authority": home.council.pk,
            "region": home.region.pk,
            "issuer": "https://other.example",
            "client_id": "x",
            "client_secret": "y" * 20,
            "email_domains": "bolton.example",
        },
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Another provider already signs in bolton.example" in body
    assert "Choose a council or a region, not both" in body


def test_an_administrator_approves_a_request_with_a_chosen_role(admin_client, provider, home):
    request = AccessRequest.objects.create(
        identity_provider=provider, email="new@bolton.example", subject="s1", full_name="New"
    )
    listing = admin_client.get("/admin/rcc/accessrequest/")
    assert "new@bolton.example" in listing.content.decode()
    response = admin_client.post(
        "/admin/rcc/accessrequest/",
        {"action": "approve_as_team_manager", "_selected_action": [request.pk]},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.APPROVED
    membership = Membership.objects.get(user__email="new@bolton.example")
    assert (membership.role, membership.local_authority) == (Role.TEAM_MANAGER, home.council)
    assert AuditEvent.objects.filter(action="auth.sso_access_approved").count() == 1


def test_a_region_role_cannot_be_given_through_a_councils_provider(admin_client, provider):
    request = AccessRequest.objects.create(
        identity_provider=provider, email="new@bolton.example", subject="s1"
    )
    admin_client.post(
        "/admin/rcc/accessrequest/",
        {"action": "approve_as_commissioner", "_selected_action": [request.pk]},
    )
    request.refresh_from_db()
    assert request.status == AccessRequest.Status.PENDING
    assert not Membership.objects.filter(user__email="new@bolton.example").exists()


def test_other_roles_cannot_reach_the_sso_back_office(home, signed_in):
    client = signed_in(home.people[Role.COMMISSIONER])
    assert client.get("/admin/rcc/identityprovider/").status_code in (302, 403)
    assert client.get("/admin/rcc/accessrequest/").status_code in (302, 403)
