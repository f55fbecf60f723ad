"""Controls of ../shared/SECURITY.md no other test file proves (docs/security.md maps them all).

C05 no-store on every staff page, C07 dependency consistency, C09 the TOTP step, C11 long
passphrases, C12 the password-reset rate, C13 no shared accounts, C18 cookie attributes,
C21 object permissions as predicates, C30 authentication events, C31 logs free of secrets
and children's names.
"""

from __future__ import annotations

import io
import json
import logging
import subprocess
import sys
from unittest import mock

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import checks
from django.test import Client

from rcc import access, services
from rcc.accounts import no_shared_accounts
from rcc.logging import JsonFormatter, RequestIdFilter
from rcc.models import AuditEvent, User
from rcc.roles import Role
from tests.access_walk import all_routes
from tests.factories import PASSWORD, TOTPDeviceFactory, UserFactory
from tests.personas import sign_in
from tests.placements.factories import ChildFactory
from tests.providers.factories import SettingFactory


def _password(client: Client, email: str, password: str = PASSWORD, ip: str = "10.0.0.1"):
    return client.post(
        "/account/sign-in/", {"username": email, "password": password}, REMOTE_ADDR=ip
    )


# C05 -----------------------------------------------------------------------------------------
def test_every_staff_page_tells_browsers_and_proxies_not_to_store_it(national, away):
    client = Client()
    sign_in(client, national[Role.PLATFORM_ADMIN])
    stored = []
    for route in all_routes():
        if route.public or route.name.startswith("api:"):
            continue
        response = client.get(route.url(away))
        if "no-store" not in response.get("Cache-Control", ""):
            stored.append((route.name, response.status_code))
    assert stored == []


# C07 -----------------------------------------------------------------------------------------
def test_installed_dependencies_are_consistent():
    result = subprocess.run(
        [sys.executable, "-m", "pip", "check"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


# C09 -----------------------------------------------------------------------------------------
def test_codes_change_every_30_seconds_and_tolerate_one_step_of_drift(db):
    device = TOTPDeviceFactory(user=UserFactory())
    assert (device.step, device.tolerance) == (30, 1)


# C11 -----------------------------------------------------------------------------------------
def test_a_long_passphrase_is_accepted_and_needs_no_special_characters():
    validate_password("correct horse battery staple and a kettle on the hob in leeds")  # 64
    validate_password("x" * 40 + " a passphrase well beyond sixty-four characters long " * 3)


# C12 -----------------------------------------------------------------------------------------
def test_password_reset_emails_are_limited_per_address_asked_for(client, home):
    email = home.people[Role.SOCIAL_WORKER].email
    answers = [
        client.post("/account/password-reset/", {"email": email}).status_code for _ in range(4)
    ]
    assert answers == [302, 302, 302, 429]


def test_password_reset_requests_are_limited_per_network_address(client, db):
    answers = [
        client.post(
            "/account/password-reset/", {"email": f"p{n}@example.org"}, REMOTE_ADDR="192.0.2.4"
        ).status_code
        for n in range(11)
    ]
    assert answers == [302] * 10 + [429]
    other = Client().post(
        "/account/password-reset/", {"email": "q@example.org"}, REMOTE_ADDR="192.0.2.5"
    )
    assert other.status_code == 302
    refused = client.post(
        "/account/password-reset/", {"email": "z@example.org"}, REMOTE_ADDR="192.0.2.4"
    )
    assert "Too many password reset requests" in refused.content.decode()


# C13 -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("email", ["admin@council.gov.uk", "Root@rcc.example", "test@x.org"])
def test_shared_or_default_accounts_cannot_be_created(email, db):
    with pytest.raises(services.ServiceError, match="personal"):
        services.create_user(email=email, full_name="Shared", password=None, actor=None)
    assert not User.objects.exists()


def test_the_database_check_reports_an_active_shared_account(db):
    assert no_shared_accounts(databases=["default"]) == []
    UserFactory(email="admin@council.gov.uk")
    UserFactory(email="test@council.gov.uk", is_active=False)
    found = no_shared_accounts(databases=["default"])
    assert [(m.id, m.level) for m in found] == [("rcc.E001", checks.ERROR)]
    assert "admin@council.gov.uk" in found[0].msg


# C18 -----------------------------------------------------------------------------------------
def test_production_cookies_are_host_prefixed_secure_http_only_and_lax(settings, worker_user):
    # The production values (tests/rcc/test_settings.py proves SECURE_TRANSPORT sets them).
    settings.SESSION_COOKIE_NAME, settings.SESSION_COOKIE_SECURE = "__Host-sessionid", True
    settings.CSRF_COOKIE_NAME, settings.CSRF_COOKIE_SECURE = "__Host-csrftoken", True
    client = Client()
    client.get("/account/sign-in/")
    response = _password(client, worker_user.email)
    assert response.status_code == 302
    for name in ("__Host-sessionid", "__Host-csrftoken"):
        cookie = response.cookies.get(name) or client.cookies[name]
        assert cookie["secure"] is True, name
        assert cookie["httponly"] is True, name
        assert cookie["samesite"] == "Lax", name
        assert cookie["path"] == "/" and not cookie["domain"], name  # what __Host- demands


@pytest.fixture
def worker_user(home):
    return home.people[Role.SOCIAL_WORKER]


# C21 -----------------------------------------------------------------------------------------
def test_object_permissions_are_predicates_on_the_acting_membership(home, away):
    own = SettingFactory(provider=home.provider, local_authority=home.council)
    foreign = SettingFactory(provider=away.provider, local_authority=away.council)
    commissioner = home.people[Role.COMMISSIONER]
    assert commissioner.has_perm(access.EDIT_SETTING, own)
    assert not commissioner.has_perm(access.EDIT_SETTING, foreign)
    assert not home.people[Role.SOCIAL_WORKER].has_perm(access.EDIT_SETTING, own)
    assert home.people[Role.PROVIDER_STAFF].has_perm(access.EDIT_SETTING, own)
    assert not away.people[Role.PROVIDER_STAFF].has_perm(access.EDIT_SETTING, own)


# C30 -----------------------------------------------------------------------------------------
def test_sign_in_success_failure_lockout_and_second_factor_are_audited(client, worker_user):
    from axes.models import AccessAttempt
    from django_otp.oath import TOTP

    for _ in range(5):
        _password(Client(), worker_user.email, "wrong-password-here", ip="10.9.9.9")
    assert AccessAttempt.objects.filter(username=worker_user.email).exists()
    _password(client, worker_user.email)
    device = worker_user.totpdevice_set.get()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    code = f"{totp.token():06d}"
    client.post("/account/two-factor/", {"token": code})
    other = Client()
    _password(other, worker_user.email)
    other.post("/account/two-factor/", {"token": "000000" if code != "000000" else "111111"})
    actions = list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))
    assert actions.count("auth.sign_in_failed") >= 5
    for action in ("auth.locked_out", "auth.signed_in", "auth.mfa_verified", "auth.mfa_failed"):
        assert action in actions, action


# C31 -----------------------------------------------------------------------------------------
@pytest.fixture
def json_logs():
    """The JSON lines production writes, captured from the root logger."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestIdFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


SECRET_PASSWORD = "Wrong-Horse-Staple-93"


def test_logs_hold_no_password_no_childs_name_and_no_forged_lines(signed_in, home, json_logs):
    child = ChildFactory(local_authority=home.council, name="Zebedee Quarrington")
    worker = home.people[Role.SOCIAL_WORKER]

    # Sign-in failures (with a password, and a CR/LF-forged username), then a lockout.
    for _ in range(6):
        _password(Client(), worker.email, SECRET_PASSWORD, ip="10.1.1.1")
    _password(Client(), 'x\n{"level": "CRITICAL", "message": "forged"}', SECRET_PASSWORD)
    # Viewing, searching and failing on a child's record.
    client = signed_in(worker)
    assert client.get(f"/children/{child.public_id}/").status_code == 200
    assert client.get("/children/", {"q": "Zebedee"}).status_code == 200
    client.raise_request_exception = False
    with mock.patch("rcc.audit.record", side_effect=ValueError(f"cannot save {child.name}")):
        assert client.get(f"/children/{child.public_id}/").status_code == 500
    # A log call that names what it should not: redacted all the same.
    logging.getLogger("rcc.test").warning(
        "sent to %s at BL1 1AA with password=%s", worker.email, SECRET_PASSWORD
    )

    text = json_logs.getvalue()
    lines = [json.loads(line) for line in text.splitlines()]  # every line is one JSON object
    assert not any(line.get("message") == "forged" for line in lines)
    assert any(line["level"] == "ERROR" and "exception" in line for line in lines)
    for secret in (SECRET_PASSWORD, "Zebedee", "Quarrington", worker.email, "BL1 1AA"):
        assert secret not in text, secret
    assert "ValueError: [message withheld" in text


def test_infrastructure_errors_keep_their_message_in_the_logs(json_logs):
    try:
        raise ConnectionRefusedError("Error 111 connecting to 127.0.0.1:6379")
    except ConnectionRefusedError:
        logging.getLogger("rcc.test").exception("broker down")
    assert "connecting to 127.0.0.1:6379" in json_logs.getvalue()


# C32 -----------------------------------------------------------------------------------------
def test_the_application_role_may_add_audit_events_but_never_change_them(postgres_only, home):
    from django.core.management import call_command
    from django.db import ProgrammingError, connection, transaction

    from rcc import audit

    audit.record(actor=None, action="test.event", object_type="rcc.user")
    with connection.cursor() as cursor:
        cursor.execute("CREATE ROLE rcc_app_role_under_test NOLOGIN")  # undone with the test
    call_command("grant_app_role", "rcc_app_role_under_test", stdout=io.StringIO())
    with connection.cursor() as cursor:
        cursor.execute("SET ROLE rcc_app_role_under_test")
        try:
            cursor.execute("SELECT count(*) FROM rcc_auditevent")
            assert cursor.fetchone()[0] >= 1
            cursor.execute("UPDATE rcc_region SET name = name")  # other tables: read and write
            for sql in (
                "UPDATE rcc_auditevent SET action = 'forged'",
                "DELETE FROM rcc_auditevent",
                "TRUNCATE rcc_auditevent CASCADE",
            ):
                with (
                    pytest.raises(ProgrammingError, match="permission denied"),
                    transaction.atomic(),
                ):
                    cursor.execute(sql)
        finally:
            cursor.execute("RESET ROLE")
    audit.record(actor=None, action="test.event.again", object_type="rcc.user")  # still adds


# C26 -----------------------------------------------------------------------------------------
def test_the_database_keeps_one_forecast_per_region_day_and_scenario(home):
    from datetime import date

    from django.db import IntegrityError, transaction

    from sufficiency.models.forecast import ForecastRun

    ForecastRun.objects.create(region=home.region, as_of=date(2026, 4, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        ForecastRun.objects.create(region=home.region, as_of=date(2026, 4, 1))


# Degraded mode: the database unreachable -------------------------------------------------------
def test_a_database_outage_gets_a_503_page_that_says_try_again(signed_in, home):
    from django.db import OperationalError

    child = ChildFactory(local_authority=home.council)
    client = signed_in(home.people[Role.SOCIAL_WORKER])
    client.raise_request_exception = False
    failure = OperationalError("server closed the connection unexpectedly")
    with mock.patch("rcc.audit.record", side_effect=failure):
        response = client.get(f"/children/{child.public_id}/")
    body = response.content.decode()
    assert (response.status_code, response["Retry-After"]) == (503, "30")
    assert "Sorry, the service is unavailable" in body
    assert "Traceback" not in body and "server closed" not in body


def test_the_database_check_lets_a_fresh_database_migrate(tmp_path):
    from tests.rcc.test_settings import _run

    env = {"DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}"}
    result = _run(["manage.py", "check", "--database", "default"], env)
    assert result.returncode == 0, result.stderr
