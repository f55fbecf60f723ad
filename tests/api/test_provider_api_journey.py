"""The provider API's journey, all through HTTP: a provider's system (a small server on
127.0.0.1) receives the signed webhook for a new referral, reads it minimised with its key,
makes an offer, and receives the signed decision."""

from __future__ import annotations

import json
import queue
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import requests
from django.utils import timezone

from placements.models import Offer, Referral
from placements.services import offers as offer_services
from placements.services import referrals as referral_services
from providers import webhooks_signing
from rcc.roles import Role
from rcc.services import issue_api_key
from tests.placements.factories import ChildFactory, ReferralFactory
from tests.providers.factories import SettingFactory


@pytest.fixture
def provider_system():
    """The provider's own system: records each POST it receives and answers 204."""
    received: queue.Queue = queue.Queue()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.put(({k.lower(): v for k, v in self.headers.items()}, body))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/rcc-events", received
    server.shutdown()
    server.server_close()


def _verified(received: queue.Queue, secret: str) -> dict:
    headers, body = received.get(timeout=10)
    assert webhooks_signing.verify(secret, headers["x-rcc-signature"], body)
    assert not webhooks_signing.verify("whsec_wrong", headers["x-rcc-signature"], body)
    event = json.loads(body)
    assert headers["x-rcc-event"] == event["event"]
    return event


def test_a_provider_system_answers_a_referral_through_the_api(
    transactional_db, home, live_server, provider_system, settings
):
    settings.WEBHOOKS_ALLOW_LOCAL_HTTP = True
    url, received = provider_system
    _, key = issue_api_key(
        actor=None, membership=home.people[Role.PROVIDER_STAFF].memberships.get(), name="CMS"
    )
    api = requests.Session()
    api.headers["Authorization"] = f"Api-Key {key}"
    base = f"{live_server.url}/api/v1"

    registered = api.post(f"{base}/webhook-endpoints/", json={"url": url}, timeout=10)
    assert registered.status_code == 201, registered.text
    secret = registered.json()["secret"]

    # The council sends a referral: the provider's system hears of it.
    setting = SettingFactory(provider=home.provider, local_authority=home.council)
    child = ChildFactory(local_authority=home.council, name="Robin Identifiable")
    referral = ReferralFactory(
        child=child, status=Referral.Status.APPROVED, created_by=home.people[Role.SOCIAL_WORKER]
    )
    referral_services.send_to_providers(
        actor=home.people[Role.COMMISSIONER], referral=referral, providers=[home.provider]
    )
    event = _verified(received, secret)
    assert event["event"] == "referral.received"
    assert child.name not in json.dumps(event)

    # It reads the referral, minimised, and offers a place.
    read = api.get(f"{live_server.url}{event['data']['url']}", timeout=10)
    assert read.status_code == 200
    assert read.json()["id"] == event["data"]["received_referral_id"]
    assert set(read.json()) == {"id", "responded_at", "referral"}
    assert child.name not in read.text and child.case_id not in read.text
    offer = {
        "setting": str(setting.public_id),
        "weekly_price": "5100.00",
        "extras": [],
        "start_date": (timezone.localdate() + timedelta(days=3)).isoformat(),
    }
    made = api.post(
        f"{live_server.url}{event['data']['url']}offer/",
        json=offer,
        headers={"Idempotency-Key": "cms-offer-1"},
        timeout=10,
    )
    assert made.status_code == 201, made.text
    retried = api.post(
        f"{live_server.url}{event['data']['url']}offer/",
        json=offer,
        headers={"Idempotency-Key": "cms-offer-1"},
        timeout=10,
    )
    assert retried.json() == made.json()
    assert Offer.objects.filter(referral=referral).count() == 1

    # The council accepts it: the provider's system hears the decision.
    offer_services.accept_offer(
        actor=home.people[Role.SOCIAL_WORKER], offer=Offer.objects.get(referral=referral)
    )
    decision = _verified(received, secret)
    assert decision["event"] == "offer.decided"
    assert decision["data"]["decision"] == "accepted"
    assert decision["data"]["offer_id"] == made.json()["id"]

    log = api.get(f"{base}/webhook-deliveries/", timeout=10).json()["results"]
    assert {d["status"] for d in log} == {"delivered"}
    assert sorted(d["event"] for d in log) == ["offer.decided", "referral.received"]
