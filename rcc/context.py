"""Per-request facts that services and logs need without being handed the request."""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    ip_address: str | None = None
    acting_role: str = ""


_current: ContextVar[RequestContext] = ContextVar("rcc_request", default=RequestContext())  # noqa: B039 (frozen)


def current() -> RequestContext:
    return _current.get()


def set_current(ctx: RequestContext):
    return _current.set(ctx)


def reset(token) -> None:
    _current.reset(token)
