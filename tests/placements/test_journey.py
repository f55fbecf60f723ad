"""From a social worker's referral to a child placed: the whole journey through the pages."""

from __future__ import annotations

import threading
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.db import close_old_connections
from django.utils import timezone

from placements.models import CareEpisode, Child, Offer, Placement, Referral
from placements.services import offers as offer_services
from placements.services import referrals as referral_services
from providers.models import Vacancy, VacancyStatusChange
from rcc.models import AuditEvent
from rcc.roles import Role
from rcc.services import ServiceError
from tests.placements.factories import ChildFactory, ReferralFactory
from tests.providers.factories import SettingFactory, VacancyFactory

REFERRAL_FORM = {
    "search_type": "planned",
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


def _referral_form(**overrides):
    data = dict(REFERRAL_FORM)
    data["latest_start_date"] = (timezone.localdate() + timedelta(days=10)).isoformat()
    for risk in (
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
    ):
        data[f"risk_{risk}"] = "none"
    data["risk_going_missing"] = "high"
    data.update(overrides)
    return data


@pytest.fixture
def home_setting(home):
    setting = SettingFactory(
        provider=home.provider,
        local_authority=home.council,
        name="Willow House",
        age_min=8,
        age_max=17,
    )
    VacancyFactory(setting=setting, age_min=8, age_max=17, available_from=timezone.localdate())
    return setting


def test_the_whole_journey_in_the_browser(
    signed_in, home, home_setting, django_capture_on_commit_callbacks
):
    worker = signed_in(home.people[Role.SOCIAL_WORKER])
    response = worker.post(
        "/children/new/",
        {
            "case_id": "BOL-001",
            "name": "Sam Rivers",
            "date_of_birth": "2012-03-04",
            "sex": "male",
            "ethnicity": "WBRI",
            "legal_status": "C2",
            "is_uasc": "False",
            "home_postcode": "bl1 1aa",
            "school_postcode": "",
            "school_name": "",
            "siblings": "",
        },
    )
    child = Child.objects.get(case_id="BOL-001")
    assert child.home_postcode == "BL1 1AA"
    worker.post(f"/children/{child.public_id}/referrals/new/", _referral_form())
    referral = Referral.objects.get(child=child)
    worker.post(f"/referrals/{referral.public_id}/submit/")

    manager = signed_in(home.people[Role.TEAM_MANAGER])
    manager.post(f"/referrals/{referral.public_id}/decide/", {"decision": "approve"})

    boss = signed_in(home.people[Role.COMMISSIONER])
    shortlist = boss.get(f"/referrals/{referral.public_id}/shortlist/").content.decode()
    assert "Willow House" in shortlist
    with django_capture_on_commit_callbacks(execute=True):  # notifications go after commit
        boss.post(f"/referrals/{referral.public_id}/shortlist/", {"providers": [home.provider.pk]})
    distribution = referral.distributions.get()

    provider = signed_in(home.people[Role.PROVIDER_STAFF])
    seen = provider.get(f"/received/{distribution.pk}/").content.decode()
    assert "Sam Rivers" not in seen and "2012" not in seen and "BOL-001" not in seen
    assert "BL1" in seen and "Going missing (high risk)" in seen
    vacancy = home_setting.vacancies.get()
    provider.post(
        f"/received/{distribution.pk}/offer/",
        {
            "setting": home_setting.pk,
            "vacancy": vacancy.pk,
            "weekly_price": "5400",
            "extras": "Therapy: 300",
            "start_date": timezone.localdate().isoformat(),
            "note": "Room",
        },
    )
    offer = Offer.objects.get(referral=referral)

    worker = signed_in(home.people[Role.SOCIAL_WORKER])
    compare = worker.get(f"/referrals/{referral.public_id}/offers/").content.decode()
    assert "Willow House" in compare and "£5,400" in compare
    with django_capture_on_commit_callbacks(execute=True):
        response = worker.post(f"/offers/{offer.public_id}/accept/")
    placement = Placement.objects.get(offer=offer)
    assert response.url == f"/placements/{placement.public_id}/"
    assert placement.agreed_weekly_cost == Decimal("5700.00")  # 5,400 + 300 of extras
    assert placement.status == Placement.Status.ACTIVE  # in area, under the cost threshold
    referral.refresh_from_db()
    assert referral.status == Referral.Status.PLACED
    assert Vacancy.objects.get(pk=vacancy.pk).status == Vacancy.Status.FILLED
    episode = CareEpisode.objects.get(child=child)
    assert (episode.placement_type, episode.reason_new_episode) == ("K2", "S")

    provider = signed_in(home.people[Role.PROVIDER_STAFF])
    assert "Sam Rivers" in provider.get(f"/received/{distribution.pk}/").content.decode()

    worker = signed_in(home.people[Role.SOCIAL_WORKER])
    worker.post(
        f"/placements/{placement.public_id}/end/",
        {"end_date": timezone.localdate().isoformat(), "unplanned": "True", "reason": "CREQB"},
    )
    placement.refresh_from_db()
    assert (placement.status, placement.unplanned_ending, placement.end_reason) == (
        "ended",
        True,
        "CREQB",
    )
    subjects = [m.subject for m in mail.outbox]
    assert any("New referral" in s for s in subjects)
    assert any("was accepted" in s for s in subjects)


def test_an_out_of_area_expensive_placement_waits_for_the_nominated_officer(signed_in, home):
    elsewhere = SettingFactory(provider=home.provider, local_authority__region=home.region)
    child = ChildFactory(local_authority=home.council)
    referral = ReferralFactory(
        child=child, status="offers_received", created_by=home.people[Role.SOCIAL_WORKER]
    )
    distribution = referral.distributions.create(
        provider=home.provider,
        sent_by=home.people[Role.COMMISSIONER],
        respond_by=timezone.now() + timedelta(days=1),
    )
    offer = offer_services.make_offer(
        actor=None,
        distribution=distribution,
        setting=elsewhere,
        vacancy=None,
        weekly_price=Decimal("15000"),
        extras=[],
        start_date=timezone.localdate(),
    )
    placement = offer_services.accept_offer(actor=None, offer=offer)
    assert placement.status == Placement.Status.AWAITING_APPROVAL
    assert {a.kind for a in placement.approvals.all()} == {"out_of_area", "high_cost"}
    manager = signed_in(home.people[Role.TEAM_MANAGER])
    listed = manager.get("/approvals/").content.decode()
    assert elsewhere.name in listed
    for approval in placement.approvals.all():
        manager.post(f"/approvals/{approval.pk}/", {"decision": "approve"})
    placement.refresh_from_db()
    assert placement.status == Placement.Status.ACTIVE


def test_returning_a_referral_needs_a_reason_and_keeps_the_choice(signed_in, home):
    referral = ReferralFactory(
        child__local_authority=home.council,
        status="awaiting_approval",
        created_by=home.people[Role.SOCIAL_WORKER],
    )
    manager = signed_in(home.people[Role.TEAM_MANAGER])
    response = manager.post(f"/referrals/{referral.public_id}/decide/", {"decision": "return"})
    body = response.content.decode()
    assert "There is a problem" in body and "Enter the reason" in body
    assert 'value="return" checked' in body
    referral.refresh_from_db()
    assert referral.status == "awaiting_approval"


def test_a_bad_referral_form_keeps_what_was_typed_and_saves_nothing(signed_in, home):
    child = ChildFactory(local_authority=home.council)
    worker = signed_in(home.people[Role.SOCIAL_WORKER])
    response = worker.post(
        f"/children/{child.public_id}/referrals/new/",
        _referral_form(
            latest_start_date="31/02/2027",
            preferred_location="Near Bolton",
            family_postcode="NOT A POSTCODE",
        ),
    )
    body = response.content.decode()
    assert "There is a problem" in body
    assert 'value="Near Bolton"' in body and 'value="31/02/2027"' in body
    assert not Referral.objects.exists()


def test_a_referral_cannot_jump_from_draft_to_placed(home):
    referral = ReferralFactory(
        child__local_authority=home.council, created_by=home.people[Role.SOCIAL_WORKER]
    )
    with pytest.raises(ServiceError):
        referral_services.send_to_providers(
            actor=None, referral=referral, providers=[home.provider]
        )
    with pytest.raises(ServiceError):
        referral_services.approve_referral(actor=None, referral=referral)


def test_viewing_a_child_is_audited_and_another_councils_child_is_not_found(signed_in, home, away):
    child = ChildFactory(local_authority=home.council)
    worker = signed_in(home.people[Role.SOCIAL_WORKER])
    assert worker.get(f"/children/{child.public_id}/").status_code == 200
    assert AuditEvent.objects.filter(action="child.viewed", object_id=child.pk).count() == 1
    foreign = away.journey["child"]
    assert worker.get(f"/children/{foreign.public_id}/").status_code == 404
    assert AuditEvent.objects.filter(
        action="access.denied", object_id=str(foreign.public_id)
    ).exists()


def test_a_provider_sees_only_referrals_sent_to_it(signed_in, home, away):
    provider = signed_in(home.people[Role.PROVIDER_STAFF])
    assert "ZZFOREIGN" not in provider.get("/received/").content.decode()
    assert provider.get(f"/received/{away.journey['distribution'].pk}/").status_code == 404
    assert provider.get(f"/children/{away.journey['child'].public_id}/").status_code == 403


def test_the_referral_queue_runs_a_constant_number_of_queries(
    signed_in, home, django_assert_num_queries
):
    client = signed_in(home.people[Role.COMMISSIONER])
    ReferralFactory(
        child__local_authority=home.council,
        status="sent",
        created_by=home.people[Role.SOCIAL_WORKER],
    )
    client.get("/referrals/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/referrals/")
    for _ in range(10):
        ReferralFactory(
            child__local_authority=home.council,
            status="sent",
            created_by=home.people[Role.SOCIAL_WORKER],
        )
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/referrals/")


@pytest.mark.django_db(transaction=True)
def test_two_social_workers_accepting_offers_for_one_vacancy_at_once(postgres_only, home):
    """Two referrals were offered the same place; both are accepted at the same moment."""
    setting = SettingFactory(provider=home.provider, local_authority=home.council)
    vacancy = VacancyFactory(setting=setting)
    offers = []
    for _ in range(2):
        referral = ReferralFactory(
            child__local_authority=home.council,
            status="offers_received",
            created_by=home.people[Role.SOCIAL_WORKER],
        )
        distribution = referral.distributions.create(
            provider=home.provider,
            sent_by=home.people[Role.COMMISSIONER],
            respond_by=timezone.now() + timedelta(days=1),
        )
        offers.append(
            offer_services.make_offer(
                actor=None,
                distribution=distribution,
                setting=setting,
                vacancy=vacancy,
                weekly_price=Decimal("5000"),
                extras=[],
                start_date=timezone.localdate(),
            )
        )
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def accept(offer) -> None:
        try:
            barrier.wait()
            offer_services.accept_offer(actor=None, offer=offer)
            outcomes.append("accepted")
        except ServiceError:
            outcomes.append("refused")
        finally:
            close_old_connections()

    threads = [threading.Thread(target=accept, args=(o,)) for o in offers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["accepted", "refused"]
    assert VacancyStatusChange.objects.filter(vacancy=vacancy, to_status="filled").count() == 1
    assert Placement.objects.filter(setting=setting).count() == 1


def test_another_council_takes_a_region_wide_uasc_referral(signed_in, home):
    from tests.factories import LocalAuthorityFactory, MembershipFactory, TOTPDeviceFactory

    child = ChildFactory(local_authority=home.council, is_uasc=True)
    referral = ReferralFactory(
        child=child, status="sent", region_wide=True, created_by=home.people[Role.SOCIAL_WORKER]
    )
    other_council = LocalAuthorityFactory(region=home.region)
    manager = MembershipFactory(role=Role.TEAM_MANAGER, local_authority=other_council).user
    TOTPDeviceFactory(user=manager)
    client = signed_in(manager)
    page = client.get(f"/referrals/{referral.public_id}/").content.decode()
    assert "Take responsibility" in page
    # It may read and take the referral, but not act on it before taking it.
    assert client.get(f"/referrals/{referral.public_id}/decide/").status_code == 404
    client.post(f"/referrals/{referral.public_id}/take/")
    referral.refresh_from_db()
    child.refresh_from_db()
    assert referral.local_authority == other_council == child.local_authority
    assert not referral.region_wide
    # The first council no longer sees it.
    first = signed_in(home.people[Role.SOCIAL_WORKER])
    assert first.get(f"/referrals/{referral.public_id}/").status_code == 404


def test_only_a_uasc_childs_referral_can_go_region_wide(home):
    child = ChildFactory(local_authority=home.council, is_uasc=False)
    with pytest.raises(ServiceError, match="asylum-seeking"):
        referral_services.save_draft(
            actor=home.people[Role.SOCIAL_WORKER],
            child=child,
            data={
                "region_wide": True,
                "search_type": "planned",
                "latest_start_date": timezone.localdate(),
            },
        )
