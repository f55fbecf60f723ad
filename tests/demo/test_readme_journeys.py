"""The README's journeys, walked with only the people ``seed_demo`` makes (no factories).

The demo region is seeded once for the module (``seed_demo --seed 1`` and ``seed_strategies``)
inside a transaction rolled back at the end; every test runs in a savepoint within it. Each
person signs in as a reader of the README would: email, the demo password, then the current
code of their demo authenticator. A last test reads README.md for every path it mentions and
requests it as the person the README lists it with, so the README and the demo cannot drift.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.oath import TOTP

from fostering.models import Enquiry
from placements.models import Child, Offer, Placement, Referral
from providers.demo.data import DEMO_PROVIDER
from providers.models import Setting
from rcc.models import User
from sufficiency.models import StrategyVersion

PASSWORD = "lantern-compass-harbour-42"
README = Path(__file__).resolve().parents[2] / "README.md"
DEMO = "@demo.rcc.example"
FAST = {"PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"]}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo region, seeded as ``make demo`` seeds it, undone after the module."""
    with django_db_blocker.unblock(), override_settings(DEMO_MODE=True, **FAST):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", "--seed", "1", stdout=_Quiet())
            call_command("seed_strategies", stdout=_Quiet())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


class _Quiet:
    def write(self, *args, **kwargs) -> None:
        pass

    def flush(self) -> None:
        pass


@pytest.fixture
def person(demo, db, settings):
    """``person("sw.bolton")``: a browser-like client signed in with password and code."""
    settings.DEMO_MODE = True
    clients: dict[str, Client] = {}

    def _sign_in(local_part: str) -> Client:
        if local_part in clients:
            return clients[local_part]
        client = Client()
        email = local_part + DEMO
        response = client.post("/account/sign-in/", {"username": email, "password": PASSWORD})
        assert response.status_code == 302, f"{email} could not sign in with the demo password"
        page = client.get("/account/two-factor/")
        assert page.status_code == 200
        user = User.objects.get(email=email)
        response = client.post("/account/two-factor/", {"token": _code(user)})
        assert response.status_code == 302, f"{email}'s security code was refused"
        clients[local_part] = client
        return client

    return _sign_in


def _code(user: User) -> str:
    device = user.totpdevice_set.get(confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def _ok(client: Client, path: str, data=None) -> str:
    response = client.post(path, data) if data is not None else client.get(path)
    assert response.status_code in (200, 302), (path, response.status_code)
    if response.status_code == 302:
        response = client.get(response.url)
        assert response.status_code == 200, (path, response.url, response.status_code)
    return response.content.decode()


RISKS = [
    "self_harm",
    "sexual_exploitation",
    "criminal_exploitation",
    "drugs_alcohol",
    "eating_disorder",
    "going_missing",
    "physical_harm",
    "sexual_harm",
    "fire_setting",
    "harm_to_animals",
    "criminal_exploitation_others",
]


def _referral_form() -> dict:
    data = {
        "search_type": "planned",
        "latest_start_date": (timezone.localdate() + timedelta(days=10)).isoformat(),
        "siblings_to_place_with": 0,
        "family_postcode": "",
        "close_to_family": "True",
        "attends_school": "yes",
        "school_postcode": "",
        "must_continue_school": "False",
        "home_adaptations": "False",
        "live_alongside": "any",
        "can_live_with_pets": "unknown",
        "foster_suitability": "unsuitable",
        "residential_suitability": "preferred",
        "supported_suitability": "unsuitable",
        "adult_ratio": "standard",
    }
    data.update({f"risk_{risk}": "none" for risk in RISKS})
    data["risk_going_missing"] = "high"
    return data


def test_a_bolton_referral_reaches_the_demo_provider_and_the_child_is_placed(person):
    # The Bolton social worker adds a child and writes a referral
    worker = person("sw.bolton")
    _ok(
        worker,
        "/children/new/",
        {
            "case_id": "README-001",
            "name": "Robin Ashworth",
            "date_of_birth": (timezone.localdate() - timedelta(days=14 * 365)).isoformat(),
            "sex": "female",
            "ethnicity": "WBRI",
            "legal_status": "C2",
            "is_uasc": "False",
            "home_postcode": "BL1 1AA",
            "school_postcode": "",
            "school_name": "",
            "siblings": "",
        },
    )
    child = Child.objects.get(case_id="README-001")
    _ok(worker, f"/children/{child.public_id}/referrals/new/", _referral_form())
    referral = Referral.objects.get(child=child)
    _ok(worker, f"/referrals/{referral.public_id}/submit/", {})
    assert Referral.objects.get(pk=referral.pk).status == "awaiting_approval"

    # Bolton's team manager approves it
    manager = person("tm.bolton")
    _ok(manager, f"/referrals/{referral.public_id}/decide/", {"decision": "approve"})
    assert Referral.objects.get(pk=referral.pk).status == "approved"

    # and the social worker sends it: the demo provider's homes are on the shortlist
    shortlist = _ok(worker, f"/referrals/{referral.public_id}/shortlist/")
    demo_homes = Setting.objects.filter(provider__name=DEMO_PROVIDER)
    assert any(home.name in shortlist for home in demo_homes), "no demo home matches"
    provider_id = demo_homes.first().provider_id
    _ok(worker, f"/referrals/{referral.public_id}/shortlist/", {"providers": [provider_id]})
    distribution = referral.distributions.get(provider_id=provider_id)

    # The demo provider sees it (minimised) and offers one of its homes
    provider = person("provider")
    assert referral.reference in _ok(provider, "/received/")
    seen = _ok(provider, f"/received/{distribution.pk}/")
    assert "Robin Ashworth" not in seen and "README-001" not in seen
    home = next(h for h in demo_homes if h.name in shortlist)
    vacancy = home.vacancies.filter(status="open").first()
    _ok(
        provider,
        f"/received/{distribution.pk}/offer/",
        {
            "setting": home.pk,
            "vacancy": vacancy.pk,
            "weekly_price": "5400",
            "extras": "",
            "start_date": timezone.localdate().isoformat(),
            "note": "A quiet room on the ground floor.",
        },
    )
    offer = Offer.objects.get(referral=referral)

    # The region's commissioner records the price negotiated with the provider
    commissioner = person("commissioner.gm")
    _ok(
        commissioner,
        f"/offers/{offer.public_id}/negotiate/",
        {"weekly_price": "5250", "reason": "Agreed on the phone with the home's manager."},
    )
    trail = offer.trail.order_by("pk").last().reason
    assert trail.startswith("Price changed from £5,400 to £5,250: "), trail

    # The social worker compares and accepts: out of Bolton, so it waits for the manager
    assert home.name in _ok(worker, f"/referrals/{referral.public_id}/offers/")
    _ok(worker, f"/offers/{offer.public_id}/accept/", {})
    placement = Placement.objects.get(offer=offer)
    assert placement.status == Placement.Status.AWAITING_APPROVAL

    # Bolton's team manager, the nominated officer, approves the placement
    assert home.name in _ok(manager, "/approvals/")
    for approval in placement.approvals.all():
        _ok(manager, f"/approvals/{approval.pk}/", {"decision": "approve"})
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ACTIVE
    assert home.name in _ok(worker, f"/children/{child.public_id}/")

    # Every page of the journey says things in words, not codes
    for client, path in (
        (worker, f"/referrals/{referral.public_id}/"),
        (worker, f"/children/{child.public_id}/"),
        (worker, f"/placements/{placement.public_id}/"),
        (provider, f"/received/{distribution.pk}/"),
        (manager, "/approvals/"),
        (person("platform.admin"), "/audit/"),
    ):
        _no_codes(path, _ok(client, path))


def test_the_south_east_drafts_and_publishes_its_strategy(person):
    draft = StrategyVersion.objects.get(
        strategy__region__slug="south-east", status=StrategyVersion.Status.DRAFT
    )
    analyst = person("analyst.se")
    assert "South East" in _ok(analyst, "/sufficiency/strategies/")
    _ok(analyst, f"/sufficiency/versions/{draft.pk}/send/", {})
    assert StrategyVersion.objects.get(pk=draft.pk).status == StrategyVersion.Status.SUBMITTED

    commissioner = person("commissioner.se")
    _ok(
        commissioner,
        f"/sufficiency/versions/{draft.pk}/decide/",
        {"decision": "approve", "comment": "Approved by the South East board."},
    )
    assert StrategyVersion.objects.get(pk=draft.pk).status == StrategyVersion.Status.PUBLISHED
    assert "South East sufficiency strategy" in _ok(Client(), "/strategy/south-east/")


@pytest.mark.parametrize("who", ["analyst.gm", "analyst.se"])
def test_analysts_see_their_regions_forecasts(person, who):
    _ok(person(who), "/forecasts/")


def test_the_data_officer_exports_the_903(person):
    officer = person("data.bolton")
    _ok(officer, "/903/export/")
    _ok(officer, "/903/")


def test_the_hub_officer_works_an_enquiry(person):
    hub = person("hub.gm")
    queue = _ok(hub, "/fostering/hub/enquiries/")
    enquiry = Enquiry.objects.filter(region__slug="greater-manchester").order_by("pk").first()
    assert enquiry is not None and "Enquiries" in queue
    before = enquiry.contacts.count()
    _ok(
        hub,
        f"/fostering/hub/enquiries/{enquiry.public_id}/contact/",
        {"method": "phone", "outcome": "Called back; a visit is booked."},
    )
    assert enquiry.contacts.count() == before + 1


# Every path in the README, with who the README lists it for ("" is the public).
PATH = re.compile(r"`(/[a-z0-9][a-z0-9/_.-]*/)`|`(/)`")
FOR_WHOM = {
    "/children/": "sw.bolton",
    "/approvals/": "tm.bolton",
    "/referrals/": "commissioner.gm",
    "/market/": "commissioner.gm",
    "/market/ofsted/import/": "commissioner.gm",
    "/market/portal/": "provider",
    "/received/": "provider",
    "/api-keys/": "platform.admin",
    "/api-docs/": "analyst.gm",
    "/admin/": "platform.admin",
    "/admin/rcc/accessrequest/": "platform.admin",
    "/admin/rcc/identityprovider/": "platform.admin",
    "/notifications/settings/": "sw.bolton",
    "/903/upload/": "data.bolton",
    "/903/export/": "data.bolton",
    "/903/": "data.bolton",
    "/outcomes/": "commissioner.gm",
    "/fostering/": "",
    "/fostering/hub/funnel/": "hub.gm",
    "/fostering/hub/enquiries/": "hub.gm",
    "/forecasts/": "analyst.gm",
    "/partners/upload/": "partner.gm",
    "/sufficiency/gaps/": "analyst.gm",
    "/sufficiency/strategies/": "analyst.se",
    "/sufficiency/measures/": "commissioner.se",
    "/strategy/": "",
}
NOT_PAGES = {"/api/v1/", "/api/schema/"}  # API roots, for a key, not a signed-in person


def _readme_paths() -> list[str]:
    found = {a or b for a, b in PATH.findall(README.read_text())}
    return sorted(found - NOT_PAGES - {"/"})


def test_every_readme_path_is_listed_here():
    assert set(_readme_paths()) <= set(FOR_WHOM), set(_readme_paths()) - set(FOR_WHOM)


@pytest.mark.parametrize("path", _readme_paths())
def test_every_readme_path_opens_for_its_person(person, path):
    who = FOR_WHOM[path]
    client = person(who) if who else Client()
    response = client.get(path, follow=True)
    assert response.status_code == 200, (path, who, response.status_code)
    assert response.redirect_chain == [] or "sign-in" not in response.redirect_chain[-1][0]


SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
# Scripts, styles and <code> (file and column names a person must type, shown as code) aside.
TAGS = re.compile(r"<(script|style|code)\b.*?</\1>|<[^>]+>", re.S)
NOT_WORDS = {"/api-docs/"}  # the API reference names fields as the API spells them
TYPED = {"episodes_2026", "la_code"}  # a file name and a column name in forms' hints


@pytest.mark.parametrize("path", _readme_paths())
def test_readme_pages_show_no_raw_codes(person, path):
    """No code like ``going_missing`` or ``team_manager`` in what a page says (its attributes
    and links may hold codes; its CSV keeps them)."""
    if path in NOT_WORDS:
        return
    who = FOR_WHOM[path]
    client = person(who) if who else Client()
    body = client.get(path, follow=True).content.decode()
    _no_codes(path, body)


def _no_codes(path: str, body: str) -> None:
    codes = set(SNAKE.findall(TAGS.sub(" ", body))) - TYPED
    assert not codes, (path, sorted(codes)[:10])


def test_in_the_demo_wrong_turns_get_the_govuk_error_pages(person):
    provider = person("provider")
    missing = provider.get("/no-such-page/")
    assert missing.status_code == 404
    assert "Page not found" in missing.content.decode()
    assert "govuk-service-navigation" in missing.content.decode()
    forbidden = provider.get("/approvals/")
    assert forbidden.status_code == 403
    assert "You do not have permission to see this page" in forbidden.content.decode()
    assert "govuk-service-navigation" in forbidden.content.decode()
