"""What the 903 pages and the 903 export show: the imports table, an import's report, the
problems CSV, and the export's file name and JSON head."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from django.http import HttpResponse
from django.urls import reverse

from placements.ssda903 import tables
from placements.ssda903.specs import year_label
from placements.ssda903.tables import TITLES
from rcc.kit.format import format_datetime
from rcc.kit.tables import Column, number

COUNT_ROWS = (
    ("children_created", "Children created"),
    ("children_updated", "Children updated"),
    ("children_unchanged", "Children unchanged"),
    ("episodes_created", "Episodes created"),
    ("episodes_updated", "Episodes updated"),
    ("episodes_unchanged", "Episodes unchanged"),
    ("episodes_deleted", "Episodes deleted (no longer in the return)"),
    ("episodes_kept", "Episodes kept (recorded by the platform)"),
    *(
        (f"{table}_{change}", f"{TITLES[table]} rows {change}")
        for table in tables.FIELDS
        for change in ("created", "unchanged", "deleted")
    ),
)
ERRORS_SHOWN = 500  # on the page; the CSV has every problem the record kept


def years_label(record) -> str:
    return ", ".join(year_label(year) for year in record.years)


IMPORT_COLUMNS = [
    Column(
        "Started",
        lambda r: format_datetime(r.created_at),
        link=lambda r: reverse("placements:ssda903_import", kwargs={"import_id": r.pk}),
    ),
    Column("Council", lambda r: r.local_authority.name),
    Column("Years", years_label),
    Column("By", lambda r: r.started_by.full_name if r.started_by else "Command line"),
    Column("Status", lambda r: r.get_status_display()),
    number("Problems", lambda r: r.error_count),
]

ERROR_COLUMNS = [
    Column("File", lambda e: e["file"]),
    Column("Row", lambda e: e["row"] or "Whole file"),
    Column("Column", lambda e: e["column"]),
    Column("Problem", lambda e: e["reason"]),
]


def imports_page() -> dict[str, Any]:
    """The list page's words and its one action."""
    return {
        "intro": "Each upload of a council's SSDA903 files, with what it created, updated "
        "and rejected.",
        "actions": [{"href": reverse("placements:ssda903_upload"), "text": "Upload 903 files"}],
        "empty": "No 903 files have been imported yet.",
    }


def import_report(record, *, rows_read: int) -> dict[str, Any]:
    """An import's page: progress while it runs, then its counts per year, or its problems."""
    years = record.counts.get("years", {}) if record.status == record.Status.IMPORTED else {}
    return {
        "title": f"903 import for {record.local_authority.name}",
        "record": record,
        "years_label": years_label(record),
        "started": format_datetime(record.created_at),
        "rows_read": rows_read,
        "percent": min(100, rows_read * 100 // record.total_rows) if record.total_rows else 0,
        "count_rows": COUNT_ROWS,
        "years": [(year_label(int(y)), counts) for y, counts in sorted(years.items())],
        "errors": record.errors[:ERRORS_SHOWN],
    }


# The export (API) -----------------------------------------------------------------------
def export_name(year: int, table: str, council=None) -> str:
    return f"ssda903-{year}-{table}-{council.gss_code if council else 'all'}"


def export_head(*, table: str, year: int, councils: list[str], columns: list[str]) -> dict:
    """What the JSON export says before its rows."""
    return {
        "table": table,
        "year": year,
        "collection_year": year_label(year),
        "councils": councils,
        "columns": columns,
    }


def json_lines(head: dict, rows: Iterable[dict[str, str]]) -> Iterator[str]:
    """``head`` with a ``rows`` array, one row per chunk of text."""
    yield json.dumps(head)[:-1] + ', "rows": ['
    separator = "\n"
    for row in rows:
        yield separator + json.dumps(row)
        separator = ",\n"
    yield "\n]}\n"


# The export page (a council's year, zipped) -----------------------------------------------
def export_page(form, rules_form, validations) -> dict[str, Any]:
    return {
        "title": "Export a 903 return",
        "form": form,
        "rules_form": rules_form,
        "tables": list(TITLES.values()),
        "validations": [
            {
                "label": f"{v.local_authority.name}, {year_label(v.year)}",
                "started": format_datetime(v.created_at),
                "status": v.get_status_display(),
                "errors": len(v.errors),
                "url": reverse("placements:ssda903_validation", kwargs={"validation_id": v.pk}),
            }
            for v in validations[:20]
        ],
    }


# The DfE rules' report ----------------------------------------------------------------------
RULE_ERROR_COLUMNS = [
    Column("Rule", lambda e: e["code"]),
    Column("Description", lambda e: e["description"]),
    Column("CHILD", lambda e: e["child"]),
    Column("Table", lambda e: e["table"]),
    Column("Row", lambda e: e["row"]),
    Column("Fields", lambda e: e["fields"]),
]


def rule_errors(record, children: dict[str, Any]) -> list[dict[str, Any]]:
    """Every error, with its rule's description and a link to the child's record."""
    described = {rule["code"]: rule["description"] for rule in record.rules}
    return [
        {
            **error,
            "description": described.get(error["code"], ""),
            "url": reverse("placements:child", kwargs={"child_id": children[error["child"]]})
            if error["child"] in children
            else None,
        }
        for error in sorted(record.errors, key=lambda e: (e["child"], e["code"], e["row"]))
    ]


def validation_report(record, children: dict[str, Any]) -> dict[str, Any]:
    errors = rule_errors(record, children)
    by_child: dict[str, list[dict[str, Any]]] = {}
    for error in errors:
        by_child.setdefault(error["child"], []).append(error)
    return {
        "title": f"DfE 903 rules for {record.local_authority.name}, {year_label(record.year)}",
        "record": record,
        "finished": record.status in ("done", "failed"),
        "started": format_datetime(record.created_at),
        "rules": sorted(record.rules, key=lambda r: -r["count"]),
        "by_child": [(child, rows[0]["url"], rows) for child, rows in by_child.items()],
    }


def zip_response(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}.zip"'
    return response
