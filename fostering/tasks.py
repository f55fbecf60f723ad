from celery import shared_task
from django.db import transaction
from django.utils import timezone

from fostering.services.retention import delete_stale_enquiries


@shared_task(acks_late=True, soft_time_limit=540, time_limit=600)
def delete_stale_enquiries_task() -> int:
    """Nightly: the privacy notice's promise (idempotent: a second run finds nothing)."""
    return delete_stale_enquiries(today=timezone.localdate())


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def notify_overdue_enquiries() -> int:
    """Hourly: tell the region's hub officers of each enquiry whose first contact is overdue
    against the region's standard (idempotent: each enquiry is notified once, by its
    notification's dedupe key). Returns the enquiries looked at."""
    from datetime import datetime, time, timedelta

    from fostering.models import Enquiry, ServiceStandard
    from fostering.workingdays import latest_start_overdue_by
    from rcc import notifications
    from rcc.models import Region

    today = timezone.localdate()
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
