"""The scoping lint: views and API modules never query a tenant-scoped model directly.

They call a selector, which starts from an ``rcc.access`` scope. The check reads
source as text (AST), so it costs nothing at run time and catches the mistake
before review does.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

DELIVERY_MODULES = (
    "views.py",
    "api.py",
    "*_views.py",
    "views_*.py",
    "views/*.py",
    "api/*.py",
    "*_api.py",
)
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
    found: list[Path] = []
    for app in apps:
        for pattern in DELIVERY_MODULES:
            found.extend(sorted((root / app).glob(pattern)))
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
