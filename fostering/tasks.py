from celery import shared_task
from django.utils import timezone

from fostering.services.retention import delete_stale_enquiries


@shared_task(acks_late=True, soft_time_limit=540, time_limit=600)
def delete_stale_enquiries_task() -> int:
    """Nightly: the privacy notice's promise (idempotent: a second run finds nothing)."""
    return delete_stale_enquiries(today=timezone.localdate())


@shared_task(acks_late=True, soft_time_limit=240, time_limit=300)
def notify_overdue_enquiries() -> int:
    """Hourly: tell the region's hub officers of each enquiry whose first contact is overdue
    (idempotent: each is told once)."""
    from fostering.services.overdue import notify_overdue_enquiries as run

    return run(today=timezone.localdate())
