"""The Celery app. Without REDIS_URL, settings make every task run eagerly in-process."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rcc.settings")

app = Celery("rcc")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Schedules live in code, beside the tasks they run.
app.conf.beat_schedule = {
    "drain-outbox": {
        "task": "rcc.tasks.drain_outbox",
        "schedule": 60.0,
    },
    "clear-expired-sessions": {
        "task": "rcc.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=15),
    },
    "delete-stale-fostering-enquiries": {
        "task": "fostering.tasks.delete_stale_enquiries_task",
        "schedule": crontab(hour=3, minute=30),
    },
    "nightly-region-forecasts": {
        "task": "sufficiency.tasks.run_all_region_forecasts",
        "schedule": crontab(hour=2, minute=30),
    },
    "notify-referrals-without-offers": {
        "task": "placements.tasks.notify_referrals_without_offers",
        "schedule": crontab(minute=5),
    },
    "notify-overdue-fostering-enquiries": {
        "task": "fostering.tasks.notify_overdue_enquiries",
        "schedule": crontab(minute=10),
    },
    "warn-providers-of-deadlines": {  # ADR 0022: webhooks
        "task": "placements.tasks.warn_of_deadlines",
        "schedule": 900.0,
    },
}
