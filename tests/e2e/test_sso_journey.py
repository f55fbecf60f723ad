"""A council's social worker signs in with their council's account, through a real OpenID
provider on 127.0.0.1, and signs out of both; a newcomer the council vouches for is told to
wait for an administrator.

Given Bolton signs in its staff with its own OpenID provider (its multi-factor check counts as
the second factor), when Sam, a Bolton social worker, chooses "Sign in with your council
account" and gives a work email, then Bolton's provider asks who they are, and Sam lands on
their dashboard with no security code to type; signing out ends the session here and at the
provider. When Alex, who works at Bolton but has no role here, signs in the same way, then
they are told their request has been sent, and they are not signed in.
"""

from __future__ import annotations

from rcc.models import AccessRequest, IdentityProvider
from rcc.roles import Role
from tests.factories import MembershipFactory, UserFactory
from tests.sso_idp import running_provider


def _at_the_provider(someone, sub: str | None = None, button: str = "Authorize") -> None:
    """Act on the provider's own pages (not ours: they are not checked, and their stylesheet
    comes from a CDN, which the browser is kept from fetching)."""
    page = someone.page
    if sub is not None:
        page.locator("input[name=sub]").fill(sub)
    page.get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    someone.errors.clear()
    someone.foreign_requests.clear()


def test_a_social_worker_signs_in_with_their_councils_account(home, person):
    with running_provider() as idp:
        idp.add_user(
            "sam", email="sam.jones@bolton.example", email_verified=True, amr=["pwd", "mfa"]
        )
        idp.add_user("alex", email="alex.new@bolton.example", email_verified=True, name="Alex New")
        IdentityProvider.objects.create(
            name="Bolton Council",
            local_authority=home.council,
            issuer=idp.url,
            client_id="rcc-platform",
            client_secret="demo-client-secret",
            email_domains="bolton.example",
        )
        sam = UserFactory(email="sam.jones@bolton.example", full_name="Sam Jones")
        MembershipFactory(user=sam, role=Role.SOCIAL_WORKER, local_authority=home.council)

        worker = person("social worker")
        worker.context.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
        worker.visit("/account/sign-in/", "sign-in")
        worker.click("Sign in with your council account", role="link", then="council-sign-in")
        assert worker.heading() == "Sign in with your council account"
        worker.fill("Work email address", "sam.jones@bolton.example")
        worker.page.get_by_role("button", name="Continue").click()
        worker.page.wait_for_load_state()
        assert worker.page.url.startswith(f"{idp.url}/oauth2/authorize")
        _at_the_provider(worker, sub="sam")
        worker.check("dashboard")
        assert worker.heading() == "What needs your action", worker.text()[:2000]

        worker.click("Sign out", then="signed-out-here")
        assert worker.heading() == "You have signed out"
        worker.page.get_by_role(
            "button", name="Sign out of your Bolton Council account too"
        ).click()
        worker.page.wait_for_load_state()
        assert worker.page.url.startswith(f"{idp.url}/oauth2/end_session")
        _at_the_provider(worker, button="End session")
        worker.check("signed-out")
        assert worker.heading() == "Sign in"
        assert worker.page.goto("/").url.endswith("/account/sign-in/?next=/")

        newcomer = person("newcomer")
        newcomer.context.route("https://cdn.jsdelivr.net/**", lambda route: route.abort())
        newcomer.visit("/account/sign-in/council/", "council-sign-in")
        newcomer.fill("Work email address", "alex.new@bolton.example")
        newcomer.page.get_by_role("button", name="Continue").click()
        newcomer.page.wait_for_load_state()
        _at_the_provider(newcomer, sub="alex")
        newcomer.check("request-sent")
        assert newcomer.heading() == "Your request has been sent"
        assert AccessRequest.objects.get().email == "alex.new@bolton.example"
