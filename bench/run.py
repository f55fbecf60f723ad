"""National-scale benchmarks: seed England's tenancy and time the busiest pages.

Run with `make bench` (DATABASE_URL selects the database; default a throwaway SQLite file).
Prints one line per measurement; it is not a test and asserts nothing.
"""

from __future__ import annotations

import io
import os
import statistics
import sys
import tempfile
import time
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
from django.test import Client  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY  # noqa: E402

from rcc.models import AuditEvent, LocalAuthority, Region, User  # noqa: E402

AUDIT_EVENTS = 200_000


def timed(label: str, fn, repeat: int = 1) -> None:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    print(f"{label}: median {statistics.median(runs) * 1000:.1f} ms over {repeat} run(s)")


def seed_audit() -> None:
    councils = list(LocalAuthority.objects.select_related("region"))
    batch = [
        AuditEvent(
            action=f"bench.{n % 20}",
            local_authority=councils[n % len(councils)],
            region=councils[n % len(councils)].region,
            object_type="bench",
            object_id=str(n),
        )
        for n in range(AUDIT_EVENTS)
    ]
    AuditEvent.objects.bulk_create(batch, batch_size=5000)


def page(client: Client, url: str):
    def get():
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    return get


def main() -> None:
    settings.ALLOWED_HOSTS = ["*"]
    call_command("migrate", verbosity=0)
    timed(
        "seed_demo --scale national",
        lambda: call_command("seed_demo", "--scale", "national", stdout=io.StringIO()),
    )
    print(f"  {Region.objects.count()} regions, {LocalAuthority.objects.count()} councils")
    timed(f"insert {AUDIT_EVENTS:,} audit events", seed_audit)
    for email in ("commissioner.gm@demo.rcc.example", "platform.admin@demo.rcc.example"):
        user = User.objects.get(email=email)
        client = Client()
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get().persistent_id
        session.save()
        timed(f"dashboard as {email}", page(client, "/"), repeat=20)
        timed(f"audit log, first page, as {email}", page(client, "/audit/"), repeat=20)
        timed(f"audit log, page 50, as {email}", page(client, "/audit/?page=50"), repeat=10)


if __name__ == "__main__":
    main()
