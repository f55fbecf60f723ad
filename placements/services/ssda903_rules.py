"""The DfE's 903 rules on a council's year, run from the screens: the platform exports the
year (every table, as ``export_table`` writes and audits it) and runs Data to Insight's rule
engine (``csc-validator-be-903``, which needs pandas < 2) in its own virtualenv, as a
separate process it starts itself (``scripts/validate_903/check.py --every-table --json``),
in a Celery task. The record keeps every error by rule and by child.

The virtualenv is ``settings.VALIDATOR_903_PYTHON`` (``.venv-903/bin/python``), built by
``make .venv-903/.installed`` from ``scripts/validate_903/requirements.txt`` (``make demo``
and ``make test`` build it; to update the engine, change its pin there and run make).
"""

from __future__ import annotations

import json
import logging
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from placements.models import Ssda903Validation
from placements.selectors import ssda903 as selectors
from placements.services.ssda903 import export_table
from placements.ssda903 import specs
from rcc import audit
from rcc.models import LocalAuthority
from rcc.services import ServiceError

logger = logging.getLogger(__name__)
CHECK = Path(settings.BASE_DIR) / "scripts" / "validate_903" / "check.py"
TIMEOUT = 900  # seconds


@transaction.atomic
def start_validation(
    *, actor, council: LocalAuthority, year: int, queue: Callable[[int], object]
) -> Ssda903Validation:
    """Record a run of the DfE rules on ``council``'s ``year`` export and queue it."""
    if not specs.FIRST_VALIDATED <= year <= specs.LAST_YEAR:
        raise ServiceError(
            f"The DfE rules cover {specs.year_label(specs.FIRST_VALIDATED)} to "
            f"{specs.year_label(specs.LAST_YEAR)} only"
        )
    record = Ssda903Validation.objects.create(local_authority=council, year=year, started_by=actor)
    audit.record(
        actor=actor,
        action="ssda903.validation_started",
        obj=record,
        local_authority=council,
        metadata={"year": year},
    )
    queue(record.pk)
    return record


def run_validation(*, record_id: int) -> Ssda903Validation:
    """Export the year and run the rules on it; safe to call twice (the second does nothing)."""
    claimed = Ssda903Validation.objects.filter(
        pk=record_id, status=Ssda903Validation.Status.QUEUED
    ).update(status=Ssda903Validation.Status.RUNNING)
    record = Ssda903Validation.objects.select_related("local_authority", "started_by")
    record = record.get(pk=record_id)
    if not claimed:
        return record
    try:
        with tempfile.TemporaryDirectory(prefix="rcc-903-") as folder:
            found = _run_rules(record, Path(folder))
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        logger.exception("903 rules %s could not run", record_id)
        return _finish(record, Ssda903Validation.Status.FAILED, message=str(exc)[:2000])
    return _finish(
        record,
        Ssda903Validation.Status.DONE,
        rules=found["rules"],
        errors=found["errors"],
        crashed=found["crashed"],
        rules_run=found["ran"],
    )


def _run_rules(record: Ssda903Validation, folder: Path) -> dict:
    councils = LocalAuthority.objects.filter(pk=record.local_authority_id)
    for table in selectors.tables_written(record.year):
        rows = export_table(
            actor=record.started_by, councils=councils, year=record.year, table=table,
            council=record.local_authority,
        )  # fmt: skip
        with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as file:
            file.writelines(selectors.csv_lines(selectors.columns_for(table, record.year), rows))
    out = folder / "report.json"
    command = [
        str(settings.VALIDATOR_903_PYTHON), str(CHECK), "--every-table", "--year",
        str(record.year), "--la", record.local_authority.gss_code, "--json", str(out), str(folder),
    ]  # fmt: skip
    # A list of arguments (no shell): our script, a year and a GSS code from the database.
    done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)  # noqa: S603
    if not out.exists():
        raise ValueError(f"The rule engine gave no report: {(done.stdout + done.stderr)[-1500:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def _finish(record: Ssda903Validation, status: str, **values) -> Ssda903Validation:
    for name, value in values.items():
        setattr(record, name, value)
    record.status, record.finished_at = status, timezone.now()
    record.save()
    audit.record(
        actor=record.started_by,
        action=f"ssda903.validation_{status}",
        obj=record,
        local_authority=record.local_authority,
        metadata={"year": record.year, "errors": len(record.errors), "rules": len(record.rules)},
    )
    return record
