from __future__ import annotations

import os

import pytest
from django.core.cache import cache
from django.db import connection

from rcc.roles import Role
from tests.factories import TOTPDeviceFactory, UserFactory
from tests.personas import MARKER, make_away_data, make_person, make_tenant, sign_in


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Hashing cost is not under test (except where a test says so); speed is.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _tasks_run_in_process():
    """Tests run Celery tasks in-process, even in CI where REDIS_URL makes Redis the broker."""
    from rcc.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    return make_tenant("home-region", "Greater Manchester", "Bolton")


@pytest.fixture
def away(db):
    tenant = make_tenant("away-region", "South East", "Kent", label=MARKER)
    make_away_data(tenant)
    return tenant


@pytest.fixture
def national(db, home):
    """The national roles (no tenant of their own)."""
    return {
        role: make_person(role, home, "national")
        for role in (Role.DFE_ANALYST, Role.PLATFORM_ADMIN)
    }


@pytest.fixture
def signed_in(client):
    def _sign_in(user):
        sign_in(client, user)
        return client

    return _sign_in


@pytest.fixture
def plain_user(db):
    user = UserFactory()
    TOTPDeviceFactory(user=user)
    return user


@pytest.fixture
def postgres_only():
    """For tests of PostgreSQL behaviour: skipped on SQLite locally, a failure in CI."""
    if connection.vendor != "postgresql":
        if os.environ.get("CI"):
            pytest.fail("CI must run against PostgreSQL (set DATABASE_URL)")
        pytest.skip("needs PostgreSQL (set DATABASE_URL); CI runs it")


@pytest.fixture(autouse=True)
def _documents_in_a_temporary_directory(settings, tmp_path):
    """Referral documents stored under the test's own directory, never the worktree."""
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "documents")},
        },
    }
