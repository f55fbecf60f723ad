"""Every hand-off tells the right people, once, in the service and (if they chose) by email."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from fostering.tasks import notify_overdue_enquiries
from placements.models import Distribution, Referral
from placements.services import referrals as referral_services
from placements.tasks import notify_referrals_without_offers
from rcc import notifications
from rcc.models import Notification
from rcc.roles import Role
from tests.fostering.factories import EnquiryFactory
from tests.personas import make_person
from tests.placements.factories import ChildFactory, ReferralFactory


def _kinds(user) -> list[str]:
    mine = Notification.objects.filter(recipient=user).exclude(dedupe_key__startswith="away:")
    return list(mine.values_list("kind", flat=True))  # not the access walk's own (personas)


@pytest.fixture
def draft(home):
    child = ChildFactory(local_authority=home.council, name="Robin Secretname")
    return ReferralFactory(child=child, created_by=home.people[Role.SOCIAL_WORKER])


def _submit_and_approve(home, referral):
    referral_services.submit_referral(actor=home.people[Role.SOCIAL_WORKER], referral=referral)
    referral_services.approve_referral(actor=home.people[Role.TEAM_MANAGER], referral=referral)


def test_a_submitted_referral_tells_its_councils_managers_only(
    home, away, draft, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        referral_services.submit_referral(actor=home.people[Role.SOCIAL_WORKER], referral=draft)
    manager = home.people[Role.TEAM_MANAGER]
    assert _kinds(manager) == ["referral_submitted"]
    assert _kinds(away.people[Role.TEAM_MANAGER]) == []
    assert _kinds(home.people[Role.SOCIAL_WORKER]) == []
    note = Notification.objects.get(recipient=manager)
    assert "What to do next" in note.body
    assert note.link == f"/referrals/{draft.public_id}/"
    assert [m.to for m in mail.outbox] == [[manager.email]]
    assert f"http://testserver-site/referrals/{draft.public_id}/" in mail.outbox[0].body


@pytest.fixture(autouse=True)
def _site(settings):
    settings.SITE_URL = "http://testserver-site"


def test_approved_and_returned_tell_the_social_worker(home, draft):
    worker = home.people[Role.SOCIAL_WORKER]
    referral_services.submit_referral(actor=worker, referral=draft)
    referral_services.return_referral(
        actor=home.people[Role.TEAM_MANAGER], referral=draft, reason="Add the school"
    )
    referral_services.submit_referral(actor=worker, referral=draft)
    referral_services.approve_referral(actor=home.people[Role.TEAM_MANAGER], referral=draft)
    assert sorted(_kinds(worker)) == ["referral_approved", "referral_returned"]
    # Submitted twice (after being returned): the manager hears of each submission.
    assert _kinds(home.people[Role.TEAM_MANAGER]) == ["referral_submitted"] * 2


def test_sent_tells_the_providers_staff_without_naming_the_child(home, away, draft):
    _submit_and_approve(home, draft)
    referral_services.send_to_providers(
        actor=home.people[Role.COMMISSIONER], referral=draft, providers=[home.provider]
    )
    staff = home.people[Role.PROVIDER_STAFF]
    note = Notification.objects.get(recipient=staff)
    assert note.kind == "referral_sent"
    assert draft.reference in note.title
    for text in (note.title, note.body, note.link):
        assert "Robin" not in text and "Secretname" not in text
        assert draft.child.case_id not in text
    assert _kinds(away.people[Role.PROVIDER_STAFF]) == []


def test_a_region_wide_uasc_referral_tells_every_other_council_in_the_region(home, draft):
    from tests.factories import LocalAuthorityFactory

    neighbour = LocalAuthorityFactory(name="Neighbour Council", region=home.region)
    other_manager = make_person(Role.TEAM_MANAGER, home, "Neighbour")
    other_manager.memberships.update(local_authority=neighbour)
    draft.child.is_uasc = True
    draft.child.save()
    Referral.objects.filter(pk=draft.pk).update(region_wide=True)
    draft.refresh_from_db()
    _submit_and_approve(home, draft)
    assert _kinds(other_manager) == ["uasc_region_wide"]
    assert "uasc_region_wide" not in _kinds(home.people[Role.TEAM_MANAGER])


def test_the_same_event_is_recorded_and_emailed_once(home, django_capture_on_commit_callbacks):
    worker = home.people[Role.SOCIAL_WORKER]
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(2):
            notifications.notify(
                [worker, worker],
                kind="test",
                title="T",
                body="B",
                link="/",
                dedupe_key="once",
            )
    assert Notification.objects.filter(recipient=worker).count() == 1
    assert len(mail.outbox) == 1


def test_a_person_who_chose_no_email_is_told_in_the_service_only(
    home, django_capture_on_commit_callbacks
):
    worker = home.people[Role.SOCIAL_WORKER]
    notifications.set_email_preference(user=worker, email=False)
    with django_capture_on_commit_callbacks(execute=True):
        notifications.notify([worker], kind="t", title="T", body="B", link="/", dedupe_key="k")
    assert _kinds(worker) == ["t"]
    assert mail.outbox == []


def test_no_offers_by_the_deadline_tells_the_commissioners_once(home, away, draft):
    _submit_and_approve(home, draft)
    (distribution,) = referral_services.send_to_providers(
        actor=home.people[Role.COMMISSIONER], referral=draft, providers=[home.provider]
    )
    assert notify_referrals_without_offers() == 0  # the deadline has not passed
    Distribution.objects.filter(pk=distribution.pk).update(
        respond_by=timezone.now() - timedelta(hours=1)
    )
    notify_referrals_without_offers()
    notify_referrals_without_offers()
    assert _kinds(home.people[Role.COMMISSIONER]) == ["no_offers"]
    assert _kinds(away.people[Role.COMMISSIONER]) == []


def test_an_overdue_enquiry_tells_the_hub_officers_once(home, away):
    EnquiryFactory(region=home.region, received_at=timezone.now() - timedelta(days=10))
    EnquiryFactory(region=home.region)  # just arrived: not overdue
    notify_overdue_enquiries()
    notify_overdue_enquiries()
    assert _kinds(home.people[Role.HUB_OFFICER]) == ["enquiry_overdue"]
    assert _kinds(away.people[Role.HUB_OFFICER]) == []


def test_a_region_wide_referral_shows_on_the_other_councils_dashboards(signed_in, home, draft):
    from tests.factories import LocalAuthorityFactory

    neighbour = LocalAuthorityFactory(name="Neighbour Council", region=home.region)
    other_manager = make_person(Role.TEAM_MANAGER, home, "Neighbour")
    other_manager.memberships.update(local_authority=neighbour)
    draft.child.is_uasc = True
    draft.child.save()
    Referral.objects.filter(pk=draft.pk).update(region_wide=True)
    draft.refresh_from_db()
    page = signed_in(other_manager).get("/").content.decode()
    assert draft.reference not in page  # still a draft: not offered yet
    _submit_and_approve(home, draft)
    page = signed_in(other_manager).get("/").content.decode()
    assert "Region-wide UASC referrals" in page and draft.reference in page
