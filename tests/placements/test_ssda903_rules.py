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

from placements.models import Child, Ssda903Validation
from placements.ssda903 import specs
from rcc.models import AuditEvent
from rcc.roles import Role
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


def test_a_data_officer_runs_the_dfe_rules_from_the_screen_and_reads_the_errors(
    signed_in, home, django_capture_on_commit_callbacks, tmp_path
):
    """The officer's council holds a return with one error (a girl with no MOTHER); the
    report names the rule and the child, links to the child, and downloads as CSV."""
    _validator_needed()
    sent = clean_return(2026)
    for row in sent["header"]:
        if row["CHILD"] == "LONG1":
            row["MOTHER"] = ""  # rule 393: a girl looked after needs MOTHER
    write_year(tmp_path / "2026", 2026, sent)
    call_command("import_903", "--la", home.council.gss_code, str(tmp_path), stdout=StringIO())
    officer = home.people[Role.DATA_OFFICER]
    client = signed_in(officer)
    assert "Run the DfE rules" in client.get("/903/export/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/903/rules/", {"rules-council": home.council.pk, "rules-year": 2026}
        )
    record = Ssda903Validation.objects.get()
    assert response.status_code == 302 and response.url == f"/903/rules/{record.pk}/"
    assert record.status == "done", record.message
    assert {e["code"] for e in record.errors} == {"393"}
    page = client.get(response.url).content.decode()
    child = Child.objects.get(local_authority=home.council, case_id="LONG1")
    assert "Errors by rule" in page and "393" in page
    assert f'href="/children/{child.public_id}/">Child LONG1</a>' in page
    csv_file = client.get(response.url, {"format": "csv"})
    report = b"".join(csv_file.streaming_content).decode()
    assert "393" in report.splitlines()[1] and "LONG1" in report
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"ssda903.validation_started", "ssda903.validation_done", "api.export"} <= actions


def test_the_rules_cover_only_the_engines_years(signed_in, home):
    client = signed_in(home.people[Role.DATA_OFFICER])
    page = client.post("/903/rules/", {"rules-council": home.council.pk, "rules-year": 2019})
    assert page.status_code == 200 and "The DfE rules cover 2022/23 to 2026/27 only" in (
        page.content.decode()
    )
    assert not Ssda903Validation.objects.exists()
