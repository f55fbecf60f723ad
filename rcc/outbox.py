"""The outbox: queue Celery work so that a broker outage never breaks a request or loses work.

``enqueue(task, *args, **kwargs)`` writes an ``OutboxMessage`` row in the caller's transaction
and, once that transaction commits, hands the task to Celery. If the broker refuses (Redis
down), the request carries on and the row waits; ``drain()`` sends what is waiting, run every
minute by beat (``rcc.tasks.drain_outbox``) and by ``manage.py drain_outbox``. If the
transaction rolls back, the row and the callback go with it: nothing is sent for work that
did not happen (C34).

Each row is sent by one process at a time: a sender claims it with a conditional UPDATE
(unsent, and unclaimed or its claim lapsed), so the after-commit send and a drain, or two
drains, never both publish it. A process that dies between publishing and marking the row
sent leaves the claim to lapse and the row is sent again, so delivery is at least once; the
tasks are idempotent (ADR 0011). Without a broker (``REDIS_URL`` unset, the demo and tests)
Celery runs tasks eagerly, and "sent" means the task has run, its failure logged, not raised.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from rcc.models import OutboxMessage

logger = logging.getLogger(__name__)

CLAIM_FOR = timedelta(minutes=2)  # longer than a publish can take (connect timeout 2 s)
MAX_ATTEMPTS = 50  # about an hour of one-minute drains; then a person looks (logged as error)
KEEP_SENT_FOR = timedelta(days=7)
DRAIN_BATCH = 500


def enqueue(task: Any, *args: Any, **kwargs: Any) -> OutboxMessage:
    """Queue ``task(*args, **kwargs)`` once the current transaction commits (JSON arguments)."""
    message = OutboxMessage.objects.create(task=task.name, args=list(args), kwargs=kwargs)
    transaction.on_commit(partial(_send_now, message.pk), robust=True)
    return message


def _send_now(pk: int) -> None:
    if _claim(pk):
        _publish(OutboxMessage.objects.get(pk=pk))


def _claim(pk: int) -> bool:
    now = timezone.now()
    return (
        OutboxMessage.objects.filter(pk=pk, sent_at__isnull=True)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + CLAIM_FOR)
        == 1
    )


def _publish(message: OutboxMessage) -> bool:
    """Hand one claimed row to Celery; True when the broker took it (or, eagerly, it ran)."""
    from rcc.celery import app

    try:
        if app.conf.task_always_eager:
            if message.task not in app.tasks:
                app.loader.import_default_modules()  # every app's tasks module (autodiscovery)
            task = app.tasks[message.task]
            result = task.apply(args=message.args, kwargs=message.kwargs, throw=False)
            if result.failed():
                # It ran; its failure is the task's own (as a worker's would be), not the outbox's.
                logger.error(
                    "Could not send %s: the task failed (%s)",
                    message.task,
                    type(result.result).__name__,
                    extra={"outbox_id": message.pk},
                )
        else:
            # No publish retries: a refused broker fails at once and the row waits for a drain.
            app.send_task(message.task, args=message.args, kwargs=message.kwargs, retry=False)
    except Exception as error:
        OutboxMessage.objects.filter(pk=message.pk).update(
            attempts=F("attempts") + 1, claimed_until=None, last_error=type(error).__name__[:200]
        )
        level = logging.ERROR if message.attempts + 1 >= MAX_ATTEMPTS else logging.WARNING
        logger.log(
            level,
            "Could not send %s (%s); kept in the outbox",
            message.task,
            type(error).__name__,
            extra={"outbox_id": message.pk},
        )
        return False
    OutboxMessage.objects.filter(pk=message.pk).update(
        sent_at=timezone.now(), attempts=F("attempts") + 1, claimed_until=None, last_error=""
    )
    return True


@dataclass(frozen=True)
class Drained:
    sent: int
    waiting: int
    refused: bool  # the broker refused one: it is down, the rest wait for the next drain


def drain(limit: int = DRAIN_BATCH) -> Drained:
    """Send what is waiting, oldest first; stop at the first refusal (the broker is down)."""
    now = timezone.now()
    OutboxMessage.objects.filter(sent_at__lt=now - KEEP_SENT_FOR).delete()
    candidates = list(
        OutboxMessage.objects.filter(sent_at__isnull=True, attempts__lt=MAX_ATTEMPTS)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent, refused = 0, False
    for pk in candidates:
        if not _claim(pk):
            continue  # another sender has it
        if not _publish(OutboxMessage.objects.get(pk=pk)):
            refused = True
            break
        sent += 1
    return Drained(sent=sent, waiting=waiting(), refused=refused)


def waiting() -> int:
    return OutboxMessage.objects.filter(sent_at__isnull=True).count()
