"""The shape of the house, enforced (ADR 0013): the same rooms in every domain app, thin views,
no module over 400 lines, and the import contracts (`lint-imports`) that fail when broken."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOMAIN_APPS = ("providers", "placements", "fostering", "sufficiency")
ROOMS = ("models", "services", "selectors", "forms", "presenters", "views", "api")
TOP_LEVEL_MODULES = {"__init__.py", "apps.py", "admin.py", "urls.py", "tasks.py"}
TOP_LEVEL_FOLDERS = {*ROOMS, "management", "migrations", "demo", "__pycache__"}
MAX_LINES = 400
VIEW_BODY_LIMIT = 15
# What a pure module may import: the standard library, numpy, and other pure modules.
PURE_MAY_IMPORT = {"numpy", "scipy", "rcc.kit", "rcc.geography.postcodes", "brotli", "msgpack"}

sys.path.insert(0, str(ROOT / "scripts"))
import house_figures  # noqa: E402


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def _is_pure(path: Path, app: str) -> bool:
    files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
    for file in files:
        for name in _imports(file):
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or name.startswith(tuple(PURE_MAY_IMPORT)):
                continue
            if top == app and not name.startswith(tuple(f"{app}.{room}" for room in ROOMS)):
                continue  # another pure module of the same app
            if top in DOMAIN_APPS and top != app:
                continue  # a pure module of an app below (the import contracts check floors)
            return False
    return True


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_every_domain_app_has_the_same_rooms(app):
    missing = [room for room in ROOMS if not (ROOT / app / room / "__init__.py").is_file()]
    assert missing == [], f"{app} lacks the rooms {missing}"
    assert (ROOT / app / "urls.py").is_file()


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_an_apps_top_level_holds_its_rooms_and_pure_modules_only(app):
    strays = []
    for path in sorted((ROOT / app).iterdir()):
        if path.name in TOP_LEVEL_MODULES or path.name in TOP_LEVEL_FOLDERS:
            continue
        is_module = path.suffix == ".py" or (path / "__init__.py").exists()
        if is_module and not _is_pure(path, app):
            strays.append(path.name)
    assert strays == [], f"{app}/ {strays}: not a room and not pure; move it into a room (ADR 0013)"


def test_no_app_module_is_over_400_lines():
    over = house_figures.figures(ROOT)["modules_over_400_lines"]
    assert over == [], f"split by sub-domain: {over}"


def test_no_view_body_is_over_15_lines():
    bodies = house_figures.view_bodies(house_figures.app_modules(ROOT))
    long = [(lines, name) for lines, name in bodies if lines > VIEW_BODY_LIMIT]
    assert long == [], f"thin views: move tables, tags and charts into presenters: {long}"


def test_no_import_runs_up_a_floor_or_in_a_circle():
    result = house_figures.figures(ROOT)
    assert result["upward_import_pairs"] == []
    assert result["circles"] == []


def test_the_figures_script_measures_body_lines_after_the_docstring():
    tree = ast.parse('def view(request):\n    """Doc."""\n    a = 1\n    return a\n')
    assert house_figures.body_lines(tree.body[0]) == 2


# The import contracts ------------------------------------------------------------------------
def _lint_imports(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(Path(sys.executable).parent / "lint-imports"), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
    )


def _copy_of_the_house(tmp_path: Path) -> Path:
    copy = tmp_path / "house"
    copy.mkdir()
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    for package in house_figures.APP_ORDER:
        if (ROOT / package).is_dir():
            shutil.copytree(
                ROOT / package, copy / package, ignore=shutil.ignore_patterns("__pycache__")
            )
    return copy


def test_the_import_contracts_hold():
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_contracts_fail_when_the_ground_floor_imports_a_domain_app(tmp_path):
    house = _copy_of_the_house(tmp_path)
    (house / "rcc" / "access" / "bad.py").write_text("from placements.models import Child\n")
    result = _lint_imports(house)
    assert result.returncode == 1
    assert "rcc.access.bad -> placements.models" in result.stdout


def test_the_contracts_fail_when_a_pure_module_imports_django(tmp_path):
    house = _copy_of_the_house(tmp_path)
    matching = house / "placements" / "matching.py"
    matching.write_text("from django.db import models  # noqa\n" + matching.read_text())
    result = _lint_imports(house)
    assert result.returncode == 1
    assert "placements.matching -> django" in result.stdout


def test_the_contracts_fail_when_a_selector_imports_a_view(tmp_path):
    house = _copy_of_the_house(tmp_path)
    (house / "fostering" / "selectors" / "bad.py").write_text("import fostering.views\n")
    result = _lint_imports(house)
    assert result.returncode == 1
    assert "fostering.selectors.bad -> fostering.views" in result.stdout
