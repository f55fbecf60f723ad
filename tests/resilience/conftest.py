"""One private stack for the resilience tests: PostgreSQL, Redis, a migrated, seeded database."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.resilience.stack import PYTHON, ROOT, PostgresCluster, RedisServer, manage

DATABASE = "rcc"
SECRET = "resilience-" + "s" * 60


@dataclass
class Stack:
    postgres: PostgresCluster
    redis: RedisServer
    env: dict[str, str]
    seed: dict
    directory: Path

    def log(self, name: str) -> Path:
        return self.directory / f"{name}.log"

    def sql(self, query: str, *params) -> list[tuple]:
        return self.postgres.sql(DATABASE, query, *params)


@pytest.fixture(scope="session")
def stack():
    directory = Path(tempfile.mkdtemp(prefix="rcc-resilience-"))
    postgres = PostgresCluster()
    redis = RedisServer(directory / "redis")
    try:
        postgres.init()
        postgres.sql("postgres", f"CREATE DATABASE {DATABASE}")
        redis.start()
        keep = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "DEBUG"))}
        env = {
            **keep,
            "DJANGO_SETTINGS_MODULE": "rcc.settings",
            "DEBUG": "0",  # production error pages: no tracebacks
            "DEMO_MODE": "0",
            "SECURE_TRANSPORT": "0",  # plain HTTP on 127.0.0.1
            "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": postgres.url(DATABASE),
            "REDIS_URL": redis.url(0),
            "STATIC_ROOT": str(directory / "static"),
            # Hashed names as in production, without the 30 s of compressing every file.
            "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "CELERY_VISIBILITY_TIMEOUT": "8",
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": str(ROOT),
        }
        env.pop("CI", None)
        manage(env, "migrate", "--no-input", "-v", "0")
        manage(env, "collectstatic", "--no-input", "-v", "0")
        seeded = subprocess.run(
            [PYTHON, "-m", "tests.resilience.seed"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
        seed = json.loads(seeded.stdout.strip().splitlines()[-1])
        yield Stack(postgres, redis, env, seed, directory)
    finally:
        redis.kill()
        postgres.destroy()
        shutil.rmtree(directory, ignore_errors=True)
