"""Configuration: typed env helpers, and a production configuration that passes the deploy check."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from rcc.env import env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "production-secret-that-is-long-and-random-0123456789",
    "ALLOWED_HOSTS": "rcc.example.org",
    "DATABASE_URL": "sqlite:////tmp/rcc-deploy-check.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/0",  # read, never connected to, by these checks
}


def _run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    unset = ("DEBUG", "DEMO_MODE", "SECRET_KEY", "REDIS_URL")
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_the_deploy_check_with_no_warnings():
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_uses_host_prefixed_secure_cookies_and_hsts():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME, s.SESSION_COOKIE_SECURE, "
        "s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT)"
    )
    result = _run(["-c", code], {**PRODUCTION_ENV, "DJANGO_SETTINGS_MODULE": "rcc.settings"})
    assert result.stdout.split() == [
        "__Host-sessionid",
        "__Host-csrftoken",
        "True",
        "True",
        "31536000",
        "True",
    ], result.stderr


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DEBUG": "0"}, "SECRET_KEY must be set"),
        ({**PRODUCTION_ENV, "SECRET_KEY": "short"}, "at least 50"),
        ({**PRODUCTION_ENV, "DEMO_MODE": "1"}, "DEMO_MODE is for local demos only"),
        ({**PRODUCTION_ENV, "DEBUG": "maybe"}, "DEBUG must be a boolean"),
    ],
)
def test_production_refuses_to_start_with_unsafe_configuration(env, message):
    result = _run(["manage.py", "check"], env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_refuses_to_start_when_rate_limits_would_be_counted_per_process():
    """Without Redis each web worker would count its own hits: two workers, twice the limit."""
    without = {k: v for k, v in PRODUCTION_ENV.items() if k != "REDIS_URL"}
    code = "import django; django.setup(); from django.conf import settings as s; print(s.CACHES)"
    env = {"DJANGO_SETTINGS_MODULE": "rcc.settings"}
    refused = _run(["-c", code], {**without, **env})
    assert refused.returncode != 0
    assert "REDIS_URL must be set when DEBUG is off" in refused.stderr
    started = _run(["-c", code], {**PRODUCTION_ENV, **env})
    assert started.returncode == 0, started.stderr
    assert "rcc.cache.FailSoftRedisCache" in started.stdout
    demo = _run(["-c", code], {**env, "DEBUG": "1"})
    assert demo.returncode == 0, demo.stderr
    assert "LocMemCache" in demo.stdout


def test_env_helpers_read_values_and_raise_on_malformed_ones():
    assert env_bool("X", default=False, environ={"X": "yes"}) is True
    assert env_bool("X", default=True, environ={}) is True
    assert env_int("N", 5, environ={"N": "12"}) == 12
    assert env_list("L", [], environ={"L": "a, b,,c"}) == ["a", "b", "c"]
    with pytest.raises(ImproperlyConfigured, match="N must be a whole number"):
        env_int("N", 5, environ={"N": "twelve"})
    with pytest.raises(ImproperlyConfigured, match="X must be a boolean"):
        env_bool("X", default=False, environ={"X": "perhaps"})
