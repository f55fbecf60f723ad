"""National-scale benchmarks: seed England's tenancy and time the busiest pages.

Run with `make bench` (or `.venv/bin/python bench/run.py [--scale 1|2|4] [--record]`;
DATABASE_URL selects the database, default a throwaway SQLite file; use an empty one). ``--scale``
multiplies the audit events (200,000 at scale 1). Prints one line per measurement through
``bench/harness.py``; it is not a test and asserts nothing but a 200.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DEMO_MODE", "1")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rcc.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench import harness  # noqa: E402
from bench.providers import signed_in, timed  # noqa: E402
from rcc.models import AuditEvent, LocalAuthority, Region  # noqa: E402

AUDIT_EVENTS = 200_000


def seed_audit(events: int) -> None:
    councils = list(LocalAuthority.objects.select_related("region"))
    batch = [
        AuditEvent(
            action=f"bench.{n % 20}",
            local_authority=councils[n % len(councils)],
            region=councils[n % len(councils)].region,
            object_type="bench",
            object_id=str(n),
        )
        for n in range(events)
    ]
    AuditEvent.objects.bulk_create(batch, batch_size=5000)


def measure(report: harness.Report, client: Client, url: str, label: str, runs: int) -> None:
    reset_queries()  # DEBUG keeps only the last 9,000 queries; seeding ran more
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)

    def get():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    report.time(label, get, runs, note=f"{len(queries)} SQL queries")


def main() -> None:
    args = harness.arguments(__doc__.splitlines()[0])
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    timed(
        "seed_demo --scale national",
        lambda: call_command("seed_demo", "--scale", "national", stdout=io.StringIO()),
    )
    events = AUDIT_EVENTS * args.scale
    timed(f"insert {events:,} audit events", lambda: seed_audit(events))
    report = harness.Report("run", "Dashboard and audit log (`bench/run.py`)", args.scale)
    report.note(
        f"{Region.objects.count()} regions, {LocalAuthority.objects.count()} councils, "
        f"{AuditEvent.objects.count():,} audit events; database: {connection.vendor}"
    )
    runs = args.rounds or 20
    for email in ("commissioner.gm@demo.rcc.example", "platform.admin@demo.rcc.example"):
        client = signed_in(email)
        measure(report, client, "/", f"dashboard as {email}", runs)
        measure(report, client, "/audit/", f"audit log, first page, as {email}", runs)
        measure(report, client, "/audit/?page=50", f"audit log, page 50, as {email}", runs)
    report.finish(args.record)


if __name__ == "__main__":
    main()
