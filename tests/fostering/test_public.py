"""The public fostering hub: pages without sign-in, and an enquiry form safe for the internet."""

from __future__ import annotations

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import Client
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone

from fostering.forms.public import normalise_uk_phone
from fostering.models import Attendance, Enquiry, SupportEvent
from fostering.services.public import submit_enquiry
from rcc import ratelimit
from rcc.geography.models import Postcode
from rcc.models import AuditEvent
from rcc.roles import Role
from rcc.services import ServiceError

PAGES = [
    "public_home",
    "public_about",
    "public_who",
    "public_support",
    "public_events",
    "public_stories",
    "public_eligibility",
    "public_enquire",
    "public_enquiry_sent",
    "public_event_booked",
    "public_privacy",
]


class FailingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        raise RuntimeError("the mail server is down")


class RefusingBackend(BaseEmailBackend):  # a transient error, which the task retries
    def send_messages(self, email_messages):
        raise ConnectionRefusedError("the mail server is down")


def _url(name: str, region, **kwargs) -> str:
    return reverse(f"fostering:{name}", kwargs={"region_slug": region.slug, **kwargs})


def _payload(**changes) -> dict:
    data = {
        "name": "Alex Example",
        "email": "alex@example.org",
        "phone": "07700 900123",
        "postcode": "bl1 1aa",
        "household": "Me, my partner and our son, aged 12",
        "contact_time": "evening",
        "interests": ["short_term", "respite"],
        "source": "social",
        "consent_to_contact": ["yes"],
        "website": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _enquire(client, region, **changes):
    return client.post(_url("public_enquire", region), _payload(**changes))


@pytest.fixture
def bolton_postcode(home):
    return Postcode.objects.create(
        postcode="BL1 1AA",
        easting=371_700,
        northing=409_200,
        local_authority_code=home.council.gss_code,
    )


@pytest.fixture
def information_event(home):
    return SupportEvent.objects.create(
        region=home.region,
        kind=SupportEvent.Kind.INFORMATION,
        title="Fostering coffee morning",
        starts_at=timezone.now() + timedelta(days=14),
        location="Bolton library",
        capacity=2,
    )


# Pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_every_public_page_renders_without_sign_in(name, client, home):
    response = client.get(_url(name, home.region))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<h1") == 1, name
    assert "Foster with Greater Manchester" in body


def test_the_regions_page_lists_every_region(client, home, away):
    response = client.get(reverse("fostering:public_regions"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<h1") == 1
    assert _url("public_home", home.region) in body
    assert _url("public_home", away.region) in body


@pytest.mark.parametrize("name", PAGES)
def test_pages_of_an_unknown_region_are_not_found(name, client, db):
    url = reverse(f"fostering:{name}", kwargs={"region_slug": "atlantis"})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("name", [*PAGES, "public_regions"])
def test_public_pages_load_scripts_and_styles_only_from_this_site(name, client, home):
    url = reverse("fostering:public_regions") if name == "public_regions" else None
    body = client.get(url or _url(name, home.region)).content.decode()
    tags = re.findall(r"<(?:script|link)\b[^>]*>", body)
    assert tags
    for tag in tags:
        for address in re.findall(r'(?:src|href)="([^"]*)"', tag):
            assert address.startswith("/") and not address.startswith("//"), tag


@pytest.mark.parametrize("path", ["/fostering/hub/", "/fostering/hub/events/"])
def test_the_hub_path_is_never_read_as_a_region(path, db):
    try:
        match = resolve(path)
    except Resolver404:
        return
    assert not match.url_name.startswith("public_"), match.url_name


def test_every_public_page_is_marked_login_not_required(client, home):
    for name in [*PAGES, "public_book_event"]:
        kwargs = {"event_id": 1} if name == "public_book_event" else {}
        match = resolve(_url(name, home.region, **kwargs))
        assert match.func.login_required is False, name


# The enquiry form ------------------------------------------------------------------------


def test_a_valid_enquiry_is_stored_routed_confirmed_and_emailed(
    client, home, bolton_postcode, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _enquire(client, home.region)
    assert response.status_code == 302
    assert response["Location"] == _url("public_enquiry_sent", home.region)
    enquiry = Enquiry.objects.get()
    assert enquiry.region == home.region
    assert enquiry.routed_to == home.council
    assert enquiry.postcode == "BL1 1AA"
    assert enquiry.phone == "07700900123"
    assert enquiry.interests == ["short_term", "respite"]
    assert enquiry.consent_to_contact is True
    sent = {tuple(m.to): m for m in mail.outbox}
    assert "by the end of" in sent[("alex@example.org",)].body
    hub_officer = home.people[Role.HUB_OFFICER].email
    assert "Sign in" in sent[(hub_officer,)].body
    assert "Alex" not in sent[(hub_officer,)].body
    page = client.get(response["Location"]).content.decode()
    assert "What happens next" in page and "By the end of" in page


def test_a_public_enquiry_reaches_the_hub_officers_queue(client, home, signed_in):
    _enquire(client, home.region, name="Robin Queue-Test")
    officer = signed_in(home.people[Role.HUB_OFFICER])
    assert "Robin Queue-Test" in officer.get(reverse("fostering:queue")).content.decode()


def test_the_enquiry_audit_event_holds_no_personal_data(client, home, bolton_postcode):
    _enquire(client, home.region)
    event = AuditEvent.objects.get(action="fostering.enquiry_received")
    assert event.actor is None
    assert event.local_authority == home.council
    assert event.metadata == {"source": "social", "routed": "council"}
    assert "alex" not in str(event.metadata).lower()


def test_an_unknown_postcode_keeps_the_enquiry_with_the_hub(client, home):
    _enquire(client, home.region, postcode="M1 1AE")
    assert Enquiry.objects.get().routed_to is None


def test_a_postcode_of_another_regions_council_keeps_the_enquiry_with_the_hub(client, home, away):
    Postcode.objects.create(
        postcode="ME14 1XX",
        easting=575_000,
        northing=155_000,
        local_authority_code=away.council.gss_code,
    )
    _enquire(client, home.region, postcode="me141xx")
    assert Enquiry.objects.get(region=home.region).routed_to is None


def test_errors_keep_what_was_typed_and_show_the_summary(client, home):
    response = _enquire(client, home.region, phone="not a phone", consent_to_contact=None)
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter a UK phone number" in body
    assert "Agree to us contacting you" in body
    assert 'value="Alex Example"' in body
    assert 'value="not a phone"' in body
    assert "Me, my partner and our son, aged 12" in body
    assert re.search(r'value="respite"\s+checked', body)
    assert "<title>Error:" in body
    assert not Enquiry.objects.exists()


def test_consent_to_contact_is_required(client, home):
    response = _enquire(client, home.region, consent_to_contact=None)
    assert response.status_code == 200
    assert not Enquiry.objects.exists()


def test_the_service_refuses_an_enquiry_without_consent(home):
    with pytest.raises(ServiceError):
        submit_enquiry(
            region=home.region,
            data={**_payload(), "interests": ["respite"], "consent_to_contact": False},
        )
    assert not Enquiry.objects.exists()


def test_a_filled_honeypot_looks_sent_but_stores_and_sends_nothing(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _enquire(client, home.region, website="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == _url("public_enquiry_sent", home.region)
    assert not Enquiry.objects.exists()
    assert not AuditEvent.objects.filter(action="fostering.enquiry_received").exists()
    assert mail.outbox == []


def test_interests_and_consent_are_checkboxes(client, home):
    body = client.get(_url("public_enquire", home.region)).content.decode()
    assert re.search(r'type="checkbox" value="respite"', body)
    assert re.search(r'name="consent_to_contact" type="checkbox" value="yes"', body)


def test_the_honeypot_is_hidden_from_people_and_assistive_technology(client, home):
    body = client.get(_url("public_enquire", home.region)).content.decode()
    hidden = re.search(
        r'<div class="govuk-visually-hidden" aria-hidden="true">(.*?)</div>', body, re.S
    )
    assert hidden and 'name="website"' in hidden.group(1)
    assert 'tabindex="-1"' in hidden.group(1) and 'autocomplete="off"' in hidden.group(1)


def test_a_burst_from_one_address_is_refused_after_the_limit(client, home):
    statuses = [
        _enquire(client, home.region, email=f"person{n}@example.org").status_code for n in range(20)
    ]
    assert statuses[:5] == [302] * 5
    assert set(statuses[5:]) == {429}
    assert Enquiry.objects.count() == 5
    assert AuditEvent.objects.filter(action="fostering.enquiry_received").count() == 5


def test_the_refusal_is_a_gov_uk_page_with_a_retry_time(client, home):
    for _ in range(6):
        response = _enquire(client, home.region)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert int(response["Retry-After"]) > 0


def test_one_email_may_enquire_three_times_a_day_from_any_address(home):
    statuses = []
    for n in range(5):
        client = Client(REMOTE_ADDR=f"203.0.113.{n + 1}")
        statuses.append(_enquire(client, home.region, email="Same@Example.org").status_code)
    assert statuses == [302, 302, 302, 429, 429]
    assert Enquiry.objects.count() == 3


def test_another_address_is_not_held_back_by_a_busy_one(home):
    busy, other = Client(REMOTE_ADDR="198.51.100.1"), Client(REMOTE_ADDR="198.51.100.2")
    for n in range(6):
        _enquire(busy, home.region, email=f"p{n}@example.org")
    assert _enquire(other, home.region, email="other@example.org").status_code == 302


JUNK = [
    {"name": "A" * 10_000},
    {"name": "Alex\x00Example"},
    {"name": "Alex\x1b[31mExample"},
    {"name": "Alex\u202eelpmaxE"},
    {"email": "x" * 300 + "@example.org"},
    {"email": "not-an-email"},
    {"email": "alex@example.org\r\nBcc: victim@example.org"},
    {"phone": "9" * 5_000},
    {"phone": "+1 202 555 0100"},
    {"postcode": "ZZZZZZ"},
    {"postcode": "<script>alert(1)</script>"},
    {"household": "x" * 301},
    {"household": "two adults\x07"},
    {"contact_time": "midnight"},
    {"contact_time": ["morning", "evening", {"a": 1}]},
    {"interests": ["short_term", "bogus"]},
    {"interests": "x" * 10_000},
    {"source": ""},
    {"consent_to_contact": ["no"]},
    {"consent_to_contact": "true"},
]


@pytest.mark.parametrize("junk", JUNK, ids=range(len(JUNK)))
def test_junk_gets_errors_never_a_server_error(junk, client, home):
    response = _enquire(client, home.region, **junk)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not Enquiry.objects.exists()


def test_a_post_of_nothing_at_all_gets_errors(client, home):
    response = client.post(_url("public_enquire", home.region), {})
    assert response.status_code == 200
    assert "Enter your full name" in response.content.decode()


@pytest.mark.parametrize("backend", ["FailingBackend", "RefusingBackend"])
def test_a_failing_email_backend_loses_no_enquiry_and_shows_no_error(
    backend, client, home, settings, caplog, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = f"tests.fostering.test_public.{backend}"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _enquire(client, home.region)
    assert callbacks, "the emails were queued after commit"
    assert response.status_code == 302
    assert Enquiry.objects.count() == 1
    assert client.get(response["Location"]).status_code == 200
    assert "Could not send" in caplog.text
    assert "alex@example.org" not in caplog.text


def test_the_form_needs_a_csrf_token(home):
    client = Client(enforce_csrf_checks=True)
    assert _enquire(client, home.region).status_code == 403
    assert not Enquiry.objects.exists()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("07700 900123", "07700900123"),
        ("+44 7700 900123", "07700900123"),
        ("+44 (0)7700 900123", "07700900123"),
        ("0044 161 496 0000", "01614960000"),
        ("(01632) 960-001", "01632960001"),
        ("01697 73123", "0169773123"),
        ("7700 900123", None),
        ("+1 202 555 0100", None),
        ("0770090012345", None),
        ("phone me", None),
    ],
)
def test_uk_phone_numbers_are_normalised(typed, expected):
    assert normalise_uk_phone(typed) == expected


# Eligibility -----------------------------------------------------------------------------


def test_eligibility_answers_yes_and_stores_nothing(client, home):
    before = AuditEvent.objects.count()
    response = client.get(
        _url("public_eligibility", home.region),
        {"over_21": "yes", "spare_bedroom": "yes", "lives_in_uk": "yes"},
    )
    body = response.content.decode()
    assert "You can probably foster" in body
    assert _url("public_enquire", home.region) in body
    assert AuditEvent.objects.count() == before


def test_eligibility_explains_each_no(client, home):
    response = client.get(
        _url("public_eligibility", home.region),
        {"over_21": "no", "spare_bedroom": "yes", "lives_in_uk": "no"},
    )
    body = response.content.decode()
    assert "You might not be able to foster yet" in body
    assert "21 or over" in body and "right to stay here permanently" in body


def test_eligibility_asks_for_missing_answers(client, home):
    response = client.get(_url("public_eligibility", home.region), {"over_21": "yes"})
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Select yes if you have a spare bedroom" in body


# Information events ----------------------------------------------------------------------


def test_upcoming_information_events_are_listed_but_not_other_kinds(
    client, home, information_event
):
    SupportEvent.objects.create(
        region=home.region,
        kind=SupportEvent.Kind.SUPPORT_GROUP,
        title="Carers' group",
        starts_at=timezone.now() + timedelta(days=3),
        location="Hall",
    )
    body = client.get(_url("public_events", home.region)).content.decode()
    assert "Fostering coffee morning" in body
    assert '<span class="govuk-visually-hidden"> at Fostering coffee morning</span>' in body
    assert "Carers&#39; group" not in body and "Carers' group" not in body


def test_event_text_is_escaped(client, home, information_event):
    information_event.title = "Tea & <b>talk</b>"
    information_event.save()
    body = client.get(_url("public_events", home.region)).content.decode()
    assert "Tea &amp; &lt;b&gt;talk&lt;/b&gt;" in body and "<b>talk" not in body


def _book(client, region, event, email="kim@example.org", name="Kim"):
    return client.post(
        _url("public_book_event", region, event_id=event.pk),
        {f"event-{event.pk}-name": name, f"event-{event.pk}-email": email},
    )


def test_one_email_books_one_place(client, home, information_event):
    first = _book(client, home.region, information_event)
    again = _book(client, home.region, information_event, email="KIM@example.org")
    assert first.status_code == again.status_code == 302
    assert first["Location"] == _url("public_event_booked", home.region)
    assert Attendance.objects.filter(event=information_event).count() == 1


def test_a_booking_is_confirmed_by_email(
    client, home, information_event, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _book(client, home.region, information_event)
    assert [m.to for m in mail.outbox] == [["kim@example.org"]]
    assert "Bolton library" in mail.outbox[0].body


def test_a_full_event_says_so_and_takes_no_more(client, home, information_event):
    _book(client, home.region, information_event, email="a@example.org")
    _book(client, home.region, information_event, email="b@example.org")
    assert "This event is full" in client.get(_url("public_events", home.region)).content.decode()
    response = _book(client, home.region, information_event, email="c@example.org")
    assert response.status_code == 200
    assert "this event is full" in response.content.decode()
    assert Attendance.objects.filter(event=information_event).count() == 2


def test_booking_errors_show_on_the_events_page(client, home, information_event):
    response = _book(client, home.region, information_event, email="nope", name="")
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body and 'value="nope"' in body
    assert not Attendance.objects.exists()


def test_only_upcoming_public_events_of_the_region_can_be_booked(client, home, away):
    past = SupportEvent.objects.create(
        region=home.region,
        kind=SupportEvent.Kind.INFORMATION,
        title="Past",
        starts_at=timezone.now() - timedelta(days=1),
        location="Hall",
    )
    group = away.fostering["event"]  # a support group of another region
    assert _book(client, home.region, past).status_code == 404
    assert _book(client, home.region, group).status_code == 404
    assert _book(client, away.region, group).status_code == 404
    assert not Attendance.objects.exists()


def test_booking_needs_a_post(client, home, information_event):
    url = _url("public_book_event", home.region, event_id=information_event.pk)
    assert client.get(url).status_code == 405


# Rate limits -----------------------------------------------------------------------------


def test_a_rate_counts_hits_per_key_and_opens_again_in_the_next_window(db):
    rate = ratelimit.Rate(limit=2, seconds=60)
    with mock.patch("rcc.ratelimit.time.time", return_value=6_000):
        assert [ratelimit.hit("b", "k", rate) for _ in range(3)] == [True, True, False]
        assert ratelimit.hit("b", "other", rate)
        assert ratelimit.hit("other-bucket", "k", rate)
    with mock.patch("rcc.ratelimit.time.time", return_value=6_060):
        assert ratelimit.hit("b", "k", rate)


def test_a_rate_must_be_positive():
    with pytest.raises(ValueError):
        ratelimit.Rate(limit=0, seconds=60)
