"""Each role signs in to a dashboard and navigation that fit it."""

from __future__ import annotations

import re

import pytest

from rcc.roles import Role
from tests.factories import MembershipFactory, UserFactory

SUPPLY = {"Settings", "Vacancies"}
MARKET = {"Market", "Frameworks", "Forecasts", "Partner data"} | SUPPLY
CASES = {"Children", "Referrals", "Outcomes"}
NAV_BY_ROLE = {
    Role.SOCIAL_WORKER: {"Dashboard"} | SUPPLY | CASES,
    Role.TEAM_MANAGER: {"Dashboard", "Approvals"} | SUPPLY | CASES,
    Role.COMMISSIONER: {"Dashboard", "Audit log", "Fostering funnel", "Sufficiency"}
    | MARKET
    | CASES,
    Role.DATA_OFFICER: {"Dashboard", "903 imports"},
    Role.ANALYST: {"Dashboard", "Fostering funnel", "Sufficiency", "903 imports"} | MARKET,
    Role.PROVIDER_STAFF: {"Dashboard", "Your organisation", "Referrals sent to you"},
    Role.HUB_OFFICER: {
        "Dashboard",
        "Enquiries",
        "Applicants",
        "Carers",
        "Support",
        "Fostering funnel",
    },
    Role.PARTNER: {"Dashboard", "Partner data"},
    Role.DFE_ANALYST: {"Dashboard"},
    Role.PLATFORM_ADMIN: {"Dashboard", "Audit log", "Back office", "Fostering funnel"} | MARKET,
}
# Roles that may hold an API key read its reference; platform administrators manage the keys.
for _role in (
    Role.SOCIAL_WORKER,
    Role.TEAM_MANAGER,
    Role.COMMISSIONER,
    Role.ANALYST,
    Role.PROVIDER_STAFF,
    Role.DFE_ANALYST,
    Role.PLATFORM_ADMIN,
):
    NAV_BY_ROLE[_role] = NAV_BY_ROLE[_role] | {"API reference"}
NAV_BY_ROLE[Role.PLATFORM_ADMIN] |= {"API keys"}


@pytest.mark.parametrize("role", Role.values)
def test_every_role_gets_a_dashboard_and_its_own_navigation(role, signed_in, home, national):
    person = national.get(role) or home.people[role]
    body = signed_in(person).get("/").content.decode()
    assert "What needs your action" in body
    assert Role(role).label in body
    links = re.findall(
        r'class="govuk-service-navigation__link" href="[^"]*"[^>]*>'
        r"\s*(?:<strong[^>]*>)?([^<]+?)\s*<",
        body,
    )
    assert set(links) == NAV_BY_ROLE[role]


def test_the_admin_dashboard_lists_accounts_without_two_factor(signed_in, national, db):
    UserFactory(email="no-device@example.org")
    body = signed_in(national[Role.PLATFORM_ADMIN]).get("/").content.decode()
    assert "no-device@example.org" in body


def test_a_person_with_two_roles_can_switch_between_them(signed_in, home, db):
    worker = home.people[Role.SOCIAL_WORKER]
    second = MembershipFactory(user=worker, role=Role.COMMISSIONER, region=home.region)
    client = signed_in(worker)
    assert client.get("/audit/").status_code == 403
    response = client.post("/account/role/", {"membership": second.pk})
    assert response.status_code == 302
    assert client.get("/audit/").status_code == 200


def test_a_person_cannot_switch_to_someone_elses_membership(signed_in, home, away):
    client = signed_in(home.people[Role.SOCIAL_WORKER])
    foreign = away.people[Role.COMMISSIONER].memberships.get()
    response = client.post("/account/role/", {"membership": foreign.pk})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert client.get("/audit/").status_code == 403


def test_a_signed_in_user_without_any_role_sees_no_dashboard(signed_in, plain_user):
    assert signed_in(plain_user).get("/").status_code == 403
