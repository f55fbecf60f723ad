"""Signing webhook deliveries (pure): HMAC-SHA256 over ``timestamp + "." + body``.

Header: ``X-RCC-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex with the previous secret>]``.
A receiver recomputes the HMAC with its secret, compares in constant time, and refuses a
timestamp more than five minutes old (replays).
"""

from __future__ import annotations

import hashlib
import hmac
import time

TOLERANCE_SECONDS = 300


def signature(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def header(secrets: list[str], timestamp: int, body: bytes) -> str:
    return ",".join([f"t={timestamp}", *(f"v1={signature(s, timestamp, body)}" for s in secrets)])


def verify(secret: str, value: str, body: bytes, *, now: float | None = None) -> bool:
    """What a provider's system does with the header (used by our tests and the guide)."""
    parts = [item.split("=", 1) for item in value.split(",") if "=" in item]
    timestamps = [v for k, v in parts if k == "t"]
    if len(timestamps) != 1 or not timestamps[0].isdigit():
        return False
    timestamp = int(timestamps[0])
    if abs((now if now is not None else time.time()) - timestamp) > TOLERANCE_SECONDS:
        return False
    expected = signature(secret, timestamp, body)
    return any(hmac.compare_digest(expected, v) for k, v in parts if k == "v1")
