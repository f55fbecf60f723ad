"""Real services for the resilience tests, started and stopped by the tests themselves.

Hermetic: a private PostgreSQL cluster (``initdb`` in a temporary directory, as the
``postgres`` user when run as root, since ``initdb`` refuses root), a private ``redis-server``,
gunicorn and Celery workers as subprocesses, each on a free port. The machine's shared
PostgreSQL and Redis are never touched. A missing binary fails the test: CI has them all.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import redis as redis_lib

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
VENV_BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(predicate: Callable[[], object], timeout: float, what: str) -> object:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = predicate()
        except Exception:
            value = None
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def binary(name: str, *extra_dirs: str) -> str:
    for directory in extra_dirs:
        candidate = Path(directory) / name
        if candidate.exists():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        raise AssertionError(f"{name} is needed for the resilience tests and was not found")
    return found


def postgres_bin(name: str) -> str:
    return binary(name, *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True))


class RedisServer:
    """A private redis-server; ``appendonly`` for the durability test."""

    def __init__(self, directory: Path, *, appendonly: bool = False) -> None:
        self.port = free_port()
        self.directory = directory
        self.appendonly = appendonly
        self.process: subprocess.Popen | None = None

    def url(self, db: int = 0) -> str:
        return f"redis://127.0.0.1:{self.port}/{db}"

    def client(self, db: int = 0) -> redis_lib.Redis:
        return redis_lib.Redis(port=self.port, db=db, socket_connect_timeout=1)

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        args = [binary("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1"]
        args += ["--save", "", "--dir", str(self.directory)]
        if self.appendonly:
            args += ["--appendonly", "yes", "--appendfsync", "always"]
        else:
            args += ["--appendonly", "no"]
        self.process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(lambda: self.client().ping(), 10, "redis-server to answer")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)


class PostgresCluster:
    """A throwaway cluster; ``restart()`` drops every connection, as a real restart does."""

    def __init__(self) -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="rcc-resilience-pg-"))
        self.data = self.directory / "data"
        self.port = free_port()
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.directory, "postgres")

    def _run(self, *args: str, timeout: float = 60) -> None:
        command = list(args)
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=timeout)

    def init(self) -> None:
        self._run(
            postgres_bin("initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
        )
        self.start()

    def _options(self) -> str:
        return (
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )

    def start(self) -> None:
        self._run(
            postgres_bin("pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            self._options(),
            "-l",
            str(self.directory / "log"),
            "-w",
            "start",
        )

    def stop(self) -> None:
        self._run(postgres_bin("pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop")

    def restart(self) -> None:
        self._run(
            postgres_bin("pg_ctl"),
            "-D",
            str(self.data),
            "-o",
            self._options(),
            "-l",
            str(self.directory / "log"),
            "-m",
            "fast",
            "-w",
            "restart",
        )

    def url(self, db: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{db}"

    def sql(self, db: str, query: str, *params) -> list[tuple]:
        import psycopg

        with psycopg.connect(self.url(db), autocommit=True, connect_timeout=5) as conn:
            cursor = conn.execute(query, params)
            return cursor.fetchall() if cursor.description else []

    def destroy(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.directory, ignore_errors=True)


class Process:
    """A subprocess in its own process group, so a kill takes its children too."""

    def __init__(self, args: list[str], env: dict[str, str], log: Path) -> None:
        self.log = log
        self._log_file = log.open("ab")
        self.process = subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)
        self._log_file.close()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def gunicorn(env: dict[str, str], log: Path, *, workers: int = 3, threads: int = 8) -> tuple:
    port = free_port()
    process = Process(
        [
            str(VENV_BIN / "gunicorn"),
            "rcc.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "30",
            "--graceful-timeout",
            "2",
            "--backlog",
            "512",
        ],
        env,
        log,
    )
    base = f"http://127.0.0.1:{port}"
    import requests

    wait_until(lambda: requests.get(f"{base}/healthz", timeout=2).status_code, 30, "gunicorn")
    return base, process


def celery_worker(env: dict[str, str], log: Path, *, module: str | None = None) -> Process:
    """One prefork worker process with one child, as production runs them (late acks)."""
    args = [
        "worker",
        "--concurrency",
        "1",
        "--pool",
        "prefork",
        "--loglevel",
        "INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    if module:  # a wrapper that patches something before starting the worker
        command = [PYTHON, "-m", module, *args]
    else:
        command = [PYTHON, "-m", "celery", "-A", "rcc", *args]
    return Process(command, env, log)


def manage(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout
