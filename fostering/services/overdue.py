"""Enquiries whose first contact is overdue: the region's hub officers are told."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from fostering.models import Enquiry, ServiceStandard
from fostering.workingdays import latest_start_overdue_by
from rcc import notifications
from rcc.models import Region


def notify_overdue_enquiries(*, today: date) -> int:
    """Each open enquiry not contacted within its region's standard: one notification to the
    region's hub officers (deduplicated by the database, so running this again tells nobody
    twice). Returns the enquiries looked at."""
    days = dict(ServiceStandard.objects.values_list("region_id", "first_contact_days"))
    default = ServiceStandard._meta.get_field("first_contact_days").default
    looked_at = 0
    for region_id in Region.objects.values_list("pk", flat=True):
        no_contact_by = latest_start_overdue_by(today, days.get(region_id, default))
        before = timezone.make_aware(datetime.combine(no_contact_by + timedelta(days=1), time.min))
        overdue = Enquiry.objects.filter(
            region_id=region_id,
            closed_at__isnull=True,
            applicant__isnull=True,
            first_contact_at__isnull=True,
            received_at__lt=before,
        )
        for enquiry in overdue.iterator():
            with transaction.atomic():
                notifications.fostering_enquiry_overdue(enquiry)
            looked_at += 1
    return looked_at
