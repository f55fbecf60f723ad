from celery import shared_task
from django.core import management


@shared_task
def clear_expired_sessions() -> None:
    """Nightly housekeeping: drop expired sessions (idempotent)."""
    management.call_command("clearsessions")


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def send_email(*, to: list[str], subject: str, body: str) -> None:
    """Send one notification (enqueued only after the transaction that caused it commits):
    through GOV.UK Notify when a key is configured, else Django's email backend."""
    from django.conf import settings

    if settings.NOTIFY_API_KEY:
        _send_through_notify(to, subject, body)
        return
    from django.core.mail import send_mail

    send_mail(subject, body, None, to)


def _send_through_notify(to: list[str], subject: str, body: str) -> None:
    from django.conf import settings
    from notifications_python_client.notifications import NotificationsAPIClient

    client = NotificationsAPIClient(settings.NOTIFY_API_KEY)
    for address in to:
        client.send_email_notification(
            email_address=address,
            template_id=settings.NOTIFY_TEMPLATE_ID,
            personalisation={"subject": subject, "body": body},
        )


@shared_task(acks_late=True, soft_time_limit=50, time_limit=60)
def drain_outbox() -> int:
    """Every minute: send the queued work the broker refused while it was down (idempotent)."""
    from rcc import outbox

    return outbox.drain().sent
