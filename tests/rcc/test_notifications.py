"""The one notification service: after commit, through Notify when configured, else email."""

from __future__ import annotations

from django.core import mail

from rcc import notifications
from rcc.tasks import send_email


def test_notifications_wait_for_the_transaction_to_commit(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notifications._send(["a@example.org"], "Subject", "Body")
    assert mail.outbox == []  # nothing sent while the transaction could still roll back
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["a@example.org"]]


def test_without_a_key_it_uses_the_email_backend(settings):
    settings.NOTIFY_API_KEY = ""
    send_email(to=["a@example.org"], subject="S", body="B")
    assert mail.outbox[0].subject == "S"


def test_nothing_is_sent_while_muted(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), notifications.muted():
        notifications._send(["a@example.org"], "Subject", "Body")
    assert mail.outbox == []
