"""Plain words: codes shown to a person read as their labels (CSVs keep raw values), and in the
demo a wrong turn ends on the service's GOV.UK error pages, not Django's debug pages."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from placements.models import CareEpisode, Offer
from rcc.kit.format import format_datetime
from rcc.models import AuditEvent
from rcc.roles import Role
from tests.personas import sign_in


def _client(user) -> Client:
    client = Client(raise_request_exception=False)
    sign_in(client, user)
    return client


@pytest.fixture
def referral(away):
    referral = away.journey["referral"]
    referral.risks = {"going_missing": "high", "self_harm": "low", "eating_disorder": "none"}
    referral.communication_needs = ["BSL"]
    referral.additional_support = ["school_taxi", "respite_worker"]
    referral.save()
    return referral


def test_the_referral_page_names_risks_and_their_levels_in_words(away, referral):
    page = _client(away.people[Role.SOCIAL_WORKER]).get(f"/referrals/{referral.public_id}/")
    text = page.content.decode()
    assert "Going missing (high risk); Self-harm (low risk)" in text
    assert "going_missing" not in text and ": high" not in text
    assert "Eating disorder" not in text  # no known risk is not listed


def test_the_provider_reads_risks_support_and_prices_in_words(away, referral):
    Offer.objects.filter(pk=away.journey["offer"].pk).update(weekly_price=Decimal("5250.50"))
    page = _client(away.people[Role.PROVIDER_STAFF]).get(
        f"/received/{away.journey['distribution'].pk}/"
    )
    text = page.content.decode()
    assert "Going missing (high risk); Self-harm (low risk)" in text
    assert "Taxis to school, A worker for respite" in text
    assert "school_taxi" not in text and "respite_worker" not in text
    assert "£5,250.50 a week" in text


def test_the_audit_log_names_roles_actions_and_objects_and_its_csv_keeps_the_codes(national, away):
    worker = away.people[Role.SOCIAL_WORKER]
    AuditEvent.objects.create(
        actor=worker,
        actor_email=worker.email,
        acting_role=Role.SOCIAL_WORKER,
        action="referral.submitted",
        object_type="placements.referral",
        object_id="42",
    )
    admin = _client(national[Role.PLATFORM_ADMIN])
    page = admin.get("/audit/?action=referral.submitted").content.decode()
    row = page[page.index("<tbody") : page.index("</tbody>")]
    assert ">Social worker<" in row and ">social_worker<" not in row
    assert "Referral: submitted" in row
    assert "Referral 42" in row and "placements.referral" not in row
    csv = b"".join(admin.get("/audit/?action=referral.submitted&format=csv").streaming_content)
    assert b"social_worker,referral.submitted,placements.referral,42" in csv


# The demo's error pages ------------------------------------------------------------------
@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # as `make demo` runs
    settings.DEMO_MODE = True
    return settings


def test_in_the_demo_an_unknown_address_gets_the_govuk_404_page(demo, away):
    page = _client(away.people[Role.SOCIAL_WORKER]).get("/no-such-page/")
    assert page.status_code == 404
    text = page.content.decode()
    assert "Page not found" in text and "govuk-template" in text
    assert "DEBUG = True" not in text
    assert Client().get("/also/missing").status_code == 404  # signed out too


def test_in_the_demo_a_record_not_found_gets_the_govuk_404_page(demo, away):
    page = _client(away.people[Role.SOCIAL_WORKER]).get(f"/children/{uuid.uuid4()}/")
    assert page.status_code == 404
    assert "Page not found" in page.content.decode()
    assert "DEBUG = True" not in page.content.decode()


def test_in_the_demo_an_address_missing_its_slash_is_still_redirected(demo, away):
    page = _client(away.people[Role.SOCIAL_WORKER]).get("/children")
    assert page.status_code == 301 and page["Location"] == "/children/"


def test_in_the_demo_a_forbidden_page_gets_the_govuk_403_page(demo, away):
    page = _client(away.people[Role.SOCIAL_WORKER]).get("/audit/")
    assert page.status_code == 403
    assert "You do not have permission to see this page" in page.content.decode()


def test_in_the_demo_an_error_gets_the_govuk_500_page(demo, national, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr("rcc.views.pages.selectors.audit_events", broken)
    page = _client(national[Role.PLATFORM_ADMIN]).get("/audit/")
    assert page.status_code == 500
    text = page.content.decode()
    assert "Sorry, there is a problem with the service" in text
    assert "Traceback" not in text and "a bug" not in text


def test_outside_the_demo_debug_keeps_djangos_debug_404_page(settings, away):
    settings.DEBUG = True
    settings.DEMO_MODE = False
    page = _client(away.people[Role.SOCIAL_WORKER]).get("/no-such-page/")
    assert page.status_code == 404
    assert "DEBUG = True" in page.content.decode()


def test_a_childs_903_codes_read_in_words_and_the_csv_keeps_the_codes(away):
    child = away.journey["child"]
    CareEpisode.objects.create(
        child=child,
        start_date=date(2025, 1, 6),
        end_date=date(2025, 6, 1),
        legal_status="C2",
        placement_type="K2",
        placement_provider="PR4",
        reason_place_change="CARPL",
    )
    worker = _client(away.people[Role.SOCIAL_WORKER])
    page = worker.get(f"/children/{child.public_id}/").content.decode()
    assert "K2 Children&#39;s home" in page or "K2 Children's home" in page
    assert "PR4 Private provision" in page
    assert "C2 Full care order" in page
    assert "Change to, or implementation of, the care plan" in page
    listing = worker.get("/children/").content.decode()
    assert "C2 Full care order" in listing
    csv = b"".join(worker.get("/children/?format=csv").streaming_content).decode()
    assert ",C2" in csv and "Full care order" not in csv


def test_list_pages_write_dates_one_way_and_their_csvs_keep_iso_dates(away):
    worker = _client(away.people[Role.SOCIAL_WORKER])
    assert "17 May 2012" in worker.get("/children/").content.decode()
    csv = b"".join(worker.get("/children/?format=csv").streaming_content).decode()
    assert "2012-05-17" in csv and "17 May 2012" not in csv
    provider = _client(away.people[Role.PROVIDER_STAFF])
    sent = away.journey["distribution"].sent_at
    listing = provider.get("/received/").content.decode()
    assert format_datetime(sent) in listing
    csv = b"".join(provider.get("/received/?format=csv").streaming_content).decode()
    assert sent.isoformat() in csv
