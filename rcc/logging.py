"""Structured JSON logs carrying the request id, with personal data kept out (C31).

Messages are JSON-encoded, so a CR/LF smuggled into a username cannot forge a line.

What could carry personal data is redacted before a line is written: email addresses, UK
postcodes and anything given as a password, secret, token or key in the message and extra
fields; and the message of an exception, since database errors repeat the values they refused
(``Key (name)=(…) already exists``) and ours may name the record. An exception keeps its
type and stack, which is what an operator needs; only infrastructure errors (a refused
connection, a timeout) keep their message, which names hosts and ports, never people.
Children's names are never logged by the application itself: views and services log ids.
"""

from __future__ import annotations

import json
import logging
import re
import traceback
from datetime import UTC, datetime

from rcc import context

_RESERVED = set(vars(logging.makeLogRecord({})))

_EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(\.[\w-]+)+")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
_SECRET = re.compile(
    r"(?P<key>password\d?|passwd|secret|token|api[_-]?key|otp_token)"
    r"(?P<sep>['\"]?\s*[:=]\s*['\"]?)(?P<value>[^\s'\",&}]+)",
    re.IGNORECASE,
)
# Exceptions whose messages describe infrastructure (hosts, ports, timeouts), not records.
_INFRASTRUCTURE_ERRORS = (
    "OperationalError",
    "InterfaceError",
    "ConnectionError",
    "TimeoutError",
    "ConnectionRefusedError",
    "OSError",
    "SoftTimeLimitExceeded",
)


def redact(text: str) -> str:
    text = _SECRET.sub(lambda m: f"{m['key']}{m['sep']}[redacted]", text)
    text = _EMAIL.sub("[email]", text)
    return _POSTCODE.sub("[postcode]", text)


def format_exception(exc_info) -> str:
    kind, value, tb = exc_info
    stack = "".join(traceback.format_tb(tb)) if tb else ""
    name = getattr(kind, "__name__", str(kind))
    if name in _INFRASTRUCTURE_ERRORS:
        message = redact(str(value))
    else:
        message = "[message withheld: it may hold personal data]"
    return f"Traceback (most recent call last):\n{stack}{name}: {message}"


class RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = context.current().request_id
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage()),
            "request_id": getattr(record, "request_id", ""),
        }
        for key, value in vars(record).items():
            if key not in _RESERVED and key not in payload and key != "request":
                if isinstance(value, (int, float, bool)):
                    payload[key] = value
                else:
                    payload[key] = redact(str(value))
        if record.exc_info:
            payload["exception"] = format_exception(record.exc_info)
        return json.dumps(payload)
