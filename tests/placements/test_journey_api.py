"""The referral journey API: each key sees its own scope, providers only the minimised view."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from placements.api.serializers.referrals import MinimisedReferralSerializer
from placements.models import Distribution, Offer, Referral
from placements.selectors.minimised import MinimisedReferral
from rcc.models import AuditEvent
from rcc.roles import Role
from rcc.services import issue_api_key
from tests.factories import LocalAuthorityFactory, ProviderFactory
from tests.personas import MARKER
from tests.placements.factories import ChildFactory, ReferralFactory, make_journey
from tests.providers.factories import SettingFactory, VacancyFactory, make_market

MINIMISED_FIELDS = {f.name for f in dataclasses.fields(MinimisedReferral)}
COUNCIL_ROLES = [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.COMMISSIONER]


def _key(person) -> Client:
    _, secret = issue_api_key(actor=None, membership=person.memberships.get(), name="test")
    return Client(HTTP_AUTHORIZATION=f"Api-Key {secret}")


@pytest.fixture
def journey(home):
    return make_journey(home, make_market(home))


@pytest.fixture
def sent(home):
    """A referral sent to the Home provider, with the identifying details a provider must
    not see, and an active setting with an open vacancy to offer."""
    child = ChildFactory(
        local_authority=home.council,
        name="Robin Identifiable",
        case_id="CASE-77123",
        date_of_birth=date(2011, 3, 9),
        home_postcode="BL1 1AA",
        school_postcode="BL3 5QQ",
        school_name="St Hidden's Academy",
    )
    referral = ReferralFactory(
        child=child,
        status=Referral.Status.SENT,
        family_postcode="BL2 6PP",
        school_postcode="BL3 5QQ",
        created_by=home.people[Role.SOCIAL_WORKER],
    )
    distribution = Distribution.objects.create(
        referral=referral,
        provider=home.provider,
        sent_by=home.people[Role.COMMISSIONER],
        respond_by=timezone.now() + timedelta(days=3),
    )
    setting = SettingFactory(provider=home.provider, local_authority=home.council)
    vacancy = VacancyFactory(setting=setting)
    return {
        "referral": referral,
        "distribution": distribution,
        "setting": setting,
        "vacancy": vacancy,
    }


def _offer(sent, **overrides) -> dict:
    payload = {
        "setting": str(sent["setting"].public_id),
        "vacancy": str(sent["vacancy"].public_id),
        "weekly_price": "5250.00",
        "extras": [{"item": "Therapy", "weekly": "350"}],
        "start_date": (timezone.localdate() + timedelta(days=5)).isoformat(),
        "note": "We can meet her needs",
    }
    payload.update(overrides)
    return payload


def _post(client: Client, url: str, payload: dict):
    return client.post(url, payload, content_type="application/json")


# Council and RCC staff -------------------------------------------------------------------
@pytest.mark.parametrize("role", COUNCIL_ROLES)
def test_council_and_rcc_staff_read_their_own_journey(role, home, journey, away):
    client = _key(home.people[role])
    listed = client.get("/api/v1/referrals/").json()["results"]
    assert [r["id"] for r in listed] == [str(journey["referral"].public_id)]
    for kind, key in (("referrals", "referral"), ("offers", "offer"), ("placements", "placement")):
        assert client.get(f"/api/v1/{kind}/{journey[key].public_id}/").status_code == 200
        assert client.get(f"/api/v1/{kind}/{away.journey[key].public_id}/").status_code == 404
        assert MARKER not in client.get(f"/api/v1/{kind}/").content.decode()


def test_it_hides_referrals_of_another_council_in_the_region(home, journey):
    neighbour = LocalAuthorityFactory(region=home.region, name="Wigan")
    theirs = ReferralFactory(
        child=ChildFactory(local_authority=neighbour),
        status=Referral.Status.SENT,
        created_by=home.people[Role.SOCIAL_WORKER],
    )
    worker = _key(home.people[Role.SOCIAL_WORKER])
    assert worker.get(f"/api/v1/referrals/{theirs.public_id}/").status_code == 404
    commissioner = _key(home.people[Role.COMMISSIONER])
    assert commissioner.get(f"/api/v1/referrals/{theirs.public_id}/").status_code == 200


def test_a_commissioner_does_not_see_draft_referrals(home, journey):
    draft = ReferralFactory(
        child=ChildFactory(local_authority=home.council),
        created_by=home.people[Role.SOCIAL_WORKER],
    )
    commissioner = _key(home.people[Role.COMMISSIONER])
    assert commissioner.get(f"/api/v1/referrals/{draft.public_id}/").status_code == 404
    worker = _key(home.people[Role.SOCIAL_WORKER])
    assert worker.get(f"/api/v1/referrals/{draft.public_id}/").status_code == 200


def test_a_referral_names_the_child_by_case_id_only(home, journey):
    client = _key(home.people[Role.SOCIAL_WORKER])
    body = client.get(f"/api/v1/referrals/{journey['referral'].public_id}/").json()
    assert body["child_case_id"] == journey["child"].case_id
    assert journey["child"].name not in str(body)
    assert not {"name", "child_name", "date_of_birth"} & set(body)


def test_filters_narrow_the_referrals(home, journey):
    neighbour = LocalAuthorityFactory(region=home.region)
    other = ReferralFactory(
        child=ChildFactory(local_authority=neighbour),
        status=Referral.Status.SENT,
        created_by=home.people[Role.SOCIAL_WORKER],
    )
    client = _key(home.people[Role.COMMISSIONER])

    def ids(query: str) -> set[str]:
        return {r["id"] for r in client.get(f"/api/v1/referrals/?{query}").json()["results"]}

    assert ids(f"council={neighbour.gss_code}") == {str(other.public_id)}
    assert ids("status=offers_received") == {str(journey["referral"].public_id)}
    assert ids("status=sent") == {str(other.public_id)}


@pytest.mark.parametrize("role", [Role.ANALYST, Role.PROVIDER_STAFF])
def test_roles_without_the_referral_queue_are_refused(role, home, journey):
    client = _key(home.people[role])
    assert client.get("/api/v1/referrals/").status_code == 403
    assert client.get(f"/api/v1/offers/{journey['offer'].public_id}/").status_code == 403


# Provider staff ---------------------------------------------------------------------------
def test_a_provider_sees_only_the_referrals_sent_to_it(home, away, sent):
    elsewhere = Distribution.objects.create(
        referral=sent["referral"],
        provider=ProviderFactory(),
        sent_by=home.people[Role.COMMISSIONER],
        respond_by=timezone.now() + timedelta(days=3),
    )
    client = _key(home.people[Role.PROVIDER_STAFF])
    listed = client.get("/api/v1/received-referrals/").json()["results"]
    assert [d["id"] for d in listed] == [sent["distribution"].pk]
    assert client.get(f"/api/v1/received-referrals/{elsewhere.pk}/").status_code == 404
    away_id = away.journey["distribution"].pk
    assert client.get(f"/api/v1/received-referrals/{away_id}/").status_code == 404


def test_the_provider_view_has_exactly_the_minimised_fields(home, sent):
    client = _key(home.people[Role.PROVIDER_STAFF])
    response = client.get(f"/api/v1/received-referrals/{sent['distribution'].pk}/")
    body = response.json()
    assert set(body) == {"id", "responded_at", "referral"}
    assert set(body["referral"]) == MINIMISED_FIELDS
    assert body["referral"]["family_district"] == "BL2"
    text = response.content.decode()
    child = sent["referral"].child
    for secret in (child.name, child.case_id, "2011-03-09", "BL2 6PP", "BL3 5QQ", "BL1 1AA"):
        assert secret not in text
    assert child.school_name not in text


def test_the_minimised_serializer_matches_the_projection():
    assert set(MinimisedReferralSerializer().fields) == MINIMISED_FIELDS


def test_a_provider_makes_an_offer_through_the_service(home, sent):
    client = _key(home.people[Role.PROVIDER_STAFF])
    url = f"/api/v1/received-referrals/{sent['distribution'].pk}/offer/"
    response = _post(client, url, _offer(sent))
    assert response.status_code == 201, response.content
    offer = Offer.objects.get(public_id=response.json()["id"])
    assert offer.status == Offer.Status.MADE
    assert offer.made_by == home.people[Role.PROVIDER_STAFF]
    assert offer.weekly_price == Decimal("5250.00")
    assert offer.extras == [{"item": "Therapy", "weekly": "350.00"}]
    assert offer.vacancy == sent["vacancy"]
    sent["referral"].refresh_from_db()
    assert sent["referral"].status == Referral.Status.OFFERS_RECEIVED
    assert AuditEvent.objects.filter(action="offer.made").count() == 1


@pytest.mark.parametrize(
    "overrides, field",
    [
        ({"weekly_price": "0"}, "weekly_price"),
        ({"weekly_price": "lots"}, "weekly_price"),
        ({"start_date": "next week"}, "start_date"),
        ({"setting": "not-a-uuid"}, "setting"),
        ({"extras": [{"item": "Therapy"}]}, "extras"),
    ],
)
def test_a_bad_offer_is_refused_and_writes_nothing(home, sent, overrides, field):
    client = _key(home.people[Role.PROVIDER_STAFF])
    url = f"/api/v1/received-referrals/{sent['distribution'].pk}/offer/"
    response = _post(client, url, _offer(sent, **overrides))
    assert response.status_code == 400
    assert field in response.json()
    assert not Offer.objects.filter(distribution=sent["distribution"]).exists()
    assert not AuditEvent.objects.filter(action="offer.made").exists()


def test_a_provider_cannot_offer_another_providers_setting(home, away, sent):
    client = _key(home.people[Role.PROVIDER_STAFF])
    url = f"/api/v1/received-referrals/{sent['distribution'].pk}/offer/"
    payload = _offer(sent, setting=str(away.market["setting"].public_id), vacancy=None)
    response = _post(client, url, payload)
    assert response.status_code == 400
    assert "setting" in response.json()
    assert MARKER not in response.content.decode()
    assert not Offer.objects.filter(distribution=sent["distribution"]).exists()


def test_an_offer_the_service_refuses_is_a_conflict(home, sent):
    Referral.objects.filter(pk=sent["referral"].pk).update(status=Referral.Status.WITHDRAWN)
    client = _key(home.people[Role.PROVIDER_STAFF])
    url = f"/api/v1/received-referrals/{sent['distribution'].pk}/offer/"
    response = _post(client, url, _offer(sent))
    assert response.status_code == 409
    assert response.json() == {"detail": "This referral is no longer taking offers"}
    assert not Offer.objects.filter(distribution=sent["distribution"]).exists()


def test_a_provider_cannot_answer_another_providers_referral(home, away):
    client = _key(home.people[Role.PROVIDER_STAFF])
    distribution = away.journey["distribution"]
    before = Offer.objects.count()
    response = _post(
        client, f"/api/v1/received-referrals/{distribution.pk}/decline/", {"reason": "needs"}
    )
    assert response.status_code == 404
    assert Offer.objects.count() == before


def test_a_provider_declines_with_a_reason(home, sent):
    client = _key(home.people[Role.PROVIDER_STAFF])
    url = f"/api/v1/received-referrals/{sent['distribution'].pk}/decline/"
    assert _post(client, url, {"reason": "because"}).status_code == 400
    response = _post(client, url, {"reason": "no_vacancy", "note": "Full until spring"})
    assert response.status_code == 201
    assert response.json()["status"] == "declined"
    offer = Offer.objects.get(distribution=sent["distribution"])
    assert offer.decline_reason == "no_vacancy"
    assert AuditEvent.objects.filter(action="offer.declined").count() == 1


def test_council_staff_cannot_answer_referrals(home, sent):
    client = _key(home.people[Role.SOCIAL_WORKER])
    url = f"/api/v1/received-referrals/{sent['distribution'].pk}/offer/"
    assert _post(client, url, _offer(sent)).status_code == 403
    assert not Offer.objects.exists()


# Credentials and schema -------------------------------------------------------------------
def test_a_session_cookie_is_not_a_journey_api_credential(signed_in, home, sent):
    client = signed_in(home.people[Role.PROVIDER_STAFF])
    assert client.get("/api/v1/received-referrals/").status_code == 401
    url = f"/api/v1/received-referrals/{sent['distribution'].pk}/offer/"
    assert _post(client, url, _offer(sent)).status_code == 401
    assert not Offer.objects.exists()
    worker = Client()
    worker.force_login(home.people[Role.SOCIAL_WORKER])
    assert worker.get("/api/v1/referrals/").status_code == 401


def test_the_schema_documents_the_journey(home):
    client = _key(home.people[Role.COMMISSIONER])
    paths = client.get("/api/schema/?format=json").json()["paths"]
    offer = paths["/api/v1/received-referrals/{distribution_id}/offer/"]["post"]
    assert {"201", "400", "404", "409"} <= set(offer["responses"])
    assert "/api/v1/referrals/{referral_id}/" in paths
