"""The national SSDA903 episodes export through the API, on PostgreSQL: time and peak memory.

Run with ``.venv/bin/python bench/api_903.py [--reuse]``. PostgreSQL only: DATABASE_URL,
default ``postgres://postgres@127.0.0.1:5432/rcc_hapi_bench``, which the script drops and
creates (``--reuse`` keeps a seeded one). Seeds as ``bench/ssda903.py`` does (153 councils,
about 84,000 children, about 130,000 episodes open in 2025/26), issues a DfE analyst key, then,
in a child process (so its peak RSS is its own), requests
``GET /api/v1/ssda903/2026/episodes/?format=csv`` through Django's WSGI handler and reads the
streamed answer line by line. Not a test: it prints its figures.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/rcc_hapi_bench")
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rcc.settings")
os.environ.pop("REDIS_URL", None)
os.environ["API_REQUESTS_PER_MINUTE"] = "100000"
os.environ["ALLOWED_HOSTS"] = "testserver"  # Django's test client, used as a plain HTTP client

from bench.ssda903 import _seed, _setup  # noqa: E402 (after the environment is set)


def _key() -> str:
    from rcc.models import Membership, User
    from rcc.roles import Role
    from rcc.services import issue_api_key

    user, _ = User.objects.get_or_create(email="bench.dfe@example.org", full_name="DfE bench")
    membership, _ = Membership.objects.get_or_create(user=user, role=Role.DFE_ANALYST)
    return issue_api_key(actor=None, membership=membership, name="bench")[1]


def _child(secret: str) -> None:
    _setup(fresh=False)
    from django.test import Client

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    client = Client(HTTP_AUTHORIZATION=f"Api-Key {secret}")
    response = client.get("/api/v1/ssda903/2026/episodes/?format=csv")
    first = None
    lines = size = 0
    for chunk in response.streaming_content:
        if first is None:
            first = time.perf_counter() - start
        lines += 1
        size += len(chunk)
    response.close()
    total = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"status={response.status_code} lines={lines} bytes={size} first_line_s={first:.3f}",
        f"total_s={total:.2f} rss_before_mb={before / 1024:.0f} rss_peak_mb={peak / 1024:.0f}",
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2])
        return
    reuse = "--reuse" in sys.argv
    _setup(fresh=not reuse)
    if not reuse:
        started = time.perf_counter()
        _seed()
        print(f"seeded in {time.perf_counter() - started:.0f} s")
    from placements.models import CareEpisode
    from rcc.models import AuditEvent

    print(f"episodes in the database: {CareEpisode.objects.count()}")
    secret = _key()
    subprocess.run([sys.executable, __file__, "--child", secret], check=True)  # noqa: S603
    event = AuditEvent.objects.filter(action="api.export").order_by("-id").first()
    print(f"audit: {event.metadata['summary']} completed={event.metadata['completed']}")


if __name__ == "__main__":
    main()
