"""A person's notifications page, the header's unread count, and the email setting."""

from __future__ import annotations

from rcc import notifications
from rcc.models import Notification, NotificationPreference
from rcc.roles import Role


def _tell(user, n: int = 1, *, key: str = "k"):
    for i in range(n):
        notifications.notify(
            [user],
            kind="test",
            title=f"Referral R{i} needs you",
            body="What to do next: look.",
            link="/referrals/",
            dedupe_key=f"{key}{i}",
        )


def test_the_list_shows_ones_own_notifications_and_the_unread_count(signed_in, home):
    worker, manager = home.people[Role.SOCIAL_WORKER], home.people[Role.TEAM_MANAGER]
    _tell(worker, 2)
    _tell(manager, 1, key="m")
    page = signed_in(worker).get("/notifications/").content.decode()
    assert "Referral R0 needs you" in page and "Referral R1 needs you" in page
    assert "What to do next: look." in page
    assert '>2<span class="govuk-visually-hidden"> unread' in page
    assert page.count("Mark as read") == 2


def test_empty_state(signed_in, home):
    page = signed_in(home.people[Role.SOCIAL_WORKER]).get("/notifications/").content.decode()
    assert "You have no notifications" in page


def test_the_list_is_paginated(signed_in, home):
    worker = home.people[Role.SOCIAL_WORKER]
    _tell(worker, 30)
    client = signed_in(worker)
    assert client.get("/notifications/").content.decode().count("Mark as read") == 25
    assert client.get("/notifications/?page=2").content.decode().count("Mark as read") == 5


def test_mark_one_and_all_read(signed_in, home):
    worker = home.people[Role.SOCIAL_WORKER]
    _tell(worker, 3)
    client = signed_in(worker)
    first = Notification.objects.filter(recipient=worker).first()
    response = client.post(f"/notifications/{first.public_id}/read/", {"open": "1"})
    assert response.status_code == 302 and response.url == "/referrals/"
    assert Notification.objects.filter(recipient=worker, read_at__isnull=True).count() == 2
    client.post("/notifications/read-all/")
    assert not Notification.objects.filter(recipient=worker, read_at__isnull=True).exists()
    page = client.get("/notifications/").content.decode()
    assert "Mark as read" not in page and " unread</span>" not in page


def test_nobody_reads_anothers_notification(signed_in, home):
    worker, manager = home.people[Role.SOCIAL_WORKER], home.people[Role.TEAM_MANAGER]
    _tell(manager)
    theirs = Notification.objects.get(recipient=manager)
    client = signed_in(worker)
    assert client.post(f"/notifications/{theirs.public_id}/read/").status_code == 404
    client.post("/notifications/read-all/")
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert "Referral R0" not in client.get("/notifications/").content.decode()


def test_marking_needs_a_post(signed_in, home):
    worker = home.people[Role.SOCIAL_WORKER]
    _tell(worker)
    mine = Notification.objects.get(recipient=worker)
    assert signed_in(worker).get(f"/notifications/{mine.public_id}/read/").status_code == 405


def test_the_email_setting(signed_in, home):
    worker = home.people[Role.SOCIAL_WORKER]
    client = signed_in(worker)
    page = client.get("/notifications/settings/").content.decode()
    assert "Do you want an email as well" in page
    error = client.post("/notifications/settings/", {}).content.decode()
    assert "Select whether you want emails" in error and "govuk-error-summary" in error
    client.post("/notifications/settings/", {"email": "no"})
    assert NotificationPreference.objects.get(user=worker).email is False
    client.post("/notifications/settings/", {"email": "yes"})
    assert NotificationPreference.objects.get(user=worker).email is True


def test_the_list_costs_the_same_queries_for_few_and_many(
    signed_in, home, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    worker = home.people[Role.SOCIAL_WORKER]
    client = signed_in(worker)
    _tell(worker, 1)
    with CaptureQueriesContext(connection) as few:
        client.get("/notifications/")
    _tell(worker, 20, key="more")
    with django_assert_num_queries(len(few.captured_queries)):
        client.get("/notifications/")
