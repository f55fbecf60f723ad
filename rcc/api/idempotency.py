"""``Idempotency-Key`` for the API's POSTs (ADR 0022).

The first request with a key runs the action and stores its answer in the same transaction
(``IdempotencyRecord``, unique per API key and idempotency key). A retry with the same body
replays the stored answer; the same key with a different body is refused with 422. Two
concurrent first requests: the database lets one insert the record, the other waits for it
and then replays (PostgreSQL) or gets 409.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable

from django.db import IntegrityError, transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework.response import Response

from rcc import services
from rcc.models import IdempotencyRecord

HEADER = OpenApiParameter(
    name="Idempotency-Key",
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Any unique string up to 200 characters (a UUID). A retry with the same key and "
        "body gets the first answer again, without acting twice."
    ),
)
REUSED = OpenApiResponse(description="This Idempotency-Key was used with a different request body.")
IN_FLIGHT = OpenApiResponse(description="A request with this Idempotency-Key is in progress.")


def idempotent(action: Callable) -> Callable:
    @functools.wraps(action)
    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get("Idempotency-Key", "").strip()
        if not key or not hasattr(request.auth, "prefix"):
            return action(self, request, *args, **kwargs)
        if len(key) > 200:
            return Response({"detail": "Idempotency-Key is too long (200 at most)."}, status=422)
        digest = _digest(request)
        previous = services.find_idempotency_record(api_key=request.auth, key=key)
        if previous is not None:
            return _replay(previous, digest)
        return _first_time(
            lambda: action(self, request, *args, **kwargs), request.auth, key, digest
        )

    return wrapper


def _digest(request) -> str:
    return hashlib.sha256(f"{request.method} {request.path}\n".encode() + request.body).hexdigest()


def _first_time(act: Callable[[], Response], api_key, key: str, digest: str) -> Response:
    """Record the key, act and store the answer, all in one transaction."""
    try:
        with transaction.atomic():
            record = services.begin_idempotent_request(
                api_key=api_key, key=key, request_hash=digest
            )
            response = act()  # an exception (400, 404, a server error) rolls the key back
            services.store_idempotent_answer(
                record=record, status_code=response.status_code, response=response.data
            )
    except IntegrityError:  # a concurrent first request with the same key won the insert
        return _replay(services.find_idempotency_record(api_key=api_key, key=key), digest)
    return response


def _replay(record: IdempotencyRecord | None, digest: str) -> Response:
    if record is None or not record.status_code:
        return Response({"detail": "A request with this key is in progress."}, status=409)
    if record.request_hash != digest:
        return Response(
            {"detail": "This Idempotency-Key was used with a different request."}, status=422
        )
    response = Response(record.response, status=record.status_code)
    response["Idempotent-Replayed"] = "true"
    return response
