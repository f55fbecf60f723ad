"""A clean return stays clean: the DfE rule engine (csc-validator-be-903, in its own
virtualenv .venv-903, run as scripts/validate_903/check.py runs it) finds no error in a
return with a row in every table, and none in the platform's export of it after importing
it, for every year the engine covers (2022/23 to 2026/27). The export gives the rows back.

``make test`` builds .venv-903 first and sets VALIDATE_903=required, so there the test
cannot be skipped; elsewhere it is skipped until ``make .venv-903/.installed`` has run."""

from __future__ import annotations

import csv
import os
import subprocess
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from placements.ssda903 import specs
from tests.placements.ssda903_clean import clean_return
from tests.placements.ssda903_data import write_year

VALIDATOR = Path(settings.BASE_DIR) / ".venv-903" / "bin" / "python"
CHECK = Path(settings.BASE_DIR) / "scripts" / "validate_903" / "check.py"
BOLTON = "E08000001"  # the postcodes are Bolton's: the rules compare them with the LA


def _validator_needed() -> None:
    if VALIDATOR.exists():
        return
    message = "the DfE rule engine's virtualenv is not built (make .venv-903/.installed)"
    if os.environ.get("VALIDATE_903") == "required":
        pytest.fail(message)
    pytest.skip(message)


def _check(folder: Path, year: int) -> subprocess.Popen:
    return subprocess.Popen(
        [str(VALIDATOR), str(CHECK), "--every-table", "--year", str(year), "--la", BOLTON,
         str(folder)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def _rows(folder: Path, table: str) -> Counter:
    with (folder / f"{table}.csv").open(encoding="utf-8") as file:
        return Counter(tuple(row.items()) for row in csv.DictReader(file))


@pytest.mark.parametrize("year", range(specs.FIRST_VALIDATED, specs.LAST_YEAR + 1))
def test_a_clean_return_is_still_clean_after_a_round_trip(home, tmp_path, year):
    _validator_needed()
    sent = clean_return(year)
    assert all(sent[table] for table in specs.tables_for(year)), "every table has rows"
    write_year(tmp_path / "in" / str(year), year, sent)
    before = _check(tmp_path / "in" / str(year), year)  # runs while we import and export
    call_command(
        "import_903", "--la", home.council.gss_code, str(tmp_path / "in"), stdout=StringIO()
    )
    out = tmp_path / "out"
    call_command(
        "export_903", "--la", home.council.gss_code, "--year", str(year), "--out", str(out),
        stdout=StringIO(),
    )  # fmt: skip
    for table, rows in sent.items():
        assert _rows(out, table) == Counter(tuple(row.items()) for row in rows), table
    after = _check(out, year)
    report_before, report_after = (
        before.communicate(timeout=600)[0],
        after.communicate(timeout=600)[0],
    )
    assert before.returncode == 0, f"the return sent was not clean:\n{report_before}"
    assert after.returncode == 0, f"the export has errors:\n{report_after}"
    assert f"{BOLTON} {year}: no errors" in report_after
