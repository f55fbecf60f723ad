"""A key's "last used" is kept to the minute: the first request writes it, later ones within the
minute do not (each API read was also a write), one after the minute does."""

from __future__ import annotations

from datetime import timedelta

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rcc.models import ApiKey
from rcc.roles import Role
from rcc.services import issue_api_key


def _updates(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/api/v1/vacancies/").status_code == 200
    return sum(q["sql"].startswith('UPDATE "rcc_apikey"') for q in queries)


def test_last_used_is_written_at_most_once_a_minute(home):
    key, secret = issue_api_key(
        actor=None, membership=home.people[Role.COMMISSIONER].memberships.get(), name="t"
    )
    client = Client(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    assert key.last_used_at is None

    assert _updates(client) == 1
    first = ApiKey.objects.get(pk=key.pk).last_used_at
    assert first is not None and timezone.now() - first < timedelta(seconds=30)

    assert _updates(client) == 0  # within the minute: no write
    assert ApiKey.objects.get(pk=key.pk).last_used_at == first

    ApiKey.objects.filter(pk=key.pk).update(last_used_at=first - timedelta(minutes=2))
    assert _updates(client) == 1
    assert ApiKey.objects.get(pk=key.pk).last_used_at > first
