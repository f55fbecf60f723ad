"""A burst against gunicorn: 200 requests at concurrency 10 to an API list, a signed-in page and
a public page, on PostgreSQL and Redis, DEBUG off. Targets (issue 19): 0 errors, p95 at most
300 ms each.

Run with ``.venv/bin/python bench/burst.py [--workers N] [--threads N] [--record]`` after
``bench/placements.py`` has seeded the database (``DATABASE_URL``, default
``postgres://postgres@127.0.0.1:5432/bench_i19``; ``--scale`` is that database's scale, for the
record only). Redis: ``REDIS_URL``, default ``redis://127.0.0.1:6379/9`` (a database number of
its own). The bench starts gunicorn itself, with these settings (as ``Dockerfile`` does, plus
what a plain-HTTP bench needs):

* ``gunicorn rcc.wsgi:application --workers W --threads T --bind 127.0.0.1:<free port>``
  (defaults ``--workers 4 --threads 1``, sync workers: see ``docs/adr/0016-bench-harness.md``);
* ``DEBUG=0``, ``SECURE_TRANSPORT=0`` (no TLS on 127.0.0.1), a random ``SECRET_KEY``,
  ``DATABASE_CONN_MAX_AGE=60`` (the default: connections kept), ``LOG_LEVEL=WARNING``,
  static files collected once into a temporary folder (``ManifestStaticFilesStorage``),
  ``API_REQUESTS_PER_MINUTE=100000`` (the limiter still runs, in Redis, but does not refuse the
  bench's key).

Each path gets 10 requests to warm the workers, then 200 from 10 threads (each with its own
keep-alive ``requests.Session``); the client runs on the same 2 CPUs, so the figures include its
cost. The load average is printed beside each figure: other work on the machine slows it.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_i19")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/9")

from bench import harness  # noqa: E402

REQUESTS = 200
CONCURRENCY = 10
P95_TARGET_MS = 300
COMMISSIONER = "commissioner.gm@demo.rcc.example"
PATHS = {
    "API list": "/api/v1/vacancies/",
    "signed-in page": "/market/vacancies/",
    "public page": "/fostering/greater-manchester/",
}


def server_env(static_root: Path) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "DEBUG"))}
    return {
        **keep,
        "DJANGO_SETTINGS_MODULE": "rcc.settings",
        "DEBUG": "0",
        "DEMO_MODE": "0",
        "SECURE_TRANSPORT": "0",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": str(static_root),
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
        "API_REQUESTS_PER_MINUTE": "100000",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def credentials(env: dict[str, str]) -> tuple[str, str]:
    """A signed-in, second-factor-verified session of the GM commissioner and an API key of
    theirs, made in a child process with the server's settings."""
    code = """
import django, json, sys
django.setup()
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from rcc.models import Membership, User
from rcc.services import issue_api_key
user = User.objects.get(email=sys.argv[1])
now = timezone.now().isoformat()
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session[DEVICE_ID_SESSION_KEY] = user.totpdevice_set.get(confirmed=True).persistent_id
session["signed_in_at"] = now
session["seen_at"] = now
session.create()
membership = Membership.objects.filter(user=user).first()
key = issue_api_key(actor=None, membership=membership, name="bench burst")[1]
print(json.dumps([session.session_key, key]))
"""
    import json

    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code, COMMISSIONER],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    session, key = json.loads(done.stdout.strip().splitlines()[-1])
    return session, key


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(env: dict[str, str], workers: int, threads: int, log: Path):
    import requests

    port = free_port()
    command = [
        str(Path(sys.executable).parent / "gunicorn"), "rcc.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
        "--timeout", "30", "--graceful-timeout", "2", "--backlog", "512",
    ]  # fmt: skip
    process = subprocess.Popen(  # noqa: S603
        command, env=env, cwd=ROOT, stdout=log.open("w"), stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if requests.get(f"{base}/healthz", timeout=2).status_code == 200:
                return base, process
        except requests.RequestException:
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"gunicorn did not start: {log.read_text()[-2000:]}")


def burst(
    base: str, path: str, headers: dict, cookies: dict
) -> tuple[list[float], list[int], float]:
    import threading

    import requests

    local = threading.local()

    def one(_: int) -> tuple[float, int]:
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.headers.update(headers)
            local.session.cookies.update(cookies)
        started = time.perf_counter()
        try:
            status = local.session.get(base + path, timeout=60).status_code
        except requests.RequestException:
            status = 0
        return time.perf_counter() - started, status

    with ThreadPoolExecutor(CONCURRENCY) as pool:
        list(pool.map(one, range(CONCURRENCY)))  # warm every worker and connection
        started = time.perf_counter()
        results = list(pool.map(one, range(REQUESTS)))
        wall = time.perf_counter() - started
    return [s for s, _ in results], [status for _, status in results], wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=1)
    args = harness.arguments("", parser)
    work = Path(tempfile.mkdtemp(prefix="bench-burst-"))
    env = server_env(work / "static")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        env=env, cwd=ROOT, check=True,
    )  # fmt: skip
    session, key = credentials(env)
    log = work / "gunicorn.log"
    base, server = start_gunicorn(env, args.workers, args.threads, log)
    title = (
        f"A burst against gunicorn (`bench/burst.py`, {args.workers} workers x "
        f"{args.threads} threads, PostgreSQL, Redis, DEBUG off)"
    )
    report = harness.Report(
        "burst",
        title,
        args.scale,
        header=("path", "errors", "p50 / p95 / max", "requests a second", "load", "target"),
    )
    report.note(f"{REQUESTS} requests at concurrency {CONCURRENCY} per path, after 10 to warm up")
    try:
        for name, path in PATHS.items():
            headers = {"Authorization": f"Api-Key {key}"} if name == "API list" else {}
            cookies = {"sessionid": session} if name == "signed-in page" else {}
            before = harness.load()
            seconds, statuses, wall = burst(base, path, headers, cookies)
            errors = sum(status != 200 for status in statuses)
            ms = sorted(s * 1000 for s in seconds)
            p95 = harness.percentile(ms, 0.95)
            p50 = harness.percentile(ms, 0.5)
            verdict = "meets" if errors == 0 and p95 <= P95_TARGET_MS else "MISSES"
            report.row(
                f"{name}: `{path}`",
                f"{errors} of {REQUESTS}" + (f" ({sorted(set(statuses))})" if errors else ""),
                f"{p50:.0f} / {p95:.0f} / {ms[-1]:.0f} ms",
                f"{REQUESTS / wall:.0f}",
                f"{before}-{harness.load()}",
                f"{verdict} 0 errors, p95 <= {P95_TARGET_MS} ms",
            )
    finally:
        server.terminate()
        server.wait(10)
    report.finish(args.record)


if __name__ == "__main__":
    main()
