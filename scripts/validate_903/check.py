"""Run the DfE 903 validation rules (Data to Insight's ``csc-validator-be-903``) on 903 files.

    .venv-903/bin/python scripts/validate_903/check.py --year 2026 --la E08000001 DIR

DIR holds one council's files for the year, every table (empty ones too: a rule that needs
a missing table is skipped silently). Exits 1 if any rule reports an error, or if a rule
crashes other than the two that always crash on CSV input (231 and 233 read columns the CSV
schema does not have). Runs in its own virtualenv (pandas<2, numpy<1.25): see the Makefile's
``validate-903`` target and ``scripts/validate_903/requirements.txt``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import sys
from pathlib import Path

KNOWN_CRASHES = {"231", "233"}
# 2026/27 (0.1.17) with a DoLo table: 706 reads last year's DoLo without checking it was
# given, 709 and 710 read a PLACEMENT column that Episodes does not have.
KNOWN_CRASHES_WITH_DOLO = {"706", "709", "710"}
# Rules that cannot pass on the demo's export: each needs rows of a 903 table that the demo
# does not invent (the platform holds every table; a council's import fills them). With
# --every-table (a return with every table filled in) they count like any other rule.
NOT_HELD = {
    "191": "OC2 (health checks, immunisations, SDQ) of children looked after for 12 months",
    "551": "PlacedAdoption (the date of the decision to place for adoption)",
    "553": "PlacedAdoption (the decision for a child with a placement order)",
    "557": "PlacedAdoption (the decision that a child should no longer be placed for adoption)",
    "630": "PrevPerm (previous permanence of a child starting to be looked after)",
    "SW12STG2": "SWEpisodes (social worker episodes for the year)",
}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", required=True)
    parser.add_argument("--la", required=True, help="ONS code of the council (E08000001)")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--show", type=int, default=5, help="rows to show per failing rule")
    parser.add_argument(
        "--every-table", action="store_true", help="count every rule (no table left empty)"
    )
    parser.add_argument("--json", type=Path, help="also write every error (rule, child) here")
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # the package logs every rule (and the known crashes)

    from lac_validator.lac_validator import LacValidator
    from lac_validator.report import Report
    from lac_validator.rules.ruleset_utils import get_year_ruleset
    from lac_validator.utils import process_uploaded_files

    paths = sorted(str(p) for p in args.folder.glob("*.csv"))
    with contextlib.redirect_stdout(io.StringIO()):  # some rules print
        files = process_uploaded_files({"This year": paths})
        registry = get_year_ruleset(args.year)
        validator = LacValidator(
            metadata={"collectionYear": args.year, "localAuthority": args.la},
            files=files,
            registry=registry,
            selected_rules=None,
        )
        report = Report(validator.ds_results, registry)
    summary = report.error_summary
    exempt = {} if args.every_table else NOT_HELD
    not_held = summary["Code"].astype(str).isin(exempt)
    for _, row in summary[not_held].iterrows():
        print(f"  not applicable: {row['Code']} ({row['Error Count']} rows): needs "
              f"{NOT_HELD[str(row['Code'])]}, which the platform does not hold")  # fmt: skip
    summary = summary[~not_held]
    crashed = sorted({str(code) for code in _codes(validator.fails)})
    known = KNOWN_CRASHES | (KNOWN_CRASHES_WITH_DOLO if _has_dolo(paths) else set())
    unexpected = [code for code in crashed if code not in known]
    label = f"{args.la} {args.year}"
    print(f"{label}: {len(validator.dones)} rules ran, {len(validator.skips)} skipped, "
          f"crashed: {', '.join(crashed) or 'none'}")  # fmt: skip
    if len(summary):
        print(summary.to_string(index=False))
        _show_rows(report, args.show)
    if unexpected:
        print(f"{label}: rules crashed that should not: {', '.join(unexpected)}")
    if args.json:
        _write_json(args.json, report, summary, crashed, len(validator.dones))
    failed = bool(len(summary)) or bool(unexpected)
    print(f"{label}: {'FAILED' if failed else 'no errors'}")
    return 1 if failed else 0


def _write_json(path: Path, report, summary, crashed: list[str], ran: int) -> None:
    """Every error the rules found, by rule and by child, for the platform's report page."""
    import json

    rules = [
        {"code": str(row["Code"]), "description": str(row["Error Description"]),
         "count": int(row["Error Count"])}
        for _, row in summary.iterrows()
    ]  # fmt: skip
    try:
        rows = report.child_summary
    except ValueError:  # raised when there are no errors at all
        rows = []
    codes = {rule["code"] for rule in rules}
    errors = [
        {"code": str(row["Error Code"]), "child": str(row["Child"]),
         "table": str(row["Affected Table"]), "row": int(row["Error Row"]) + 2,
         "fields": str(row["Error Fields"])}
        for _, row in (rows.iterrows() if len(rows) else [])
        if str(row["Error Code"]) in codes
    ]  # fmt: skip
    result = {"rules": rules, "errors": errors, "crashed": crashed, "ran": ran}
    path.write_text(json.dumps(result), encoding="utf-8")


def _has_dolo(paths: list[str]) -> bool:
    """Whether one of the files is a DoLo table with rows."""
    for path in paths:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
        if lines and set(lines[0].split(",")) == {"CHILD", "DOB", "DOLO_START", "DOLO_END"}:
            return len(lines) > 1
    return False


def _codes(fails) -> list[str]:
    codes = []
    for fail in fails:
        code = getattr(fail, "code", None) or (fail[0] if isinstance(fail, tuple) else fail)
        codes.append(str(getattr(code, "code", code)))
    return codes


def _show_rows(report, show: int) -> None:
    try:
        rows = report.child_summary
    except ValueError:  # raised when there are no errors at all
        return
    for code, group in rows.groupby("Error Code"):
        if str(code) in NOT_HELD:
            continue
        print(f"-- {code}:")
        print(group.head(show).to_string(index=False))


if __name__ == "__main__":
    sys.exit(main())
