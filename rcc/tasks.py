import logging

from celery import shared_task
from django.core import management

logger = logging.getLogger(__name__)


class NotifyUnavailable(Exception):
    """Notify asked us to slow down (429) or failed (5xx, no answer): worth trying again."""


@shared_task
def clear_expired_sessions() -> None:
    """Nightly housekeeping: drop expired sessions (idempotent)."""
    management.call_command("clearsessions")


@shared_task(
    autoretry_for=(ConnectionError, TimeoutError, NotifyUnavailable),
    retry_backoff=True,
    max_retries=5,
)
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
    """One email per address through Notify's API (``NOTIFY_BASE_URL``, the real one by
    default). A refusal (400, 403: a bad template, address or key) is permanent: logged
    without the address and not retried. A 429 or 5xx raises ``NotifyUnavailable``, which
    Celery retries with backoff; addresses already accepted before it are sent again on the
    retry (Notify may then deliver twice: better than never)."""
    from django.conf import settings
    from notifications_python_client.errors import APIError
    from notifications_python_client.notifications import NotificationsAPIClient

    from rcc import notify_templates

    template = notify_templates.MESSAGE
    client = NotificationsAPIClient(settings.NOTIFY_API_KEY, base_url=settings.NOTIFY_BASE_URL)
    for address in to:
        try:
            client.send_email_notification(
                email_address=address,
                template_id=notify_templates.template_id(template),
                personalisation=notify_templates.personalisation(
                    template, subject=subject, body=body
                ),
            )
        except APIError as error:
            if error.status_code == 429 or error.status_code >= 500:
                raise NotifyUnavailable(f"Notify answered {error.status_code}") from None
            logger.error(
                "Notify refused an email (%s): not retried",
                error.status_code,
                extra={"notify_status": error.status_code, "notify_template": template.name},
            )


@shared_task(acks_late=True, soft_time_limit=50, time_limit=60)
def drain_outbox() -> int:
    """Every minute: send the queued work the broker refused while it was down (idempotent)."""
    from rcc import outbox

    return outbox.drain().sent
