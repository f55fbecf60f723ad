"""Health check, Celery set-up, membership constraints and the scoping lint."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction

from rcc.celery import app as celery_app
from rcc.lint import check_source
from rcc.models import Membership
from rcc.roles import Role
from tests.factories import UserFactory


def test_healthz_reports_each_dependency(client, settings, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    broker = "ok" if settings.REDIS_URL else "eager"  # CI runs with Redis as the broker
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "cache": "ok",
        "broker": broker,
        "nightly": "none",
        "outbox_waiting": 0,
    }


def test_healthz_reports_a_late_nightly_forecast_and_waiting_work(client, home):
    from datetime import date, timedelta

    from django.utils import timezone

    from rcc.models import OutboxMessage
    from sufficiency.models.forecast import ForecastRun

    run = ForecastRun.objects.create(
        region=home.region, as_of=date(2026, 4, 1), finished_at=timezone.now() - timedelta(hours=27)
    )
    OutboxMessage.objects.create(task="rcc.tasks.send_email")
    body = client.get("/healthz").json()
    assert (body["nightly"], body["outbox_waiting"]) == ("late", 1)
    ForecastRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    assert client.get("/healthz").json()["nightly"] == "ok"


def test_healthz_fails_when_the_broker_is_down(client, settings, db):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz")
    finally:
        celery_app.conf.broker_url = settings.CELERY_BROKER_URL
    assert response.status_code == 503
    assert response.json()["broker"] == "fail"


def test_tasks_run_eagerly_without_a_broker(settings):
    assert settings.CELERY_TASK_ALWAYS_EAGER is (not settings.REDIS_URL)
    assert "clear-expired-sessions" in celery_app.conf.beat_schedule


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.SOCIAL_WORKER, {}),  # a council role with no council
        (Role.COMMISSIONER, {"local": True}),  # a region role given a council
        (Role.PLATFORM_ADMIN, {"region": True}),  # a national role given a region
    ],
)
def test_a_membership_must_carry_the_scope_its_role_needs(role, scope, home):
    kwargs = {}
    if scope.get("local"):
        kwargs["local_authority"] = home.council
    if scope.get("region"):
        kwargs["region"] = home.region
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=UserFactory(), role=role, **kwargs)


def test_the_same_role_over_the_same_scope_is_held_once(home):
    user = home.people[Role.SOCIAL_WORKER]
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.SOCIAL_WORKER, local_authority=home.council)


def test_the_scoping_lint_passes_on_the_project():
    call_command("lint_scoping")


def test_the_scoping_lint_catches_direct_queries_in_views():
    source = (
        "from django.shortcuts import get_object_or_404\n"
        "def view(request, pk):\n"
        "    a = AuditEvent.objects.filter(pk=pk)\n"
        "    b = get_object_or_404(Membership, pk=pk)\n"
        "    c = Region.objects.all()\n"
    )
    findings = check_source(Path("x/views.py"), source, {"AuditEvent", "Membership"})
    assert [(f.line, f.model) for f in findings] == [(3, "AuditEvent"), (4, "Membership")]


def test_the_scoping_lint_reads_every_kind_of_delivery_module(tmp_path):
    from rcc.lint import delivery_modules

    app = tmp_path / "app"
    (app / "views").mkdir(parents=True)
    for name in (
        "views.py",
        "api.py",
        "views_hub.py",
        "public_views.py",
        "views/pages.py",
        "models.py",
        "selectors.py",
    ):
        (app / name).write_text("")
    found = {p.relative_to(app).as_posix() for p in delivery_modules(tmp_path, ["app"])}
    assert found == {"views.py", "api.py", "views_hub.py", "public_views.py", "views/pages.py"}
