"""``Idempotency-Key`` for the API's POSTs (ADR 0018).

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
        api_key = request.auth
        if not key or not hasattr(api_key, "prefix"):
            return action(self, request, *args, **kwargs)
        if len(key) > 200:
            return Response({"detail": "Idempotency-Key is too long (200 at most)."}, status=422)
        digest = hashlib.sha256(
            f"{request.method} {request.path}\n".encode() + request.body
        ).hexdigest()
        previous = IdempotencyRecord.objects.filter(api_key=api_key, key=key).first()
        if previous is not None:
            return _replay(previous, digest)
        try:
            with transaction.atomic():
                record = IdempotencyRecord.objects.create(
                    api_key=api_key, key=key, request_hash=digest
                )
                response = action(self, request, *args, **kwargs)
                if response.status_code >= 500:
                    raise _Unstored(response)
                record.status_code = response.status_code
                record.response = response.data
                record.save(update_fields=["status_code", "response"])
        except _Unstored as unstored:
            return unstored.response
        except IntegrityError:
            previous = IdempotencyRecord.objects.filter(api_key=api_key, key=key).first()
            if previous is None or not previous.status_code:
                return Response({"detail": "A request with this key is in progress."}, 409)
            return _replay(previous, digest)
        return response

    return wrapper


class _Unstored(Exception):
    def __init__(self, response):
        self.response = response


def _replay(record: IdempotencyRecord, digest: str) -> Response:
    if record.request_hash != digest:
        return Response(
            {"detail": "This Idempotency-Key was used with a different request."}, status=422
        )
    response = Response(record.response, status=record.status_code)
    response["Idempotent-Replayed"] = "true"
    return response
