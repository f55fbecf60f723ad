"""The scoping lint: only selectors, services and access query a tenant-scoped model directly.

Every other module of an app (views, API, forms, presenters, panels, tables, management
commands, and any module added later) calls a selector, which starts from an ``rcc.access``
scope. The list of scoped models comes from the models themselves (``rcc.tenancy.Tenancy``),
and the modules read are every module but the few rooms allowed to query, so neither a new
model nor a new module can escape. The check reads source as text (AST): it costs nothing at
run time and catches the mistake before review does.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

# Rooms that may query tenant-scoped tables directly: they are where the scopes are applied
# (selectors, access), where state changes (services, tasks' thin wrappers call services), or
# where tables are defined and seeded (models, migrations, demo data, the back office).
QUERYING_ROOMS = frozenset(
    {"models", "selectors", "services", "migrations", "access", "demo", "tests"}
)
# audit.py is the append-only writer of the trail every service calls.
QUERYING_MODULES = frozenset({"models.py", "admin.py", "tenancy.py", "audit.py"})
QUERY_HELPERS = {"get_object_or_404", "get_list_or_404"}
MANAGER_ATTRIBUTES = {"objects", "_default_manager", "_base_manager"}


@dataclass(frozen=True)
class Finding:
    path: Path
    line: int
    model: str

    def __str__(self) -> str:
        return (
            f"{self.path}:{self.line}: queries {self.model} directly; "
            "call a selector scoped by rcc.access instead"
        )


def delivery_modules(root: Path, apps: Iterable[str]) -> list[Path]:
    """Every module of the apps outside the rooms that may query."""
    found: list[Path] = []
    for app in apps:
        for path in sorted((root / app).rglob("*.py")):
            parts = path.relative_to(root / app).parts
            stem = parts[-1].removesuffix(".py")
            if QUERYING_ROOMS.intersection([*parts[:-1], stem]) or parts[-1] in QUERYING_MODULES:
                continue
            found.append(path)
    return found


def check_source(path: Path, source: str, scoped_names: set[str]) -> list[Finding]:
    findings = []
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in MANAGER_ATTRIBUTES
            and isinstance(node.value, ast.Name)
            and node.value.id in scoped_names
        ):
            findings.append(Finding(path, node.lineno, node.value.id))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in QUERY_HELPERS
            and node.args
            and isinstance(node.args[0], ast.Name)
            and node.args[0].id in scoped_names
        ):
            findings.append(Finding(path, node.lineno, node.args[0].id))
    return sorted(findings, key=lambda f: f.line)


def check_tree(root: Path, apps: Iterable[str], scoped_names: set[str]) -> list[Finding]:
    findings: list[Finding] = []
    for path in delivery_modules(root, apps):
        findings.extend(check_source(path, path.read_text(), scoped_names))
    return findings
