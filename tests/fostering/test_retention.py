"""Enquiries are kept two years after the last contact, as the privacy notice says."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.utils import timezone

from fostering.models import Applicant, Enquiry, EnquiryContact
from fostering.tasks import delete_stale_enquiries_task
from rcc.roles import Role
from tests.fostering.factories import EnquiryFactory

TODAY = date(2026, 11, 22)


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def test_old_untouched_enquiries_go_and_recent_or_active_ones_stay(home):
    old = EnquiryFactory(region=home.region, received_at=_at(TODAY - timedelta(days=800)))
    recent = EnquiryFactory(region=home.region, received_at=_at(TODAY - timedelta(days=100)))
    contacted = EnquiryFactory(region=home.region, received_at=_at(TODAY - timedelta(days=900)))
    EnquiryContact.objects.create(
        enquiry=contacted,
        method="phone",
        outcome="Called back",
        made_at=_at(TODAY - timedelta(days=30)),
        made_by=home.people[Role.HUB_OFFICER],
    )
    applied = EnquiryFactory(region=home.region, received_at=_at(TODAY - timedelta(days=1000)))
    Applicant.objects.create(enquiry=applied)
    from fostering.services.retention import delete_stale_enquiries

    assert delete_stale_enquiries(today=TODAY) == 1
    assert not Enquiry.objects.filter(pk=old.pk).exists()
    assert set(
        Enquiry.objects.filter(pk__in=[recent.pk, contacted.pk, applied.pk]).values_list(
            "pk", flat=True
        )
    ) == {recent.pk, contacted.pk, applied.pk}
    assert delete_stale_enquiries(today=TODAY) == 0  # a second run finds nothing


def test_the_nightly_task_runs_the_service(home):
    EnquiryFactory(region=home.region, received_at=timezone.now() - timedelta(days=1000))
    assert delete_stale_enquiries_task.delay().get() >= 1
