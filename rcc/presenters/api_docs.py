"""The API reference page's content, read from the OpenAPI schema: one source for the fuzzer,
the key holders' JSON and the staff page. Pure: takes the schema dict, returns plain rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Parameter:
    name: str
    location: str  # path, query
    required: bool
    kind: str
    description: str


@dataclass(frozen=True)
class Field:
    name: str
    kind: str
    description: str


@dataclass(frozen=True)
class Answer:
    status: str
    description: str
    media_types: tuple[str, ...]
    headers: tuple[str, ...]


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    anchor: str
    description: str
    parameters: list[Parameter]
    answers: list[Answer]
    fields: list[Field] = field(default_factory=list)  # of a successful JSON answer's rows


@dataclass(frozen=True)
class Group:
    name: str
    operations: list[Operation]


def groups(schema: dict[str, Any]) -> list[Group]:
    """Operations grouped by their resource (the first path segment after the version)."""
    found: dict[str, list[Operation]] = {}
    for path, item in sorted(schema.get("paths", {}).items()):
        for method in METHODS:
            if method in item:
                operation = _operation(schema, path, method, item[method])
                found.setdefault(_resource(path), []).append(operation)
    return [Group(name, operations) for name, operations in sorted(found.items())]


def _resource(path: str) -> str:
    parts = [p for p in path.split("/") if p and p not in ("api", "v1")]
    return parts[0] if parts else path


def _operation(schema: dict, path: str, method: str, op: dict) -> Operation:
    return Operation(
        method=method.upper(),
        path=path,
        anchor=op.get("operationId", f"{method}-{path}").replace("_", "-"),
        description=op.get("description", ""),
        parameters=[_parameter(p) for p in op.get("parameters", [])],
        answers=[_answer(status, r) for status, r in sorted(op.get("responses", {}).items())],
        fields=_fields(schema, op.get("responses", {})),
    )


def _parameter(p: dict) -> Parameter:
    return Parameter(
        p["name"], p["in"], bool(p.get("required")), kind(p.get("schema", {})), _one_line(p)
    )


def _one_line(p: dict) -> str:
    return p.get("description", "").split("\n\n")[0]


def _answer(status: str, response: dict) -> Answer:
    return Answer(
        status,
        response.get("description", "") or ("Success" if status.startswith("2") else ""),
        tuple(response.get("content", {})),
        tuple(response.get("headers", {})),
    )


def kind(schema: dict) -> str:
    """A short human description of a JSON schema: "integer", "date", "one of: a, b"."""
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "enum" in schema:
        return "one of: " + ", ".join(str(v) for v in schema["enum"] if v not in ("", None))
    if "allOf" in schema:
        return " and ".join(kind(s) for s in schema["allOf"])
    if schema.get("type") == "array":
        return f"list of {kind(schema.get('items', {}))}"
    text = schema.get("format") or schema.get("type") or "any"
    if "pattern" in schema:
        text += f" matching {schema['pattern']}"
    return text + (" or null" if schema.get("nullable") else "")


def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[-1]]
    return node


def _fields(schema: dict, responses: dict) -> list[Field]:
    """Fields of the rows of the first 2xx JSON answer (a page's ``results`` items)."""
    for status, response in sorted(responses.items()):
        body = response.get("content", {}).get("application/json", {}).get("schema")
        if not status.startswith("2") or body is None:
            continue
        node = _resolve(schema, body)
        if node.get("type") == "array":
            node = _resolve(schema, node.get("items", {}))
        results = node.get("properties", {}).get("results")
        if results and results.get("type") == "array":
            node = _resolve(schema, results.get("items", {}))
        return [
            Field(name, kind(prop), prop.get("description", "").split("\n\n")[0])
            for name, prop in node.get("properties", {}).items()
        ]
    return []
