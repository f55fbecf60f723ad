"""Django's Redis cache, made to fail soft: with Redis down, pages still work.

Django's own backend raises on a connection error, which would turn every page that reads
the cache into a server error. Here a connection error or timeout reads as a miss: ``get``
returns the default, ``add`` and ``set`` store nothing, ``incr`` raises ``ValueError`` as it
does for a missing key. Nothing the platform needs to keep lives only in the cache
(sessions, lockouts and the outbox are in the database), so a miss is always safe. What
degrades is said in docs/security.md: rate limits count each hit as the first of its window
(they open rather than refuse the public), and the health check reports the cache as failing.

A warning is logged at most once a minute per process, so an outage does not flood the logs.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
WARN_EVERY_SECONDS = 60.0
_last_warning = 0.0


def _unavailable(operation: str, error: Exception) -> None:
    global _last_warning  # one timestamp per process; racing writers are harmless
    now = time.monotonic()
    if now - _last_warning >= WARN_EVERY_SECONDS:
        _last_warning = now
        logger.warning(
            "Cache unavailable (%s on %s): reading as a miss", type(error).__name__, operation
        )


class FailSoftRedisCacheClient(RedisCacheClient):
    def add(self, key, value, timeout) -> bool:
        try:
            return super().add(key, value, timeout)
        except UNAVAILABLE as error:
            _unavailable("add", error)
            return False

    def get(self, key, default) -> Any:
        try:
            return super().get(key, default)
        except UNAVAILABLE as error:
            _unavailable("get", error)
            return default

    def set(self, key, value, timeout) -> None:
        try:
            super().set(key, value, timeout)
        except UNAVAILABLE as error:
            _unavailable("set", error)

    def touch(self, key, timeout) -> bool:
        try:
            return super().touch(key, timeout)
        except UNAVAILABLE as error:
            _unavailable("touch", error)
            return False

    def delete(self, key) -> bool:
        try:
            return super().delete(key)
        except UNAVAILABLE as error:
            _unavailable("delete", error)
            return False

    def get_many(self, keys) -> dict:
        try:
            return super().get_many(keys)
        except UNAVAILABLE as error:
            _unavailable("get_many", error)
            return {}

    def has_key(self, key) -> bool:
        try:
            return super().has_key(key)
        except UNAVAILABLE as error:
            _unavailable("has_key", error)
            return False

    def incr(self, key, delta) -> int:
        try:
            return super().incr(key, delta)
        except UNAVAILABLE as error:
            _unavailable("incr", error)
            raise ValueError(f"Key '{key}' not found (cache unavailable)") from None

    def set_many(self, data, timeout) -> None:
        try:
            super().set_many(data, timeout)
        except UNAVAILABLE as error:
            _unavailable("set_many", error)

    def delete_many(self, keys) -> None:
        try:
            super().delete_many(keys)
        except UNAVAILABLE as error:
            _unavailable("delete_many", error)

    def clear(self) -> bool:
        try:
            return super().clear()
        except UNAVAILABLE as error:
            _unavailable("clear", error)
            return False


class FailSoftRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` whose outages read as misses."""

    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = FailSoftRedisCacheClient
