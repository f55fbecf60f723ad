"""docs/security.md maps every control of ../shared/SECURITY.md to tests that exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "security.md").read_text()
ROWS = {m[1]: m[0] for m in re.finditer(r"^\| (C\d\d) \|.*$", DOC, re.MULTILINE)}


def test_every_control_has_one_row_with_a_status():
    # C01-C38 all; later controls (up to C48) as their surfaces are built.
    assert sorted(ROWS)[:38] == [f"C{n:02d}" for n in range(1, 39)]
    assert set(ROWS) <= {f"C{n:02d}" for n in range(1, 49)}
    for control, row in ROWS.items():
        status = row.rstrip(" |").rsplit("|", 1)[-1].strip()
        assert status[:1] in {"I", "S", "P"}, f"{control} has no status"


def test_every_row_names_a_test_and_every_test_named_exists():
    for control, row in ROWS.items():
        references = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", row)
        assert references, f"{control} names no test"
        for path, name in references:
            source = (ROOT / path).read_text() if (ROOT / path).exists() else ""
            assert re.search(rf"^def {name}\(", source, re.MULTILINE), f"{control}: {path}::{name}"
