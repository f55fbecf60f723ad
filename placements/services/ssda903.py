"""The 903 return's state changes: importing a council's return (all or nothing), and
exporting it (the one export the API and ``manage.py export_903`` share, audited alike).

What an import replaces (docs/adr/0008-ssda903.md says why):

* It is per council and collection year: the episodes of the council's children that are
  open at any point of a year in the files are replaced by the file's rows, matched by
  CHILD and DECOM (and, for episodes starting the same day, their order). Matching rows
  update in place, new ones are created, and the year's episodes no longer in the file are
  deleted, except those the platform recorded itself (a placement made here), which are kept.
  Re-importing the same files therefore changes nothing.
* An episode a year's file gives as open keeps the DEC, REC and REASON_PLACE_CHANGE a later
  year gave it. Children are matched by CHILD within the council (the latest import's
  Header and UASC values win) and never deleted.
* The other tables (Reviews, OC2, OC3, ...) replace the council's rows of that table and
  year, when the files have the table; a row given again exactly is left as it is.
* Several years import oldest first, in one transaction. Any bad row in any file refuses
  the lot: nothing is stored, and the record lists every problem (file, row, column, reason).

What a row means is worked out in ``placements.ssda903.records`` (pure).

An export streams one table (``export_table``), audited when the stream ends through
``rcc.exports`` (``api.export``, ``ssda903.<table>``, year, councils, format, row count).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone

from placements.models import CareEpisode, Child, Ssda903Import
from placements.selectors import ssda903 as selectors
from placements.selectors.ssda903 import episodes_in, table_model
from placements.ssda903 import records, specs, tables
from placements.ssda903.parsing import (
    ParsedTable,
    RowError,
    Ssda903FileError,
    check_return,
    check_tables,
    named_with_years,
    parse_table,
    year_from_name,
)
from placements.ssda903.writing import csv_lines, zip_files
from rcc import access, audit
from rcc.exports import Export, audited_stream
from rcc.models import LocalAuthority
from rcc.services import ServiceError

logger = logging.getLogger(__name__)
ERRORS_KEPT = 5_000  # the record keeps this many problems (and counts them all)


def progress_key(record_id: int) -> str:
    return f"ssda903:import:{record_id}:progress"  # read by selectors.ssda903.rows_read


# Starting an import -------------------------------------------------------------------
@transaction.atomic
def start_import(
    *,
    actor,
    council: LocalAuthority,
    files: Mapping[str, str],
    year: int | None = None,
    queue: Callable[[int], object],
) -> Ssda903Import:
    """Record an upload and queue it: ``queue(record_id)`` is called inside this transaction
    (``placements.tasks.queue_ssda903_import``: the outbox sends the task once it commits).

    ``files`` maps each file's name to its text; a file's collection year comes from its
    name ("2026/episodes.csv", "episodes_2025-26.csv"), else ``year``.
    """
    if not files:
        raise ServiceError("Choose at least one file")
    record = _record_upload(actor, council, named_with_years(files, year))
    queue(record.pk)
    return record


def import_files(
    *, actor, council: LocalAuthority, files: Mapping[str, str], year: int | None = None
) -> Ssda903Import:
    """Import now, in this process (the command line); returns the finished record."""
    with transaction.atomic():
        record = _record_upload(actor, council, named_with_years(files, year))
    return run_import(record_id=record.pk)


def _record_upload(actor, council: LocalAuthority, files: dict[str, str]) -> Ssda903Import:
    record = Ssda903Import.objects.create(
        local_authority=council,
        started_by=actor,
        file_names=sorted(files),
        years=sorted({y for y in map(year_from_name, files) if y}),
        pending_files=files,
    )
    audit.record(
        actor=actor,
        action="ssda903.import_started",
        obj=record,
        local_authority=council,
        metadata={"files": sorted(files), "years": record.years},
    )
    return record


# Running it -----------------------------------------------------------------------------
@dataclass
class _Year:
    year: int
    tables: dict[str, ParsedTable]


def run_import(*, record_id: int) -> Ssda903Import:
    """Parse and store a queued import; safe to call twice (the second call does nothing)."""
    claimed = Ssda903Import.objects.filter(pk=record_id, status=Ssda903Import.Status.QUEUED).update(
        status=Ssda903Import.Status.RUNNING
    )
    record = Ssda903Import.objects.select_related("local_authority__region", "started_by")
    record = record.get(pk=record_id)
    if not claimed:
        return record
    try:
        years, errors = _parse(record)
        if errors:
            return _refuse(record, years, errors)
        with transaction.atomic():
            LocalAuthority.objects.select_for_update().filter(pk=record.local_authority_id).first()
            counts = _store(record, years)
            _finish(record, Ssda903Import.Status.IMPORTED, counts=counts)
            audit.record(
                actor=record.started_by,
                action="ssda903.imported",
                obj=record,
                local_authority=record.local_authority,
                metadata={"years": record.years, "counts": counts},
            )
    except Exception:
        logger.exception("903 import %s failed", record_id)
        _finish(record, Ssda903Import.Status.FAILED)
        raise
    return record


def _parse(record: Ssda903Import) -> tuple[list[_Year], list[RowError]]:
    errors: list[RowError] = []
    by_year: dict[int, dict[str, list[ParsedTable]]] = defaultdict(lambda: defaultdict(list))
    files = record.pending_files
    record.total_rows = sum(text.count("\n") for text in files.values())
    record.save(update_fields=["total_rows"])
    done = 0
    for name in sorted(files):
        year = year_from_name(name)
        try:
            if year is None:
                raise Ssda903FileError(
                    f"{name}: say which collection year it is for (in its name, such as "
                    "episodes_2026.csv, or in the year box)"
                )
            parsed = parse_table(
                name,
                files[name],
                year,
                progress=lambda rows, done=done: _progress(record, done + rows),
            )
        except (Ssda903FileError, ValueError) as exc:
            errors.append(RowError(name, 0, "", str(exc)))
            continue
        errors += parsed.errors
        by_year[year][parsed.table].append(parsed)
        done += parsed.row_count
        _progress(record, done)
    years = []
    for year in sorted(by_year):
        tables = by_year[year]
        errors += check_tables(year, tables)
        held = [t for table in specs.TABLES_HELD for t in tables.get(table, [])]
        errors += check_return(held)
        years.append(_Year(year, {table: found[0] for table, found in tables.items()}))
    return years, errors


def _progress(record: Ssda903Import, done: int) -> None:
    cache.set(progress_key(record.pk), done, timeout=3600)


def _refuse(record: Ssda903Import, years: list[_Year], errors: list[RowError]) -> Ssda903Import:
    errors.sort(key=lambda e: (e.file, e.row, e.column))
    record.years = [y.year for y in years] or record.years
    record.errors = [e.as_dict() for e in errors[:ERRORS_KEPT]]
    record.error_count = len(errors)
    _finish(record, Ssda903Import.Status.REFUSED, counts=_rejected_counts(years, errors))
    audit.record(
        actor=record.started_by,
        action="ssda903.import_refused",
        obj=record,
        local_authority=record.local_authority,
        metadata={"years": record.years, "problems": len(errors)},
    )
    return record


def _rejected_counts(years: list[_Year], errors: list[RowError]) -> dict:
    rows = sum(t.row_count for y in years for t in y.tables.values())
    rejected = len({(e.file, e.row) for e in errors})
    return {"rows": rows, "rejected_rows": rejected}


def _finish(record: Ssda903Import, status: str, counts: dict | None = None) -> None:
    record.status = status
    record.finished_at = timezone.now()
    record.pending_files = {}
    record.processed_rows = record.total_rows if status == "imported" else record.processed_rows
    if counts is not None:
        record.counts = counts
    record.save(
        update_fields=[
            "status", "finished_at", "pending_files", "counts", "errors", "error_count",
            "years", "processed_rows",
        ]
    )  # fmt: skip
    cache.delete(progress_key(record.pk))


# Storing ----------------------------------------------------------------------------------
def _store(record: Ssda903Import, years: list[_Year]) -> dict:
    record.years = [y.year for y in years]
    return {"years": {str(found.year): _store_year(record, found) for found in years}}


def _store_year(record: Ssda903Import, found: _Year) -> dict[str, int]:
    council = record.local_authority
    header = found.tables["header"].rows
    episodes = found.tables["episodes"].rows
    uasc = found.tables["uasc"].rows if "uasc" in found.tables else None
    children, child_counts = _store_children(council, found.year, header, episodes, uasc)
    episode_counts = _store_episodes(record, council, found.year, episodes, children)
    counts = {**child_counts, **episode_counts}
    for table in tables.FIELDS:
        if table in found.tables:
            counts.update(_store_rows(record, found.year, table, found.tables[table], children))
    return counts


def _store_rows(
    record: Ssda903Import, year: int, table: str, parsed: ParsedTable, children: dict[str, Child]
) -> dict[str, int]:
    """Replace the council's ``table`` rows of ``year`` by the file's (``records.match_rows``:
    a row the file repeats exactly is unchanged, others are created or deleted)."""
    model, fields = table_model(table), tables.field_names(table)
    existing = model.objects.filter(year=year, child__local_authority=record.local_authority)
    stored = existing.order_by("id").values_list("pk", "child__case_id", *fields)
    new, gone = records.match_rows(table, stored, parsed.rows)
    model.objects.filter(pk__in=gone).delete()
    model.objects.bulk_create(
        [
            model(child=children[child], year=year, imported_by=record, **values)
            for child, values in new
        ],
        batch_size=1000,
    )
    return {
        f"{table}_created": len(new),
        f"{table}_unchanged": len(parsed.rows) - len(new),
        f"{table}_deleted": len(gone),
    }


def _store_children(
    council: LocalAuthority, year: int, header: list, episodes: list, uasc: list | None
) -> tuple[dict[str, Child], dict[str, int]]:
    existing = {c.case_id: c for c in Child.objects.filter(local_authority=council)}
    # A child's legal status and home postcode come from its latest episode: an older year's
    # file does not overwrite what a later year's gave (so re-importing changes nothing).
    known = CareEpisode.objects.filter(child__local_authority=council).values("child__case_id")
    latest = records.latest_episodes(
        episodes, dict(known.annotate(last=Max("start_date")).values_list("child__case_id", "last"))
    )
    uasc_rows = {row["CHILD"]: row for row in uasc} if uasc is not None else None
    first = specs.period(year)[0]
    created, changed = [], []
    for row in header:
        child = existing.get(row["CHILD"])
        wanted = records.child_values(row, latest.get(row["CHILD"]))
        if uasc_rows is not None:
            wanted.update(records.uasc_values(child, uasc_rows.get(row["CHILD"]), first))
        if child is None:
            child = Child(local_authority=council, case_id=row["CHILD"], name="", **wanted)
            created.append(child)
            existing[child.case_id] = child
        elif records.assign(child, wanted):
            changed.append(child)
    Child.objects.bulk_create(created, batch_size=1000)
    fields = [*records.CHILD_FIELDS, *records.UASC_FIELDS, "legal_status", "home_postcode"]
    Child.objects.bulk_update(changed, fields, batch_size=1000)
    counts = {
        "children_created": len(created),
        "children_updated": len(changed),
        "children_unchanged": len(header) - len(created) - len(changed),
    }
    return existing, counts


def _store_episodes(
    record: Ssda903Import, council, year: int, rows: list[dict], children: dict[str, Child]
) -> dict[str, int]:
    existing = CareEpisode.objects.filter(episodes_in(year), child__local_authority=council)
    existing_keyed = records.key_episodes(
        list(existing.select_related("child").order_by("id")),
        lambda e: e.child.case_id,
        lambda e: e.start_date,
        lambda e: e.end_date,
    )
    file_keyed = records.key_episodes(
        rows, lambda r: r["CHILD"], lambda r: r["DECOM"], lambda r: r["DEC"]
    )
    created, changed = [], []
    for key, row in file_keyed.items():
        episode = existing_keyed.pop(key, None)
        wanted = records.episode_values(row)
        if episode is not None:
            records.keep_stored(episode, wanted, year)
        if episode is None:
            child = children[row["CHILD"]]
            created.append(
                CareEpisode(child=child, start_date=row["DECOM"], imported_by=record, **wanted)
            )
        elif records.assign(episode, wanted):
            episode.imported_by = record
            changed.append(episode)
    kept = [e for e in existing_keyed.values() if e.placement_id is not None]
    removed = [e.pk for e in existing_keyed.values() if e.placement_id is None]
    CareEpisode.objects.filter(pk__in=removed).delete()
    CareEpisode.objects.bulk_create(created, batch_size=1000)
    fields = [*records.EPISODE_FIELDS, "imported_by"]
    CareEpisode.objects.bulk_update(changed, fields, batch_size=1000)
    return {
        "episodes_created": len(created),
        "episodes_updated": len(changed),
        "episodes_unchanged": len(file_keyed) - len(created) - len(changed),
        "episodes_deleted": len(removed),
        "episodes_kept": len(kept),
    }


# Exports ------------------------------------------------------------------------------------
def export_table(
    *,
    actor,
    councils: QuerySet[LocalAuthority],
    year: int,
    table: str,
    fmt: str = "csv",
    council: LocalAuthority | None = None,
    scope: str = "all in scope",
    key_prefix: str = "",
) -> Iterator[Any]:
    """Stream one table of the ``year`` return for ``councils``, audited when the stream ends.

    ``fmt`` "csv" yields tuples of cells (for ``csv_lines``), "json" a dict per row.
    ``council`` is the one council asked for; without it the export covers ``scope`` (the
    caller's whole scope, or the GSS codes it named), within the acting membership's region
    if it has one. ``councils`` must already be scoped (``rcc.access``). Raises KeyError for a
    table the year does not have, ValueError for a year out of range.
    """
    selectors.columns_for(table, specs.check_year(year))
    read = selectors.export_cells if fmt == "csv" else selectors.export_rows
    membership = access.acting_membership(actor) if council is None else None
    export = Export(
        dataset=f"ssda903.{table}",
        options={"year": year, "council": council.gss_code if council else scope},
        format=fmt,
        local_authority=council,
        region=membership.region if membership else None,
    )
    rows = read(councils=councils, year=year, table=table)
    return audited_stream(rows, actor=actor, export=export, key_prefix=key_prefix)


def export_zip(*, actor, council: LocalAuthority, year: int) -> bytes:
    """A council's ``year`` return, every table as the DfE's CSV, zipped (each audited)."""
    councils = LocalAuthority.objects.filter(pk=council.pk)
    return zip_files({
        f"{table}.csv": csv_lines(
            selectors.columns_for(table, year),
            export_table(actor=actor, councils=councils, year=year, table=table, council=council),
        )
        for table in selectors.tables_written(year)
    })  # fmt: skip
