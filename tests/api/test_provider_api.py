"""The provider API (ADR 0022): webhooks (signing, delivery, retries, log, rotation),
Idempotency-Key on POSTs, and nothing of another provider."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from placements.models import Distribution, Offer, Referral
from placements.services import referrals as referral_services
from providers import webhooks_signing
from providers.models import WebhookDelivery, WebhookEndpoint
from providers.services import webhooks as webhook_services
from rcc.models import AuditEvent, IdempotencyRecord
from rcc.roles import Role
from rcc.services import ServiceError, issue_api_key
from tests.personas import MARKER
from tests.placements.factories import ChildFactory, ReferralFactory
from tests.providers.factories import SettingFactory, VacancyFactory


def _key(person) -> Client:
    _, secret = issue_api_key(actor=None, membership=person.memberships.get(), name="test")
    return Client(HTTP_AUTHORIZATION=f"Api-Key {secret}")


@pytest.fixture
def provider(home):
    return _key(home.people[Role.PROVIDER_STAFF])


@pytest.fixture
def sent(home):
    referral = ReferralFactory(
        child=ChildFactory(local_authority=home.council),
        status=Referral.Status.SENT,
        created_by=home.people[Role.SOCIAL_WORKER],
    )
    distribution = Distribution.objects.create(
        referral=referral,
        provider=home.provider,
        sent_by=home.people[Role.COMMISSIONER],
        respond_by=timezone.now() + timedelta(days=3),
    )
    setting = SettingFactory(provider=home.provider, local_authority=home.council)
    return {
        "distribution": distribution,
        "setting": setting,
        "vacancy": VacancyFactory(setting=setting),
    }


def _offer(sent, price="5250.00") -> dict:
    return {
        "setting": str(sent["setting"].public_id),
        "weekly_price": price,
        "extras": [],
        "start_date": (timezone.localdate() + timedelta(days=5)).isoformat(),
    }


# Signing ---------------------------------------------------------------------------------
def test_a_signature_verifies_with_the_secret_and_not_otherwise():
    body = b'{"event":"ping"}'
    now = int(time.time())
    header = webhooks_signing.header(["whsec_a"], now, body)
    assert webhooks_signing.verify("whsec_a", header, body)
    assert not webhooks_signing.verify("whsec_b", header, body)
    assert not webhooks_signing.verify("whsec_a", header, body + b" ")
    old = webhooks_signing.header(["whsec_a"], now - 600, body)
    assert not webhooks_signing.verify("whsec_a", old, body)  # a replay, too late


# Endpoints -------------------------------------------------------------------------------
def test_a_provider_registers_an_https_endpoint_and_gets_its_secret_once(home, provider):
    response = provider.post(
        "/api/v1/webhook-endpoints/", {"url": "https://ours.example/hook"}, "application/json"
    )
    assert response.status_code == 201, response.content
    secret = response.json()["secret"]
    assert secret.startswith("whsec_")
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.provider == home.provider
    listed = provider.get("/api/v1/webhook-endpoints/").json()["results"]
    assert [e["url"] for e in listed] == ["https://ours.example/hook"]
    assert secret not in provider.get("/api/v1/webhook-endpoints/").content.decode()
    assert AuditEvent.objects.filter(action="webhook.registered").count() == 1


@pytest.mark.parametrize(
    "url", ["http://ours.example/hook", "http://127.0.0.1:9/hook", "https://u:p@ours.example/"]
)
def test_plain_http_is_refused_outside_development(home, provider, url):
    response = provider.post("/api/v1/webhook-endpoints/", {"url": url}, "application/json")
    assert response.status_code == 409
    assert not WebhookEndpoint.objects.exists()


def test_rotation_keeps_the_old_secret_signing_for_a_while(home):
    endpoint, first = webhook_services.register_endpoint(
        actor=None, provider=home.provider, url="https://ours.example/hook"
    )
    endpoint, second = webhook_services.rotate_secret(actor=None, endpoint=endpoint)
    assert second != first
    assert endpoint.previous_secret == first
    assert endpoint.previous_secret_until > timezone.now()
    webhook_services.disable_endpoint(actor=None, endpoint=endpoint)
    with pytest.raises(ServiceError):
        webhook_services.rotate_secret(actor=None, endpoint=endpoint)


def test_other_roles_have_no_webhooks(home):
    client = _key(home.people[Role.COMMISSIONER])
    assert client.get("/api/v1/webhook-endpoints/").status_code == 403
    assert client.get("/api/v1/webhook-deliveries/").status_code == 403


def test_another_providers_endpoints_and_deliveries_are_not_found(home, away, provider):
    endpoint = away.market["webhook_endpoint"]
    delivery = away.market["webhook_delivery"]
    assert provider.get(f"/api/v1/webhook-endpoints/{endpoint.public_id}/").status_code == 404
    assert provider.get(f"/api/v1/webhook-deliveries/{delivery.public_id}/").status_code == 404
    rotate = provider.post(f"/api/v1/webhook-endpoints/{endpoint.public_id}/rotate-secret/")
    assert rotate.status_code == 404
    for path in ("/api/v1/webhook-endpoints/", "/api/v1/webhook-deliveries/"):
        assert MARKER not in provider.get(path).content.decode()


# Events and deliveries -------------------------------------------------------------------
def test_sending_a_referral_queues_a_delivery_and_a_failure_is_retried(home, settings):
    settings.DEBUG = True  # a local URL nothing listens on: each attempt is refused
    endpoint, _ = webhook_services.register_endpoint(
        actor=None, provider=home.provider, url="http://127.0.0.1:9/hook"
    )
    referral = ReferralFactory(
        child=ChildFactory(local_authority=home.council),
        status=Referral.Status.APPROVED,
        created_by=home.people[Role.SOCIAL_WORKER],
    )
    with pytest.MonkeyPatch.context() as patch:
        # The retries' countdowns are not waited for in-process; the attempts still count.
        patch.setattr("django.db.transaction.on_commit", lambda f, robust=False: f())
        referral_services.send_to_providers(
            actor=home.people[Role.COMMISSIONER], referral=referral, providers=[home.provider]
        )
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.event == "referral.received"
    distribution = referral.distributions.get()
    assert delivery.payload["data"]["received_referral_id"] == distribution.pk
    assert set(delivery.payload["data"]) == {"received_referral_id", "respond_by", "url"}
    assert delivery.attempts >= 2
    assert delivery.last_error


def test_the_delivery_log_lists_the_providers_own_deliveries(home, provider):
    endpoint, _ = webhook_services.register_endpoint(
        actor=None, provider=home.provider, url="https://ours.example/hook"
    )
    WebhookDelivery.objects.create(endpoint=endpoint, event="ping", payload={"event": "ping"})
    listed = provider.get("/api/v1/webhook-deliveries/").json()["results"]
    assert [d["event"] for d in listed] == ["ping"]
    assert listed[0]["endpoint"] == str(endpoint.public_id)


# Idempotency -----------------------------------------------------------------------------
def test_the_same_idempotency_key_and_body_replays_the_first_answer(home, provider, sent):
    url = f"/api/v1/received-referrals/{sent['distribution'].pk}/offer/"
    first = provider.post(url, _offer(sent), "application/json", HTTP_IDEMPOTENCY_KEY="abc-1")
    again = provider.post(url, _offer(sent), "application/json", HTTP_IDEMPOTENCY_KEY="abc-1")
    assert first.status_code == again.status_code == 201, first.content
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Offer.objects.filter(distribution=sent["distribution"]).count() == 1
    assert AuditEvent.objects.filter(action="offer.made").count() == 1
    other = provider.post(
        url, _offer(sent, "6000.00"), "application/json", HTTP_IDEMPOTENCY_KEY="abc-1"
    )
    assert other.status_code == 422
    assert IdempotencyRecord.objects.count() == 1


def test_a_refused_request_is_not_stored_and_may_be_retried(home, provider, sent):
    url = f"/api/v1/received-referrals/{sent['distribution'].pk}/offer/"
    bad = provider.post(url, _offer(sent, "lots"), "application/json", HTTP_IDEMPOTENCY_KEY="k")
    assert bad.status_code == 400
    assert not IdempotencyRecord.objects.exists()


def test_a_near_deadline_is_announced_once(home, sent):
    from placements.services import webhook_events

    endpoint, _ = webhook_services.register_endpoint(
        actor=None, provider=home.provider, url="https://ours.example/hook"
    )
    Distribution.objects.filter(pk=sent["distribution"].pk).update(
        respond_by=timezone.now() + timedelta(hours=5)
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("providers.services.webhook_delivery._post", lambda url, body, headers: 204)
        assert webhook_events.warn_of_deadlines() == 1
        assert webhook_events.warn_of_deadlines() == 0
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert delivery.event == "referral.deadline_approaching"
    assert delivery.payload["data"]["received_referral_id"] == sent["distribution"].pk


def test_the_services_name_the_delivery_task_rightly():
    from providers.tasks import deliver_webhook

    assert webhook_services.DELIVER.name == deliver_webhook.name


def test_a_provider_reports_and_withdraws_a_vacancy_idempotently(home, away, provider, sent):
    payload = {
        "setting": str(sent["setting"].public_id),
        "places": 1,
        "available_from": timezone.localdate().isoformat(),
        "age_min": 8,
        "age_max": 15,
    }
    first = provider.post(
        "/api/v1/own-vacancies/", payload, "application/json", HTTP_IDEMPOTENCY_KEY="v-1"
    )
    again = provider.post(
        "/api/v1/own-vacancies/", payload, "application/json", HTTP_IDEMPOTENCY_KEY="v-1"
    )
    assert first.status_code == again.status_code == 201, first.content
    assert again.json()["id"] == first.json()["id"]
    assert AuditEvent.objects.filter(action="vacancy.reported").count() == 1
    withdrawn = provider.post(
        f"/api/v1/own-vacancies/{first.json()['id']}/withdraw/",
        {"reason": "Filled privately"},
        "application/json",
    )
    assert withdrawn.status_code == 201
    assert withdrawn.json()["status"] == "withdrawn"
    theirs = {**payload, "setting": str(away.market["setting"].public_id)}
    assert provider.post("/api/v1/own-vacancies/", theirs, "application/json").status_code == 404
    vacancy = away.market["vacancy"].public_id
    assert (
        provider.post(
            f"/api/v1/own-vacancies/{vacancy}/withdraw/", {"reason": "x"}, "application/json"
        ).status_code
        == 404
    )
    assert MARKER not in provider.get("/api/v1/own-vacancies/").content.decode()
