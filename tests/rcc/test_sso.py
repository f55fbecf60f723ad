"""Sign in with the council's account, against a real OpenID provider on 127.0.0.1."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlparse

import pytest
import requests
from django.test import Client

from rcc import sso
from rcc.models import AccessRequest, AuditEvent, IdentityProvider, Membership
from rcc.roles import Role
from tests.factories import MembershipFactory, UserFactory
from tests.sso_idp import running_provider

SUB = "sam-7f3a"
EMAIL = "sam.jones@bolton.example"


@pytest.fixture
def idp():
    with running_provider() as provider:
        provider.add_user(SUB, email=EMAIL, email_verified=True, name="Sam Jones")
        yield provider


def _configure(idp, home, **extra) -> IdentityProvider:
    return IdentityProvider.objects.create(
        name="Bolton Council",
        local_authority=home.council,
        issuer=extra.pop("issuer", idp.url),
        client_id="rcc-platform",
        client_secret="s3cret-value-123",
        email_domains="bolton.example",
        **extra,
    )


@pytest.fixture
def provider(idp, home):
    return _configure(idp, home)


@pytest.fixture
def sam(home):
    user = UserFactory(email=EMAIL, full_name="Sam Jones")
    MembershipFactory(user=user, role=Role.SOCIAL_WORKER, local_authority=home.council)
    return user


def _start(client: Client, email: str = EMAIL):
    return client.post("/account/sign-in/council/", {"email": email})


def _round_trip(client: Client, idp, sub: str = SUB):
    start = _start(client)
    assert start.status_code == 302, start.content.decode()[:500]
    back = urlparse(idp.authorize(start.url, sub))
    assert back.path == "/account/sign-in/council/callback/"
    return client.get(f"{back.path}?{back.query}")


def _reasons() -> list[str]:
    events = AuditEvent.objects.filter(action="auth.sso_failed")
    return [e.metadata.get("reason", "") for e in events]


def test_a_member_signs_in_and_still_gives_the_platforms_code(client, idp, provider, sam):
    start = _start(client)
    assert start.url.startswith(f"{idp.url}/oauth2/authorize?")
    query = start.url.split("?", 1)[1]
    for part in ("state=", "nonce=", "code_challenge=", "code_challenge_method=S256"):
        assert part in query
    back = urlparse(idp.authorize(start.url, SUB))
    response = client.get(f"{back.path}?{back.query}")
    assert response.status_code == 302
    assert response.url.startswith("/account/two-factor/")
    assert client.get("/").url.startswith("/account/two-factor/")  # signed in, not verified
    actions = set(AuditEvent.objects.filter(actor=sam).values_list("action", flat=True))
    assert {"auth.signed_in", "auth.sso_matched"} <= actions


def test_the_providers_multi_factor_assertion_counts_as_the_second_factor(
    client, idp, provider, sam
):
    idp.add_user(SUB, email=EMAIL, email_verified=True, amr=["pwd", "mfa"])
    response = _round_trip(client, idp)
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/").status_code == 200
    assert AuditEvent.objects.filter(actor=sam, action="auth.mfa_by_provider").exists()


def test_an_acr_the_provider_is_configured_to_use_for_mfa_counts(client, idp, home, sam):
    _configure(idp, home, mfa_acr_values="urn:council:mfa")
    idp.add_user(SUB, email=EMAIL, email_verified=True, acr="urn:council:mfa")
    response = _round_trip(client, idp)
    assert response.url == "/"


def test_a_password_only_assertion_needs_the_platforms_code(client, idp, provider, sam):
    idp.add_user(SUB, email=EMAIL, email_verified=True, amr=["pwd"], acr="urn:weak")
    response = _round_trip(client, idp)
    assert response.url.startswith("/account/two-factor/")
    assert client.get("/").status_code == 302


@pytest.mark.parametrize(
    ("mode", "reason"),
    [
        ("wrong_audience", "InvalidClaimError: invalid_claim: Invalid claim: 'aud'"),
        ("wrong_issuer", "InvalidClaimError: invalid_claim: Invalid claim: 'iss'"),
        ("bad_signature", "BadSignatureError"),
    ],
)
def test_a_token_that_fails_its_checks_signs_no_one_in(client, idp, provider, sam, mode, reason):
    idp.tamper.mode = mode
    response = _round_trip(client, idp)
    assert response.status_code == 400
    assert "You could not be signed in" in response.content.decode()
    assert client.get("/").status_code == 302
    assert not AuditEvent.objects.filter(actor=sam, action="auth.signed_in").exists()
    assert any(reason in r for r in _reasons()), _reasons()


def test_an_expired_token_signs_no_one_in(client, home, sam):
    with running_provider(token_max_age=timedelta(minutes=-10)) as expired:
        expired.add_user(SUB, email=EMAIL, email_verified=True)
        _configure(expired, home)
        response = _round_trip(client, expired)
    assert response.status_code == 400
    assert client.get("/").status_code == 302
    assert any("ExpiredTokenError" in r for r in _reasons()), _reasons()


def test_a_discovery_document_for_another_issuer_is_refused(client, idp, provider):
    idp.tamper.mode = "discovery_issuer"
    response = _start(client)
    assert response.status_code == 200
    assert "not answering" in response.content.decode()


def test_an_unknown_domain_is_told_to_use_a_password(client, provider):
    response = _start(client, "someone@elsewhere.example")
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "does not sign in to this service" in body
    assert 'value="someone@elsewhere.example"' in body


def test_a_replayed_state_is_refused(client, idp, provider, sam):
    start = _start(client)
    back = urlparse(idp.authorize(start.url, SUB))
    callback = f"{back.path}?{back.query}"
    assert client.get(callback).status_code == 302
    assert client.get(callback).status_code == 400  # the state was used up
    elsewhere = Client().get(callback)  # and is no one else's
    assert elsewhere.status_code == 302 and elsewhere.url == "/account/sign-in/council/"
    assert AuditEvent.objects.filter(action="auth.signed_in").count() == 1


def test_a_replayed_id_token_fails_its_nonce(client, idp, provider, sam):
    _round_trip(client, idp)
    other = Client()
    idp.tamper.mode = "replay"  # the provider answers with the first sign-in's tokens
    response = _round_trip(other, idp)
    assert response.status_code == 400
    assert any("nonce" in r for r in _reasons()), _reasons()


def test_a_callback_without_a_sign_in_under_way_is_refused(client, provider):
    response = client.get("/account/sign-in/council/callback/?code=x&state=y")
    assert response.status_code == 302 and response.url == "/account/sign-in/council/"
    assert "Your sign-in had expired" in client.get(response.url).content.decode()


def test_an_unverified_email_is_refused(client, idp, provider, sam):
    idp.add_user(SUB, email=EMAIL, email_verified=False)
    assert _round_trip(client, idp).status_code == 400


def test_signing_out_ends_the_session_here_and_at_the_provider(client, idp, provider, sam):
    idp.add_user(SUB, email=EMAIL, email_verified=True, amr=["mfa"])
    _round_trip(client, idp)
    response = client.post("/account/sign-out/")
    body = response.content.decode()
    assert response.status_code == 200 and "You have signed out" in body
    link = re.search(r'href="([^"]*/oauth2/end_session[^"]*)"', body)[1].replace("&amp;", "&")
    assert link.startswith(f"{idp.url}/oauth2/end_session?id_token_hint=")
    assert "post_logout_redirect_uri=http%3A%2F%2Ftestserver%2Faccount%2Fsign-in%2F" in link
    assert client.get("/").status_code == 302
    assert AuditEvent.objects.filter(actor=sam, action="auth.signed_out").exists()
    ended = requests.get(link, timeout=5)
    assert ended.status_code == 200 and "End session" in ended.text  # the provider asks to confirm


def test_the_sign_in_form_may_lead_only_to_configured_providers(client, idp, provider):
    policy = client.get("/account/sign-in/council/").headers["Content-Security-Policy"]
    form_action = next(p for p in policy.split(";") if "form-action" in p)
    assert form_action.split() == ["form-action", "'self'", idp.url]


def test_someone_without_a_membership_waits_for_an_administrator(
    client, idp, provider, home, national
):
    response = _round_trip(client, idp)
    assert response.status_code == 200
    assert "Your request has been sent" in response.content.decode()
    assert client.get("/").status_code == 302
    request = AccessRequest.objects.get(email=EMAIL)
    assert request.status == AccessRequest.Status.PENDING
    _round_trip(Client(), idp)  # asking again files no second request
    assert AccessRequest.objects.filter(email=EMAIL).count() == 1

    admin = national[Role.PLATFORM_ADMIN]
    membership = sso.approve_access_request(
        actor=admin, access_request=request, role=Role.TEAM_MANAGER
    )
    assert membership.local_authority == home.council and membership.role == Role.TEAM_MANAGER
    with pytest.raises(ValueError, match="already been decided"):
        sso.approve_access_request(actor=admin, access_request=request, role=Role.TEAM_MANAGER)
    assert AuditEvent.objects.filter(action="auth.sso_access_approved", actor=admin).exists()

    idp.add_user(SUB, email=EMAIL, email_verified=True, amr=["mfa"])
    assert _round_trip(Client(), idp).url == "/"


def test_an_approval_cannot_give_a_role_outside_the_providers_scope(idp, provider):
    request = AccessRequest.objects.create(
        identity_provider=provider, email=EMAIL, subject=SUB, full_name="Sam"
    )
    with pytest.raises(ValueError, match="does not fit"):
        sso.approve_access_request(
            actor=UserFactory(), access_request=request, role=Role.PLATFORM_ADMIN
        )
    assert not Membership.objects.filter(user__email=EMAIL).exists()


def test_a_member_of_another_council_is_not_matched(client, idp, provider, away):
    user = UserFactory(email=EMAIL)
    MembershipFactory(user=user, role=Role.SOCIAL_WORKER, local_authority=away.council)
    response = _round_trip(client, idp)
    assert "Your request has been sent" in response.content.decode()


def test_the_council_sign_in_page_makes_a_fixed_number_of_queries(
    client, idp, provider, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        assert client.get("/account/sign-in/council/").status_code == 200
