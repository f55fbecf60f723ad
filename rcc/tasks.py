from celery import shared_task
from django.core import management


@shared_task
def clear_expired_sessions() -> None:
    """Nightly housekeeping: drop expired sessions (idempotent)."""
    management.call_command("clearsessions")


@shared_task(autoretry_for=(ConnectionError, TimeoutError), retry_backoff=True, max_retries=5)
def send_email(*, to: list[str], subject: str, body: str) -> None:
    """Send one notification (enqueued only after the transaction that caused it commits)."""
    from django.core.mail import send_mail

    send_mail(subject, body, None, to)
