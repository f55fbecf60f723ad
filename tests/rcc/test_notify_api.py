"""The Notify path for real: notifications-python-client against a local server that answers
like GOV.UK Notify's API (POST /v2/notifications/email, a JWT bearer token)."""

from __future__ import annotations

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core import mail
from notifications_python_client.authentication import decode_jwt_token, get_token_issuer

from rcc import notifications
from rcc.models import OutboxMessage
from rcc.tasks import send_email

SERVICE_ID = "11111111-2222-3333-4444-555555555555"
SECRET = "66666666-7777-8888-9999-000000000000"
API_KEY = f"rcc_test-{SERVICE_ID}-{SECRET}"
TEMPLATE_ID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"


class FakeNotify(BaseHTTPRequestHandler):
    answers: list[int]  # status codes to give, in turn (the last one repeats)
    received: list[dict]

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        token = self.headers["Authorization"].removeprefix("Bearer ")
        assert get_token_issuer(token) == SERVICE_ID
        assert decode_jwt_token(token, SECRET)  # raises on a bad signature
        self.received.append({"path": self.path, **body})
        status = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        answer = {
            201: {"id": "n-1", "content": {"subject": "s", "body": "b"}, "template": {}},
            400: {"status_code": 400, "errors": [{"error": "BadRequestError", "message": "x"}]},
            429: {"status_code": 429, "errors": [{"error": "RateLimitError", "message": "y"}]},
        }[status]
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:  # quiet
        pass


@pytest.fixture
def notify(settings):
    handler = type("Handler", (FakeNotify,), {"answers": [201], "received": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.NOTIFY_API_KEY = API_KEY
    settings.NOTIFY_TEMPLATE_ID = TEMPLATE_ID
    settings.NOTIFY_BASE_URL = f"http://127.0.0.1:{server.server_port}"
    yield handler
    server.shutdown()
    server.server_close()


def test_a_notification_is_sent_through_notify(db, notify, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notifications._send(["a@example.org", "b@example.org"], "Subject", "Body")
    assert [r["email_address"] for r in notify.received] == ["a@example.org", "b@example.org"]
    first = notify.received[0]
    assert first["path"] == "/v2/notifications/email"
    assert first["template_id"] == TEMPLATE_ID
    assert first["personalisation"] == {"subject": "Subject", "body": "Body"}
    assert mail.outbox == []
    assert OutboxMessage.objects.get().sent_at is not None


def test_a_refusal_is_logged_once_and_not_retried(
    db, notify, caplog, django_capture_on_commit_callbacks
):
    notify.answers = [400]
    with caplog.at_level(logging.ERROR), django_capture_on_commit_callbacks(execute=True):
        notifications._send(["a@example.org"], "Subject", "Body")
    assert len(notify.received) == 1  # permanent: asked once
    refused = [r for r in caplog.records if "Notify refused" in r.getMessage()]
    assert len(refused) == 1 and refused[0].notify_status == 400
    assert "a@example.org" not in caplog.text
    assert OutboxMessage.objects.get().sent_at is not None  # handed over: not sent again


def test_too_many_requests_is_retried(db, notify):
    from celery.exceptions import Retry

    notify.answers = [429, 201]
    email = {"to": ["a@example.org"], "subject": "S", "body": "B"}
    with pytest.raises(Retry):  # Celery schedules the task again (a worker, after a backoff)
        send_email.apply(kwargs=email)
    assert len(notify.received) == 1
    assert send_email.apply(kwargs=email).successful()  # the retry: Notify takes it
    assert len(notify.received) == 2
    assert send_email.max_retries == 5 and send_email.retry_backoff  # bounded, not forever


def test_every_template_declares_its_personalisation():
    from rcc import notify_templates

    for template in notify_templates.TEMPLATES.values():
        for name in template.personalisation:
            assert f"(({name}))" in template.example
    with pytest.raises(ValueError):
        notify_templates.personalisation(notify_templates.MESSAGE, subject="only")
