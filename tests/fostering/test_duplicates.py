"""A repeat fostering enquiry (the same email or phone within 30 days) is linked to the first
one, and the hub officer sees the link both ways."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from fostering.models import Enquiry
from fostering.selectors.public import phone_digits
from fostering.services.public import submit_enquiry
from rcc.models import AuditEvent
from rcc.roles import Role


def _enquire(region, *, days_ago: float = 0, **changes) -> Enquiry:
    data = {
        "name": "Alex Example",
        "email": "alex@example.org",
        "phone": "07700900123",
        "postcode": "M1 1AE",
        "household": "Me and my partner",
        "contact_time": "evening",
        "interests": ["respite"],
        "source": "social",
        "consent_to_contact": True,
        **changes,
    }
    received = timezone.now() - timedelta(days=days_ago)
    return submit_enquiry(region=region, data=data, received_at=received)


def test_the_same_email_within_30_days_is_linked_to_the_first_enquiry(home):
    first = _enquire(home.region, days_ago=20)
    second = _enquire(home.region, days_ago=10, email="ALEX@example.org", phone="01204 333444")
    third = _enquire(home.region, email="other@example.org", phone="+44 7700 900123")
    assert first.duplicate_of is None
    assert second.duplicate_of == first
    assert third.duplicate_of == first  # by phone, and to the first, not the second
    event = AuditEvent.objects.filter(action="fostering.enquiry_received").latest("id")
    assert event.metadata["duplicate_of"] == str(first.public_id)


def test_an_enquiry_after_30_days_or_from_someone_else_or_another_region_is_not_a_repeat(
    home, away
):
    _enquire(home.region, days_ago=31)
    assert _enquire(home.region).duplicate_of is None  # 31 days on: a new enquiry
    assert _enquire(home.region, email="b@example.org", phone="07700900999").duplicate_of is None
    assert _enquire(away.region, days_ago=1).duplicate_of is None


def test_phone_numbers_compare_by_their_digits():
    assert phone_digits("+44 7700 900123") == phone_digits("07700 900123") == "07700900123"
    assert phone_digits("(01204) 333-444") == "01204333444"


def test_the_hub_officer_sees_a_repeat_on_the_queue_and_on_both_enquiries(home, signed_in):
    first = _enquire(home.region, days_ago=3, name="Alex First")
    repeat = _enquire(home.region, name="Alex Again")
    officer = signed_in(home.people[Role.HUB_OFFICER])

    queue = officer.get(reverse("fostering:queue")).content.decode()
    assert "Repeat of" in queue
    assert queue.count("Enquiry of ") == 1

    page = officer.get(reverse("fostering:enquiry", args=[repeat.public_id])).content.decode()
    assert "A repeat enquiry" in page
    assert reverse("fostering:enquiry", args=[first.public_id]) in page

    page = officer.get(reverse("fostering:enquiry", args=[first.public_id])).content.decode()
    assert "1 repeat enquiry from the same email or phone" in page
    assert reverse("fostering:enquiry", args=[repeat.public_id]) in page
