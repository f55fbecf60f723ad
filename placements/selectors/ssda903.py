"""The SSDA903 export, streamed from the database: the stable interface for files and API.

    TABLES_EXPORTED                      the tables the platform holds: every table of the return
    tables_written(year)                 every table of that year's return
    columns_for(table, year)             the table's columns that year
    export_rows(councils=, year=, table=)  the table's rows, formatted (DD/MM/YYYY dates, the
                                         year's codes), streamed with ``.iterator()``
    export_cells(councils=, year=, table=) the same rows as tuples in column order (files
                                         and CSV: no dict per row)
    csv_lines(columns, rows)             CSV text, one line at a time

``year`` is the year in which the collection year ends, as the DfE counts it: 2026 is
2025/26 (1 April 2025 to 31 March 2026). ``councils`` must already be scoped to what the
caller may see (``rcc.access``); rows come council by council, child by child. What a row
says is decided in ``placements.ssda903.mapping`` and only there. Nothing here holds a
whole year in memory: rows are read in chunks of ``CHUNK`` and yielded one by one.
Children's CHILD ids are unique within a council only: a file for several councils can
repeat one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.cache import cache
from django.db import connections, transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet

from placements import models
from placements.models import CareEpisode, Child, Ssda903Import
from placements.ssda903 import mapping, specs, tables
from placements.ssda903.specs import columns_for
from placements.ssda903.writing import csv_lines
from rcc import access
from rcc.models import LocalAuthority

__all__ = [
    "TABLES_EXPORTED",
    "columns_for",
    "csv_lines",
    "export_cells",
    "export_rows",
    "table_model",
    "tables_written",
]

TABLES_EXPORTED: tuple[str, ...] = specs.TABLES_HELD
CHUNK = 2_000


def tables_written(year: int) -> list[str]:
    """Every table of the ``year`` return, as a file export writes them."""
    return specs.tables_for(specs.check_year(year))


def export_rows(
    *, councils: QuerySet[LocalAuthority], year: int, table: str
) -> Iterator[dict[str, str]]:
    """The rows of ``table`` for ``councils`` in collection year ``year``, streamed."""
    columns = columns_for(table, specs.check_year(year))
    return _named(columns, export_cells(councils=councils, year=year, table=table))


def export_cells(
    *, councils: QuerySet[LocalAuthority], year: int, table: str
) -> Iterator[tuple[str, ...]]:
    """As ``export_rows``, each row a tuple of its cells in ``columns_for(table, year)``
    order: what ``csv_lines`` writes fastest (no dict per row)."""
    columns_for(table, specs.check_year(year))  # KeyError for a table the year does not have
    if table == "header":
        return _header(councils, year)
    if table == "uasc":
        return _uasc(councils, year)
    if table == "episodes":
        return _episodes(councils, year)
    return _table(councils, year, table)


def table_model(table: str) -> type[models.Ssda903Row]:
    """The model holding ``table`` (Reviews, OC2, ...; not Header, Episodes or UASC)."""
    return getattr(models, tables.MODELS[table])


def episodes_in(year: int) -> Q:
    """Episodes open at any point of the collection year (from 1 April to 31 March)."""
    first, last = specs.period(year)
    return Q(start_date__lte=last) & (Q(end_date__isnull=True) | Q(end_date__gte=first))


def children_in(councils: QuerySet[LocalAuthority], year: int) -> QuerySet[Child]:
    """The Header's children: the councils' children with an episode in the year, or a row
    of the year in another table (care leavers in OC3, above all)."""
    listed = Exists(CareEpisode.objects.filter(episodes_in(year), child=OuterRef("pk")))
    for table in tables.MODELS:  # uncorrelated: PostgreSQL hashes each once, not per child
        listed |= Q(pk__in=table_model(table).objects.filter(year=year).values("child_id"))
    return (
        Child.objects.filter(local_authority__in=councils)
        .filter(listed)
        .order_by("local_authority_id", "id")  # as the episodes: an integer sort
    )


def _named(columns: list[str], rows: Iterator[tuple[str, ...]]) -> Iterator[dict[str, str]]:
    for cells in rows:
        yield dict(zip(columns, cells, strict=True))


def _stream(queryset: QuerySet) -> Iterator[Any]:
    """The queryset's rows in chunks, planned for reading every row.

    Inside a transaction PostgreSQL's cursor needs no WITH HOLD (which would copy the whole
    result before the first row), and ``cursor_tuple_fraction = 1`` plans for all rows rather
    than the first tenth (a sort and hash joins instead of nested index loops): together they
    bring the read to about the cost of COPY (bench/ssda903.py).
    """
    with transaction.atomic(using=queryset.db):
        connection = connections[queryset.db]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL cursor_tuple_fraction = 1.0")
                # The Header's ten "listed in a table" tests push the estimate over the JIT
                # threshold; compiling costs more than it saves on a plain scan (1.5 s).
                cursor.execute("SET LOCAL jit = off")
        yield from queryset.iterator(chunk_size=CHUNK)


def _header(councils, year: int) -> Iterator[tuple[str, ...]]:
    for child in _stream(children_in(councils, year).values_list(*mapping.CHILD_FIELDS)):
        yield mapping.header_cells(child, year)


def _uasc(councils, year: int) -> Iterator[tuple[str, ...]]:
    children = children_in(councils, year).filter(is_uasc=True)
    for child in _stream(children.values_list(*mapping.CHILD_FIELDS)):
        if mapping.in_uasc_table(child[7], child[8], year):  # is_uasc, uasc_ceased
            yield mapping.uasc_cells(child, year)


def _episodes(councils, year: int) -> Iterator[tuple[str, ...]]:
    # Tuples in mapping.EPISODE_FIELDS order (values_list: no dict per row).
    episodes = (
        CareEpisode.objects.filter(episodes_in(year), child__local_authority__in=councils)
        .annotate(case_id=F("child__case_id"), setting_urn=F("placement__setting__urn"))
        # By child id, not CHILD: an integer sort is several times cheaper than a collated
        # text sort at national scale (the 903 does not order rows).
        .order_by(
            "child__local_authority_id",
            "child_id",
            "start_date",
            F("end_date").asc(nulls_last=True),
            "id",
        )
        .values_list(*mapping.EPISODE_FIELDS)
    )
    return mapping.episode_cells(_stream(episodes), year)


def _table(councils, year: int, table: str) -> Iterator[tuple[str, ...]]:
    rows = (
        table_model(table)
        .objects.filter(year=year, child__local_authority__in=councils)
        .order_by("child__local_authority_id", "child_id", "id")
        .values_list("child__case_id", "child__date_of_birth", *tables.field_names(table))
    )
    return map(mapping.table_cells(table), _stream(rows))


# Who is exported (API) ------------------------------------------------------------------
def councils_to_export(user, council: LocalAuthority | None = None) -> QuerySet[LocalAuthority]:
    """The councils whose 903 return the user may export: ``council`` only, if given."""
    councils = access.councils_for_903_export(user)
    return councils.filter(pk=council.pk) if council is not None else councils


def gss_codes(councils: QuerySet[LocalAuthority]) -> list[str]:
    return list(councils.values_list("gss_code", flat=True))


# The import records (upload pages) ------------------------------------------------------
def import_councils_for(user) -> QuerySet[LocalAuthority]:
    """Councils whose 903 return the user may import."""
    return access.councils_for_903_import(user).order_by("name")


def imports_for(user) -> QuerySet[Ssda903Import]:
    return access.ssda903_imports_for(user).order_by("-created_at", "-pk")


def rows_read(record: Ssda903Import) -> int:
    """How far a running import has got (its progress is in the cache until it finishes)."""
    if record.finished:
        return record.total_rows if record.status == record.Status.IMPORTED else 0
    return int(cache.get(f"ssda903:import:{record.pk}:progress") or 0)


# The DfE rules run from the screens ------------------------------------------------------
def validations_for(user) -> QuerySet:
    return access.ssda903_validations_for(user).order_by("-created_at", "-pk")


def child_ids(council: LocalAuthority, case_ids) -> dict[str, Any]:
    """CHILD -> the child's id in the platform (for links), within one council."""
    children = Child.objects.filter(local_authority=council, case_id__in=set(case_ids))
    return dict(children.values_list("case_id", "public_id"))
