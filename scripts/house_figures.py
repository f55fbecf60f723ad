#!/usr/bin/env python3
"""The shape of the house in figures, so anyone can rerun them (issue 13).

    python scripts/house_figures.py [--json]

Prints, for the project's own apps (tests, migrations and bench left out):
- modules per app, and how many are over 400 lines;
- the longest view bodies (functions and methods in ``views``/``api`` modules), measured from the
  first statement after the docstring to the last line;
- upward imports: an import from a lower floor to a higher one, where the floors are the apps in
  the order of ``APP_ORDER`` (rcc at the bottom); imports under ``if TYPE_CHECKING:`` don't count;
- circles: sets of modules that import one another (strongly connected components of the module
  import graph, every import in a file counted, function-level ones included).

No Django is imported: the figures come from the source alone.
"""

from __future__ import annotations

import ast
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP_ORDER = ("rcc", "providers", "placements", "fostering", "sufficiency", "demo")
MAX_LINES = 400
VIEW_BODY_LIMIT = 15


def app_modules(root: Path = ROOT) -> dict[str, Path]:
    """Dotted module name -> file, for every app module outside tests and migrations."""
    modules = {}
    for app in APP_ORDER:
        for path in sorted((root / app).rglob("*.py")) if (root / app).is_dir() else []:
            rel = path.relative_to(root)
            if "migrations" in rel.parts or "tests" in rel.parts:
                continue
            parts = list(rel.with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for inner in node.body:
                lines.update(range(inner.lineno, (inner.end_lineno or inner.lineno) + 1))
    return lines


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """The project modules a file imports (resolved to the longest known module name)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    skip = _type_checking_lines(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", 0) in skip:
            continue
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from pkg import module` names the module; `from module import name`, the module.
            names = [f"{base}.{alias.name}" for alias in node.names]
        for name in names:
            target = _resolve(name, known)
            if target and target != module:
                found.add(target)
    return found


def _resolve(name: str, known: set[str]) -> str | None:
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in known:
            return candidate
        parts.pop()
    return None


def floor(module: str) -> int:
    return APP_ORDER.index(module.split(".")[0])


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one module."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def visit(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for succ in graph.get(node, ()):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def view_bodies(modules: dict[str, Path]) -> list[tuple[int, str]]:
    """(body lines, 'module:function') for every function in a views or api module."""
    bodies = []
    for module, path in modules.items():
        parts = module.split(".")
        if not any(
            p in ("views", "api")
            or p.startswith("views_")
            or p.endswith("_views")
            or p.endswith("_api")
            for p in parts[1:]
        ):
            continue
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                bodies.append((body_lines(node), f"{module}:{node.name}"))
    return sorted(bodies, reverse=True)


def body_lines(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    body = node.body
    if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:] or body
    return (node.end_lineno or node.lineno) - body[0].lineno + 1


def figures(root: Path = ROOT) -> dict:
    modules = app_modules(root)
    known = set(modules)
    graph = {m: imports_of(m, p, known) for m, p in modules.items()}
    per_app: dict[str, int] = defaultdict(int)
    over = []
    for module, path in modules.items():
        per_app[module.split(".")[0]] += 1
        lines = len(path.read_text().splitlines())
        if lines > MAX_LINES:
            over.append((lines, str(path.relative_to(root))))
    upward = sorted((a, b) for a, targets in graph.items() for b in targets if floor(b) > floor(a))
    bodies = view_bodies(modules)
    return {
        "modules_per_app": dict(per_app),
        "modules_over_400_lines": sorted(over, reverse=True),
        "longest_view_bodies": bodies[:10],
        "view_bodies_over_15_lines": sum(1 for n, _ in bodies if n > VIEW_BODY_LIMIT),
        "upward_imports": len(upward),
        "upward_import_pairs": [f"{a} -> {b}" for a, b in upward],
        "circles": circles(graph),
    }


def main(argv: list[str]) -> int:
    result = figures()
    if "--json" in argv:
        print(json.dumps(result, indent=2))
        return 0
    print("modules per app:", ", ".join(f"{k} {v}" for k, v in result["modules_per_app"].items()))
    print(f"modules over {MAX_LINES} lines: {len(result['modules_over_400_lines'])}")
    for lines, path in result["modules_over_400_lines"]:
        print(f"  {lines:5d}  {path}")
    print(f"view bodies over {VIEW_BODY_LIMIT} lines: {result['view_bodies_over_15_lines']}")
    print("longest view bodies:")
    for lines, name in result["longest_view_bodies"]:
        print(f"  {lines:5d}  {name}")
    print(f"upward imports: {result['upward_imports']}")
    for pair in result["upward_import_pairs"][:20]:
        print(f"  {pair}")
    print(f"circles: {len(result['circles'])}")
    for circle in result["circles"]:
        print("  " + " <-> ".join(circle))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
