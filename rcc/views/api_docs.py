"""The API reference for signed-in staff who may hold a key, generated from the OpenAPI schema
(a GOV.UK page with no scripts, so no CDN and the strict CSP hold), and the schema itself."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from django.contrib.auth.decorators import permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET
from drf_spectacular.generators import SchemaGenerator

from rcc import access
from rcc.presenters import api_docs


@lru_cache(maxsize=1)
def _schema() -> dict[str, Any]:
    """The schema is the same for everyone (scope filters data, not operations)."""
    return SchemaGenerator().get_schema(request=None, public=True)


@require_GET
@permission_required(access.VIEW_API_DOCS, raise_exception=True)
def reference(request: HttpRequest) -> HttpResponse:
    schema = _schema()
    return render(
        request,
        "rcc/api_docs.html",
        {
            "title": "API reference",
            "info": schema.get("info", {}),
            "groups": api_docs.groups(schema),
        },
    )


@require_GET
@permission_required(access.VIEW_API_DOCS, raise_exception=True)
def schema_download(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(json.dumps(_schema(), indent=1), content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="rcc-api-openapi.json"'
    return response
