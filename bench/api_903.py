"""The national SSDA903 episodes export through the API, on PostgreSQL: time and peak memory.

Run with ``.venv/bin/python bench/api_903.py [--reuse] [--scale 1|2|4] [--rounds N] [--record]``.
PostgreSQL only: DATABASE_URL,
default ``postgres://postgres@127.0.0.1:5432/rcc_hapi_bench``, which the script drops and
creates (``--reuse`` keeps a seeded one). Seeds as ``bench/ssda903.py`` does (153 councils,
about 84,000 children, about 130,000 episodes open in 2025/26), issues a DfE analyst key, then,
in a child process that reads its own peak memory (VmHWM; ru_maxrss would carry the
parent's), requests
``GET /api/v1/ssda903/2026/episodes/?format=csv`` through Django's WSGI handler and reads the
streamed answer line by line; ``--rounds`` times (3 by default). Not a test: it prints its
figures through ``bench/harness.py``.
"""

from __future__ import annotations

import argparse
import os
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

from bench import harness  # noqa: E402
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

    started = harness.own_peak_mb()
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
    print(f"status={response.status_code} lines={lines} bytes={size} first={first:.4f}",
          f"total={total:.4f} startup_mb={started:.0f}")  # fmt: skip
    harness.print_own_peak()


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child(sys.argv[2])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="a database this script seeded")
    args = harness.arguments("", parser)
    _setup(fresh=not args.reuse)
    if not args.reuse:
        started = time.perf_counter()
        _seed(args.scale)
        print(f"seeded in {time.perf_counter() - started:.0f} s")
    from placements.models import CareEpisode
    from rcc.models import AuditEvent

    title = "The national 903 episodes export through the API (`bench/api_903.py`)"
    report = harness.Report("api_903", title, args.scale)
    report.note(f"{CareEpisode.objects.count():,} episodes in the database")
    secret = _key()
    runs = []
    for _ in range(args.rounds or 3):
        output, peak = harness.run_child([sys.executable, __file__, "--child", secret])
        figures = dict(part.split("=") for part in output.split())
        assert figures["status"] == "200", figures
        runs.append({**figures, "peak_mb": peak})
    load = harness.load()
    total = harness.summarise([float(r["total"]) for r in runs])
    first = harness.summarise([float(r["first"]) for r in runs])
    peaks = harness.summarise([r["peak_mb"] for r in runs])
    lines = f"{int(runs[0]['lines']):,} lines, {int(runs[0]['bytes']):,} bytes"
    report.row("GET /api/v1/ssda903/2026/episodes/?format=csv, whole answer", f"{total.s()} s",
               load, lines)  # fmt: skip
    report.row("first line", f"{first.s()} s", load, "")
    report.row(
        "peak memory of the process serving it (its VmHWM)",
        f"{peaks.min:.0f} / {peaks.median:.0f} / {peaks.max:.0f} MB",
        load,
        f"after Django's start-up: {runs[0]['startup_mb']} MB",
    )
    event = AuditEvent.objects.filter(action="api.export").order_by("-id").first()
    report.note(f"audit: {event.metadata['summary']} completed={event.metadata['completed']}")
    report.finish(args.record)


if __name__ == "__main__":
    main()
