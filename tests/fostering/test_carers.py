"""Approved carers as supply, the support offer, the funnel page and the fostering API."""

from __future__ import annotations

import csv
import io
import re
from datetime import datetime, time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from fostering.models import Applicant, ApprovedCarer, Attendance, SupportEvent
from fostering.services import carers as services
from providers.models import Sector, Setting, SettingType, Vacancy
from rcc import access
from rcc.roles import Role
from rcc.services import ServiceError, issue_api_key
from tests.factories import ProviderFactory
from tests.fostering.factories import CarerFactory, EnquiryFactory
from tests.personas import MARKER
from tests.providers.factories import SettingFactory

HUB = Role.HUB_OFFICER
CARERS = "/fostering/hub/carers/"
FUNNEL = "/fostering/hub/funnel/"
PERSONAL = {"name", "email", "phone", "postcode", "household", "address", "full_name"}


def _hub(home):
    return home.people[HUB]


def _csv(response) -> list[list[str]]:
    body = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(body)))


def _vacancy_form(**changes):
    today = timezone.localdate()
    return {"places": 1, "available_from": today.isoformat(), "age_min": 0, "age_max": 17} | changes


def _report(home, carer, places=1):
    return services.report_carer_vacancy(
        actor=_hub(home),
        carer=carer,
        places=places,
        available_from=timezone.localdate(),
        age_min=carer.age_min,
        age_max=carer.age_max,
    )


# Vacancies as supply -----------------------------------------------------------------------------
def test_a_carers_vacancy_is_open_supply_of_the_council_fostering_setting(home, signed_in):
    carer = CarerFactory(local_authority=home.council, max_children=2, current_children=0)
    client = signed_in(_hub(home))
    response = client.post(f"{CARERS}{carer.public_id}/vacancies/new/", _vacancy_form(places=2))
    assert response.status_code == 302
    supply = access.vacancies_for(home.people[Role.COMMISSIONER]).open()
    vacancy = supply.get()
    assert (vacancy.places, vacancy.age_min, vacancy.age_max) == (2, 0, 17)
    assert vacancy.setting.setting_type == SettingType.LA_FOSTERING
    assert vacancy.setting.local_authority == home.council
    assert vacancy.setting.provider.sector == Sector.LOCAL_AUTHORITY
    assert vacancy.setting.registered_places >= 2
    assert vacancy.carer_vacancy.carer == carer


def test_it_uses_the_councils_own_fostering_setting_when_there_is_one(home):
    council_provider = ProviderFactory(name="Bolton Council", sector=Sector.LOCAL_AUTHORITY)
    setting = SettingFactory(
        provider=council_provider,
        local_authority=home.council,
        setting_type=SettingType.LA_FOSTERING,
        registered_places=1,
        urn=None,
    )
    carer = CarerFactory(local_authority=home.council, max_children=3)
    link = _report(home, carer, places=3)
    assert link.vacancy.setting == setting
    setting.refresh_from_db()
    assert setting.registered_places == 3  # raised to what the council's carers are approved for
    assert Setting.objects.filter(setting_type=SettingType.LA_FOSTERING).count() == 1


def test_it_refuses_more_places_than_the_household_has_free(home, signed_in):
    carer = CarerFactory(local_authority=home.council, max_children=2, current_children=1)
    _report(home, carer, places=1)
    client = signed_in(_hub(home))
    response = client.post(f"{CARERS}{carer.public_id}/vacancies/new/", _vacancy_form())
    assert response.status_code == 200
    assert "no free places to offer" in response.content.decode()
    assert Vacancy.objects.count() == 1


def test_ages_must_be_within_the_approval_range(home):
    carer = CarerFactory(local_authority=home.council, age_min=5, age_max=10)
    with pytest.raises(ServiceError, match="within the approval range"):
        services.report_carer_vacancy(
            actor=_hub(home),
            carer=carer,
            places=1,
            available_from=timezone.localdate(),
            age_min=0,
            age_max=10,
        )


def test_a_vacancy_can_be_withdrawn(home, signed_in):
    carer = CarerFactory(local_authority=home.council)
    link = _report(home, carer)
    url = f"{CARERS}{carer.public_id}/vacancies/{link.vacancy.public_id}/withdraw/"
    response = signed_in(_hub(home)).post(url, {"reason": "Family holiday"})
    assert response.status_code == 302
    link.vacancy.refresh_from_db()
    assert link.vacancy.status == Vacancy.Status.WITHDRAWN
    assert not access.vacancies_for(home.people[Role.COMMISSIONER]).open().exists()


def test_deregistration_closes_the_carers_vacancies_and_frees_their_buddies(home, signed_in):
    carer = CarerFactory(local_authority=home.council, max_children=3)
    links = [_report(home, carer), _report(home, carer)]
    newcomer = CarerFactory(local_authority=home.council, buddy=carer)
    response = signed_in(_hub(home)).post(
        f"{CARERS}{carer.public_id}/deregister/",
        {"left_on": timezone.localdate().isoformat(), "reason": "retired"},
    )
    assert response.status_code == 302
    carer.refresh_from_db()
    assert not carer.is_active and carer.deregistration.reason == "retired"
    for link in links:
        link.vacancy.refresh_from_db()
        assert link.vacancy.status == Vacancy.Status.WITHDRAWN
    newcomer.refresh_from_db()
    assert newcomer.buddy is None
    with pytest.raises(ServiceError, match="already deregistered"):
        services.deregister_carer(
            actor=_hub(home), carer=carer, left_on=timezone.localdate(), reason="other"
        )


# The register ------------------------------------------------------------------------------------
def test_a_hub_officer_adds_a_carer_approved_before_the_platform(home, signed_in):
    response = signed_in(_hub(home)).post(
        f"{CARERS}new/",
        {
            "household": "The Khan household",
            "local_authority": home.council.pk,
            "approved_on": "2019-06-01",
            "max_children": 2,
            "age_min": 0,
            "age_max": 12,
            "types": ["short_term", "respite"],
            "current_children": 1,
        },
    )
    carer = ApprovedCarer.objects.get(household="The Khan household")
    assert response.status_code == 302 and response.url == f"{CARERS}{carer.public_id}/"
    assert (carer.free_places, carer.types) == (1, ["short_term", "respite"])


def test_the_approval_range_cannot_drop_below_places_already_offered(home, signed_in):
    carer = CarerFactory(local_authority=home.council, max_children=2)
    _report(home, carer, places=2)
    form = {"max_children": 2, "age_min": 0, "age_max": 17, "types": ["long_term"]}
    client = signed_in(_hub(home))
    refused = client.post(f"{CARERS}{carer.public_id}/approval/", form | {"current_children": 1})
    assert "withdraw a vacancy" in refused.content.decode()
    saved = client.post(f"{CARERS}{carer.public_id}/approval/", form | {"current_children": 0})
    assert saved.status_code == 302
    carer.refresh_from_db()
    assert carer.types == ["long_term"]


def test_the_list_filters_by_council_type_and_free_places_and_downloads(home, signed_in):
    CarerFactory(local_authority=home.council, household="Full House", current_children=2)
    CarerFactory(local_authority=home.council, household="Room Here", types=["respite"])
    client = signed_in(_hub(home))
    page = client.get(CARERS, {"free_places": "yes"}).content.decode()
    assert "Room Here" in page and "Full House" not in page
    page = client.get(CARERS, {"carer_type": "respite", "council": home.council.pk})
    assert "Room Here" in page.content.decode() and "Full House" not in page.content.decode()
    rows = _csv(client.get(CARERS, {"format": "csv"}))
    assert rows[0][:2] == ["Household", "Council"]
    assert sorted(r[0] for r in rows[1:]) == ["Full House", "Room Here"]


def test_a_buddy_is_another_active_carer_of_the_region(home, away, signed_in):
    carer = CarerFactory(local_authority=home.council)
    buddy = CarerFactory(local_authority=home.council, household="Old Hands")
    client = signed_in(_hub(home))
    form = client.get(f"{CARERS}{carer.public_id}/buddy/").content.decode()
    assert "Old Hands" in form and MARKER not in form
    client.post(f"{CARERS}{carer.public_id}/buddy/", {"buddy": buddy.pk})
    carer.refresh_from_db()
    assert carer.buddy == buddy
    with pytest.raises(ServiceError, match="same region"):
        services.assign_buddy(actor=_hub(home), carer=carer, buddy=away.fostering["carer"])
    with pytest.raises(ServiceError, match="another household"):
        services.assign_buddy(actor=_hub(home), carer=carer, buddy=carer)


# Scope and permissions ---------------------------------------------------------------------------
def test_it_hides_carers_and_events_of_another_region(home, away, signed_in):
    client = signed_in(_hub(home))
    carer, event = away.fostering["carer"], away.fostering["event"]
    for url in (
        f"{CARERS}{carer.public_id}/",
        f"{CARERS}{carer.public_id}/vacancies/new/",
        f"{CARERS}{carer.public_id}/deregister/",
        f"/fostering/hub/events/{event.pk}/",
        f"/fostering/hub/events/{event.pk}/book/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{CARERS}{carer.public_id}/deregister/", {}).status_code == 404
    for url in (CARERS, "/fostering/hub/events/", FUNNEL):
        assert MARKER not in client.get(url).content.decode()


@pytest.mark.parametrize(
    "role",
    [Role.SOCIAL_WORKER, Role.TEAM_MANAGER, Role.COMMISSIONER, Role.ANALYST, Role.PROVIDER_STAFF,
     Role.PARTNER],
)  # fmt: skip
def test_only_hub_officers_work_the_register_and_support_offer(role, home, signed_in):
    carer = CarerFactory(local_authority=home.council)
    client = signed_in(home.people[role])
    for url in (CARERS, f"{CARERS}{carer.public_id}/", "/fostering/hub/events/"):
        assert client.get(url).status_code == 403, url


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.COMMISSIONER, 200), (Role.ANALYST, 200), (Role.HUB_OFFICER, 200),
     (Role.SOCIAL_WORKER, 403), (Role.TEAM_MANAGER, 403), (Role.PROVIDER_STAFF, 403),
     (Role.PARTNER, 403)],
)  # fmt: skip
def test_the_funnel_is_for_hub_rcc_and_admin_roles(role, status, home, signed_in):
    assert signed_in(home.people[role]).get(FUNNEL).status_code == status


def test_an_administrator_sees_englands_funnel(national, away, signed_in):
    page = signed_in(national[Role.PLATFORM_ADMIN]).get(FUNNEL)
    assert page.status_code == 200 and "England" in page.content.decode()


# The support offer -------------------------------------------------------------------------------
def test_a_hub_officer_runs_an_event_books_carers_and_records_who_came(home, signed_in):
    client = signed_in(_hub(home))
    tomorrow = timezone.localdate() + timedelta(days=1)
    response = client.post(
        "/fostering/hub/events/new/",
        {
            "kind": "training",
            "title": "Safer caring",
            "on": tomorrow.isoformat(),
            "at": "18:30",
            "location": "Town hall",
            "capacity": 1,
        },
    )
    event = SupportEvent.objects.get(title="Safer caring")
    assert response.status_code == 302 and event.region == home.region
    first, second = CarerFactory.create_batch(2, local_authority=home.council)
    client.post(f"/fostering/hub/events/{event.pk}/book/", {"carer": first.pk})
    with pytest.raises(ServiceError, match="full"):
        services.book_carer(actor=_hub(home), event=event, carer=second)
    booking = Attendance.objects.get(event=event)
    with pytest.raises(ServiceError, match="once the event has started"):
        services.record_attendance(actor=_hub(home), event=event, attended=[booking.pk])
    SupportEvent.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=2))
    url = f"/fostering/hub/events/{event.pk}/attendance/"
    assert client.post(url, {"attended": [booking.pk]}).status_code == 302
    booking.refresh_from_db()
    assert booking.attended is True
    page = client.get(f"/fostering/hub/events/{event.pk}/").content.decode()
    assert first.household in page and "1 of 1" in page


def test_a_carer_is_booked_once(home):
    event = SupportEvent.objects.create(
        region=home.region, kind="support_group", title="Group", starts_at=timezone.now(),
        location="Hall",
    )  # fmt: skip
    carer = CarerFactory(local_authority=home.council)
    services.book_carer(actor=_hub(home), event=event, carer=carer)
    with pytest.raises(ServiceError, match="already booked"):
        services.book_carer(actor=_hub(home), event=event, carer=carer)


def test_reasons_for_leaving_are_summarised(home, signed_in):
    for reason in ("retired", "retired", "support"):
        carer = CarerFactory(local_authority=home.council)
        services.deregister_carer(
            actor=_hub(home), carer=carer, left_on=timezone.localdate(), reason=reason
        )
    client = signed_in(_hub(home))
    rows = _csv(client.get(f"{CARERS}leaving/", {"format": "csv"}))
    assert rows == [
        ["Reason", "Carers", "Share"],
        ["Retired", "2", "66.7%"],
        ["Not enough support", "1", "33.3%"],
        ["All reasons", "3", "100.0%"],
    ]


# The funnel page ---------------------------------------------------------------------------------
def _at(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


@pytest.fixture
def pipeline(home):
    """Three enquiries 40 days ago: one approved, one applied, one only enquired."""
    received = timezone.localdate() - timedelta(days=40)
    approved = EnquiryFactory(region=home.region, name="Alice Approved", received_at=_at(received))
    applied = EnquiryFactory(region=home.region, name="Bob Applied", received_at=_at(received))
    EnquiryFactory(region=home.region, name="Cat Caller", received_at=_at(received), source="event")
    day = lambda n: received + timedelta(days=n)  # noqa: E731
    Applicant.objects.create(
        enquiry=approved, stage="approved", initial_visit_on=day(4), application_on=day(10),
        stage_2_started_on=day(20), decision_on=day(30),
    )  # fmt: skip
    Applicant.objects.create(
        enquiry=applied, stage="stage_1", initial_visit_on=day(6), application_on=day(16)
    )
    CarerFactory(local_authority=home.council, household="Carer Household", max_children=3)
    return received


def test_funnel_tables_hold_the_hand_computed_figures(pipeline, home, signed_in):
    client = signed_in(home.people[Role.ANALYST])
    assert _csv(client.get(FUNNEL, {"format": "funnel"})) == [
        ["Stage", "People", "Conversion from the stage before"],
        ["Enquiries", "3", ""],
        ["Initial visits", "2", "66.7%"],
        ["Applications", "2", "100.0%"],
        ["Stage 2 starts", "1", "50.0%"],
        ["Approvals", "1", "100.0%"],
    ]
    assert _csv(client.get(FUNNEL, {"format": "stage-days"}))[1:] == [
        ["Enquiry to initial visit", "2", "5"],
        ["Initial visit to application", "2", "8"],
        ["Application to Stage 2", "1", "10"],
        ["Stage 2 to approval", "1", "10"],
        ["Enquiry to approval", "1", "30"],
    ]
    month = f"{pipeline:%b %Y}"
    months = _csv(client.get(FUNNEL, {"format": "months"}))
    assert [month, "3", "2", "2", "1", "1"] == next(r for r in months if r[0] == month)[:6]
    sources = _csv(client.get(FUNNEL, {"format": "sources"}))
    assert [r[:3] for r in sources[1:]] == [
        ["This website", "2", "2"],
        ["An information event", "1", "0"],
        ["All enquiries", "3", "2"],
    ]
    capacity = _csv(client.get(FUNNEL, {"format": "capacity"}))
    assert capacity[1] == [home.council.name, "1", "3", "0", "3", "0"]


def test_every_chart_is_followed_by_a_table_with_a_caption_and_no_names(pipeline, home, signed_in):
    html = signed_in(home.people[Role.COMMISSIONER]).get(FUNNEL).content.decode()
    figures = html.split("<figure")[1:]
    assert len(figures) == 6
    for part in figures:
        chart, after = part.split("</figure>", 1)
        assert 'role="img"' in chart and "<title" in chart and "<figcaption" in chart
        table = after.split("<figure")[0]
        assert re.search(r"<table[^>]*>\s*<caption[^>]*>[^<]+</caption>", table)
    for private in ("Alice Approved", "Bob Applied", "Cat Caller", "Carer Household"):
        assert private not in html
    assert "<script" not in html.split("<main")[1].split("</main>")[0]


def test_each_table_downloads_as_csv(pipeline, home, signed_in):
    client = signed_in(_hub(home))
    for name in ("funnel", "months", "sources", "stage-days", "carers", "capacity"):
        response = client.get(FUNNEL, {"format": name})
        assert response["Content-Type"] == "text/csv", name
        assert f"fostering-{name}.csv" in response["Content-Disposition"]


# The API -----------------------------------------------------------------------------------------
def _api(person) -> Client:
    _, secret = issue_api_key(actor=None, membership=person.memberships.get(), name="test")
    return Client(HTTP_AUTHORIZATION=f"Api-Key {secret}")


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_the_api_gives_a_commissioner_their_regions_aggregates_only(pipeline, home, away):
    client = _api(home.people[Role.COMMISSIONER])
    funnel_body = client.get("/api/v1/fostering-funnel/").json()
    assert [r["region"] for r in funnel_body] == [home.region.slug]
    assert set(funnel_body[0]) == {
        "region", "region_name", "months", "sources", "total", "stage_days", "carers",
    }  # fmt: skip
    total = funnel_body[0]["total"]
    assert (total["enquiries"], total["applications"], total["approvals"]) == (3, 2, 1)
    capacity = client.get("/api/v1/carer-capacity/").json()
    assert capacity[0]["councils"] == [
        {"council": home.council.name, "carers": 1, "places": 3, "children": 0,
         "free_places": 3, "offered": 0},
    ]  # fmt: skip
    for body in (funnel_body, capacity):
        assert not _keys(body) & PERSONAL
        assert MARKER not in str(body) and "Alice" not in str(body)


def test_dfe_gets_every_region_and_council_staff_get_nothing(pipeline, national, home, away):
    dfe = _api(national[Role.DFE_ANALYST])
    regions = {r["region"] for r in dfe.get("/api/v1/fostering-funnel/").json()}
    assert {home.region.slug, away.region.slug} <= regions
    body = dfe.get("/api/v1/carer-capacity/").json()
    assert not _keys(body) & PERSONAL
    staff = _api(home.people[Role.SOCIAL_WORKER])
    assert staff.get("/api/v1/fostering-funnel/").status_code == 403
    assert staff.get("/api/v1/carer-capacity/").status_code == 403
