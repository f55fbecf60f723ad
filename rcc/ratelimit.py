"""Rate limits for public forms, counted in Django's cache (locmem in tests, Redis in production).

A fixed window per (bucket, key): the first hit of a window creates its counter with the
window as its lifetime, later hits increment it. ``cache.add`` and ``cache.incr`` are atomic
in Redis, so several web workers share one count; locmem is per process, which is enough
for a demo and for tests, and the settings refuse to start with DEBUG off and no REDIS_URL.
Keys (addresses, emails) are hashed, so the cache never holds them in clear.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.crypto import salted_hmac


@dataclass(frozen=True)
class Rate:
    """At most ``limit`` hits per ``seconds``."""

    limit: int
    seconds: int

    def __post_init__(self) -> None:
        if self.limit < 1 or self.seconds < 1:
            raise ValueError("A rate needs a positive limit and window")


def _cache_key(bucket: str, key: str, rate: Rate) -> str:
    window = int(time.time()) // rate.seconds
    digest = salted_hmac("rcc.ratelimit", f"{bucket}\x00{key}").hexdigest()[:32]
    return f"ratelimit:{bucket}:{rate.seconds}:{window}:{digest}"


def hit(bucket: str, key: str, rate: Rate) -> bool:
    """Count one hit of ``key`` in ``bucket``; True while it is within ``rate``.

    Every call counts, allowed or not, so hammering past the limit keeps it shut
    until the window ends.
    """
    cache_key = _cache_key(bucket, key.strip().lower(), rate)
    if cache.add(cache_key, 1, timeout=rate.seconds):
        return True
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: this hit opens a new window
        cache.set(cache_key, 1, timeout=rate.seconds)
        count = 1
    return count <= rate.limit
