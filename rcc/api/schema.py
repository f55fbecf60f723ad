"""The OpenAPI schema documents every answer an operation can give, errors included.

DRF answers the same way on every endpoint when a request fails: 401 without a valid key (with
a ``WWW-Authenticate: Api-Key`` challenge), 403 when the key's role may not use the endpoint,
404 for a missing or out-of-scope object or page, 429 over the key's rate (with
``Retry-After``), and 400 for bad query parameters or bodies. drf-spectacular only documents
what a view declares, so this post-processing hook adds the shared ones to every operation that
does not declare its own; a test walks the schema to prove none is missing.
"""

from __future__ import annotations

from typing import Any

PROBLEM = "Problem"
FIELD_ERRORS = "FieldErrors"
METHODS = ("get", "post", "put", "patch", "delete")


def _problem(description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{PROBLEM}"}}},
    }
    if headers:
        response["headers"] = headers
    return response


ERROR_RESPONSES: dict[str, dict[str, Any]] = {
    "401": _problem(
        "No API key, or a wrong, revoked or deactivated one. Send `Authorization: Api-Key <key>`.",
        {
            "WWW-Authenticate": {
                "schema": {"type": "string", "enum": ["Api-Key"]},
                "description": "The authentication scheme to use.",
            }
        },
    ),
    "403": _problem("The key's role may not use this endpoint."),
    "404": _problem(
        "No such object or page in the key's scope (another region's objects are not found)."
    ),
    "429": _problem(
        "Too many requests with this key; try again after `Retry-After` seconds.",
        {
            "Retry-After": {
                "schema": {"type": "integer", "minimum": 1},
                "description": "Seconds until the key may be used again.",
            }
        },
    ),
}
BAD_REQUEST = {
    "description": "A query parameter or field was not valid; each name maps to its messages.",
    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{FIELD_ERRORS}"}}},
}
SCHEMAS = {
    PROBLEM: {
        "type": "object",
        "properties": {"detail": {"type": "string", "description": "What went wrong."}},
        "required": ["detail"],
    },
    FIELD_ERRORS: {
        "type": "object",
        "description": "Field or parameter name -> messages (`non_field_errors` for the whole).",
        "additionalProperties": True,
    },
}


def document_error_responses(result: dict[str, Any], generator, request, public) -> dict[str, Any]:
    """drf-spectacular post-processing hook (``SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]``)."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    for name, schema in SCHEMAS.items():
        schemas.setdefault(name, schema)
    for path_item in result.get("paths", {}).values():
        for method in METHODS:
            operation = path_item.get(method)
            if operation is not None:
                _add_errors(operation)
    return result


def _add_errors(operation: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    for status, response in ERROR_RESPONSES.items():
        declared = responses.setdefault(status, response)
        # A view's own description stays; the shared body and headers are filled in.
        for part in ("content", "headers"):
            if part in response:
                declared.setdefault(part, response[part])
    has_query = any(p.get("in") == "query" for p in operation.get("parameters", []))
    if has_query or "requestBody" in operation:
        responses.setdefault("400", BAD_REQUEST)
