"""Signing in: password, then a time-based code; lockout; sessions; password reset."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from rcc.models import AuditEvent
from rcc.roles import Role
from tests.factories import PASSWORD, MembershipFactory, UserFactory


def _code(device: TOTPDevice, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset
    return f"{totp.token():06d}"


def _password(client: Client, email: str, password: str = PASSWORD, ip: str = "10.0.0.1"):
    return client.post(
        "/account/sign-in/", {"username": email, "password": password}, REMOTE_ADDR=ip
    )


@pytest.fixture
def worker(home):
    return home.people[Role.SOCIAL_WORKER]


def test_a_social_worker_signs_in_with_password_and_code(client, worker):
    response = _password(client, worker.email)
    assert response.status_code == 302
    assert client.get("/").url.startswith("/account/two-factor/")
    device = worker.totpdevice_set.get()
    response = client.post("/account/two-factor/?next=/", {"token": _code(device)})
    assert response.status_code == 302 and response.url == "/"
    page = client.get("/")
    assert page.status_code == 200
    assert "What needs your action" in page.content.decode()
    actions = set(AuditEvent.objects.filter(actor=worker).values_list("action", flat=True))
    assert {"auth.signed_in", "auth.mfa_verified"} <= actions


@pytest.mark.django_db(transaction=True)
def test_the_code_is_checked_in_the_services_own_transaction(home):
    """As a live server runs, with no test transaction around the request: the row lock on
    the authenticator needs the service's own transaction (PostgreSQL refuses SELECT ... FOR
    UPDATE outside one; the browser journeys found it)."""
    worker = home.people[Role.SOCIAL_WORKER]
    client = Client()
    _password(client, worker.email)
    device = worker.totpdevice_set.get()
    response = client.post("/account/two-factor/?next=/", {"token": _code(device)})
    assert response.status_code == 302 and response.url == "/"


def test_a_wrong_code_shows_the_error_summary_and_keeps_the_session_unverified(client, worker):
    _password(client, worker.email)
    response = client.post("/account/two-factor/", {"token": "12345x"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and "The security code must be 6 digits" in body
    assert 'value="12345x"' in body
    assert client.get("/").status_code == 302


def test_a_code_cannot_be_used_twice(client, worker):
    device = worker.totpdevice_set.get()
    code = _code(device)
    _password(client, worker.email)
    assert client.post("/account/two-factor/", {"token": code}).status_code == 302
    other = Client()
    _password(other, worker.email)
    response = other.post("/account/two-factor/", {"token": code})
    assert response.status_code == 200
    assert "wrong or has been used" in response.content.decode()


def test_a_new_user_sets_up_an_authenticator_before_seeing_anything(client, db):
    user = UserFactory()
    MembershipFactory(user=user, role=Role.DFE_ANALYST)
    _password(client, user.email)
    page = client.get("/account/two-factor/")
    assert "Set up two-factor authentication" in page.content.decode()
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post("/account/two-factor/", {"token": _code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert AuditEvent.objects.filter(actor=user, action="auth.mfa_enrolled").exists()


def test_wrong_passwords_show_one_message_and_keep_the_email(client, worker):
    response = _password(client, worker.email, "not-the-password")
    body = response.content.decode()
    assert "Enter a correct email address and password." in body
    assert f'value="{worker.email}"' in body
    assert AuditEvent.objects.filter(action="auth.sign_in_failed").count() == 1


def test_five_failures_lock_that_account_from_that_address(client, worker):
    for _ in range(5):
        _password(client, worker.email, "wrong-password-guess")
    response = _password(client, worker.email)
    assert response.status_code == 429
    assert AccessAttempt.objects.filter(username=worker.email).exists()
    assert AuditEvent.objects.filter(action="auth.locked_out").exists()


def test_a_lockout_does_not_lock_out_colleagues_in_the_same_office(client, home, worker):
    for _ in range(6):
        _password(client, worker.email, "wrong-password-guess", ip="203.0.113.9")
    colleague = home.people[Role.TEAM_MANAGER]
    response = _password(Client(), colleague.email, ip="203.0.113.9")
    assert response.status_code == 302
    # ...and the locked user can still sign in from another network.
    assert _password(Client(), worker.email, ip="198.51.100.7").status_code == 302


def test_passwords_follow_the_policy():
    with pytest.raises(ValidationError):
        validate_password("password123")
    with pytest.raises(ValidationError):
        validate_password("short-pw")
    validate_password("a quite long passphrase of many words " * 2)


def test_the_session_id_changes_at_sign_in(client, worker):
    client.get("/account/sign-in/")
    client.cookies["sessionid"] = "planted-session-id"
    _password(client, worker.email)
    assert client.cookies["sessionid"].value != "planted-session-id"


def test_signing_out_ends_the_session_on_the_server(signed_in, worker):
    client = signed_in(worker)
    old = client.cookies["sessionid"].value
    assert client.post("/account/sign-out/").status_code == 302
    replay = Client()
    replay.cookies["sessionid"] = old
    assert replay.get("/").status_code == 302


def test_deactivating_an_account_ends_its_sessions(signed_in, worker):
    client = signed_in(worker)
    worker.is_active = False
    worker.save()
    assert client.get("/").status_code == 302


def test_a_password_change_ends_other_sessions_but_not_this_one(signed_in, worker):
    other = Client()
    from tests.personas import sign_in

    sign_in(other, worker)
    client = signed_in(worker)
    new = "a new and much longer passphrase"
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert other.get("/").status_code == 302


def test_a_bad_password_change_keeps_the_page_and_changes_nothing(signed_in, worker):
    client = signed_in(worker)
    response = client.post(
        "/account/password/",
        {"old_password": PASSWORD, "new_password1": "password123", "new_password2": "password123"},
    )
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    worker.refresh_from_db()
    assert worker.check_password(PASSWORD)


@pytest.mark.parametrize(
    ("later", "ends"), [(timedelta(minutes=29), False), (timedelta(minutes=31), True)]
)
def test_an_idle_session_times_out_after_30_minutes(signed_in, worker, later, ends):
    with time_machine.travel("2026-11-22 09:00 +0000", tick=False) as clock:
        client = signed_in(worker)
        assert client.get("/").status_code == 200
        clock.shift(later)
        response = client.get("/")
    assert (response.status_code == 302) is ends
    if ends:
        assert "timed_out=1" in response.url


def test_a_busy_session_still_ends_after_8_hours(signed_in, worker):
    with time_machine.travel("2026-11-22 08:00 +0000", tick=False) as clock:
        client = signed_in(worker)
        for _ in range(17):
            clock.shift(timedelta(minutes=29))
            response = client.get("/")
    assert response.status_code == 302


def test_password_reset_emails_a_link_that_sets_a_new_password(client, worker):
    response = client.post("/account/password-reset/", {"email": worker.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new = "another long and fresh passphrase"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done.status_code == 302
    worker.refresh_from_db()
    assert worker.check_password(new)


def test_password_reset_says_the_same_for_unknown_addresses(client, db):
    response = client.post("/account/password-reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
