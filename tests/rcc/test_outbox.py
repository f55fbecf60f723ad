"""The outbox (ADR 0011): work is queued after commit, a broker outage neither breaks the request
nor loses the work, and a drain sends each waiting row once."""

from __future__ import annotations

import io
import socket
import time
from contextlib import contextmanager

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction

from fostering.models import Enquiry
from rcc import outbox, ratelimit
from rcc.cache import FailSoftRedisCache
from rcc.celery import app
from rcc.models import OutboxMessage
from rcc.tasks import send_email


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the socket goes: nothing listens there


@contextmanager
def broker(url: str):
    """Celery publishing to ``url`` (not eagerly), as the web processes do in production."""
    before = (app.conf.broker_url, app.conf.task_always_eager)
    app.conf.broker_url, app.conf.task_always_eager = url, False
    app._pool = None
    app.amqp._producer_pool = None
    try:
        yield
    finally:
        app.conf.broker_url, app.conf.task_always_eager = before
        app._pool = None
        app.amqp._producer_pool = None


BROKER_DOWN = f"redis://127.0.0.1:{_closed_port()}/0"


def test_work_is_queued_only_once_the_transaction_commits(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        outbox.enqueue(send_email, to=["a@example.org"], subject="S", body="B")
    assert mail.outbox == []
    assert OutboxMessage.objects.get().sent_at is None
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert OutboxMessage.objects.get().sent_at is not None


def test_a_rolled_back_transaction_queues_nothing(db, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        outbox.enqueue(send_email, to=["a@example.org"], subject="S", body="B")
        raise RuntimeError("the write failed")
    assert callbacks == []
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_with_the_broker_down_an_enquiry_saves_at_once_and_its_emails_wait(
    client, home, django_capture_on_commit_callbacks, caplog
):
    from tests.fostering.test_public import _enquire

    with broker(BROKER_DOWN):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            response = _enquire(client, home.region)
        started = time.monotonic()  # what the dead broker costs the request: its publishes
        for callback in callbacks:
            callback()
        elapsed = time.monotonic() - started
    assert response.status_code == 302
    assert Enquiry.objects.count() == 1
    waiting = OutboxMessage.objects.filter(sent_at__isnull=True)
    assert waiting.count() == 2  # the enquirer's confirmation and the hub officers' alert
    assert all(m.attempts == 1 and m.last_error for m in waiting)
    assert elapsed < 2, f"the request waited {elapsed:.1f} s for a dead broker"
    assert "kept in the outbox" in caplog.text
    assert "alex@example.org" not in caplog.text

    # The broker returns: the drain sends both, and a second drain sends nothing again.
    result = outbox.drain()
    assert (result.sent, result.waiting, result.refused) == (2, 0, False)
    assert sorted(m.to[0] for m in mail.outbox)[0] == "alex@example.org"
    assert len(mail.outbox) == 2
    assert outbox.drain().sent == 0
    assert len(mail.outbox) == 2


def test_a_drain_stops_at_the_first_refusal_and_keeps_the_rest(db):
    for n in range(3):
        OutboxMessage.objects.create(task=send_email.name, kwargs={"to": [f"{n}@x.org"]})
    with broker(BROKER_DOWN):
        result = outbox.drain()
    assert (result.sent, result.waiting, result.refused) == (0, 3, True)
    assert sorted(OutboxMessage.objects.values_list("attempts", flat=True)) == [0, 0, 1]


def test_a_row_is_claimed_by_one_sender_at_a_time(db):
    message = OutboxMessage.objects.create(task=send_email.name)
    assert outbox._claim(message.pk)
    assert not outbox._claim(message.pk)  # the after-commit send and a drain cannot both send
    assert outbox.drain().sent == 0


def test_the_command_drains_and_fails_while_the_broker_refuses(db):
    OutboxMessage.objects.create(
        task=send_email.name, kwargs={"to": ["a@x.org"], "subject": "S", "body": "B"}
    )
    with broker(BROKER_DOWN), pytest.raises(CommandError, match="refused"):
        call_command("drain_outbox", stdout=io.StringIO())
    out = io.StringIO()
    call_command("drain_outbox", stdout=out)
    assert out.getvalue().strip() == "Sent 1; 0 still waiting."
    assert mail.outbox[0].to == ["a@x.org"]


def test_beat_drains_the_outbox_every_minute():
    entry = app.conf.beat_schedule["drain-outbox"]
    assert (entry["task"], entry["schedule"]) == ("rcc.tasks.drain_outbox", 60.0)


def test_sent_rows_are_deleted_after_a_week(db):
    from datetime import timedelta

    from django.utils import timezone

    OutboxMessage.objects.create(task="x", sent_at=timezone.now() - timedelta(days=8))
    OutboxMessage.objects.create(task="x", sent_at=timezone.now() - timedelta(days=1))
    outbox.drain()
    assert OutboxMessage.objects.count() == 1


# The cache fails soft ---------------------------------------------------------------------------
def test_with_redis_down_the_cache_reads_as_a_miss_and_never_raises():
    cache = FailSoftRedisCache(BROKER_DOWN, {"OPTIONS": {"socket_connect_timeout": 1}})
    assert cache.get("k", "default") == "default"
    cache.set("k", 1)
    assert cache.add("k", 1) is False
    assert cache.get_many(["k"]) == {}
    assert cache.has_key("k") is False
    with pytest.raises(ValueError):
        cache.incr("k")  # as for a missing key


def test_with_redis_down_rate_limits_open_rather_than_refuse(monkeypatch):
    cache = FailSoftRedisCache(BROKER_DOWN, {})
    monkeypatch.setattr(ratelimit, "cache", cache)
    rate = ratelimit.Rate(limit=1, seconds=60)
    assert all(ratelimit.hit("bucket", "key", rate) for _ in range(3))


def test_sessions_and_lockouts_live_in_the_database(settings):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"
