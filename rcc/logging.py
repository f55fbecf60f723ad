"""Structured JSON logs carrying the request id.

Messages are JSON-encoded, so a CR/LF smuggled into a username cannot forge a line.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime

from rcc import context

_RESERVED = set(vars(logging.makeLogRecord({})))


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
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", ""),
        }
        for key, value in vars(record).items():
            if key not in _RESERVED and key not in payload and key != "request":
                payload[key] = value if isinstance(value, (str, int, float, bool)) else str(value)
        if record.exc_info:
            payload["exception"] = self.formatException(record.exc_info)
        return json.dumps(payload)
