"""Loading the ONS Postcode Directory (the distances between postcodes are read in
``rcc.geography.selectors``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import transaction

from rcc import audit
from rcc.geography.models import Postcode
from rcc.geography.postcodes import (
    PostcodeError,
    PostcodeRow,
    normalise_area,
    postcode_area,
    read_postcode_files,
)

BATCH_SIZE = 5_000
_UPDATED_FIELDS = ["easting", "northing", "local_authority_code"]


@transaction.atomic
def import_postcodes(*, areas: list[str] | None = None) -> int:
    """Upsert the directory's postcodes (or those of ``areas``, such as ``["M", "BL"]``).

    Returns how many postcodes were written. Re-running writes the same values again, so
    it changes nothing; a newer package corrects moved postcodes. Postcodes that left the
    directory are kept: old placements may still name them. Raises ``PostcodeError`` for
    something that is not a postcode area, or an area with no postcodes (nothing is written).
    """
    wanted = frozenset(normalise_area(area) for area in areas) if areas is not None else None
    if wanted is not None and not wanted:
        raise PostcodeError("No postcode areas given")
    count, seen = 0, set()
    for batch in _batches(read_postcode_files(areas=wanted), BATCH_SIZE):
        _upsert(batch)
        count += len(batch)
        if wanted is not None:
            seen.update(postcode_area(row.postcode) for row in batch)
    if wanted is not None and wanted - seen:
        raise PostcodeError(f"No postcodes in area(s) {', '.join(sorted(wanted - seen))}")
    audit.record(
        actor=None,
        action="postcodes.imported",
        object_type="placements.postcode",
        metadata={"areas": sorted(wanted) if wanted else "all", "postcodes": count},
    )
    return count


def _upsert(batch: list[PostcodeRow]) -> None:
    Postcode.objects.bulk_create(
        [Postcode(*row) for row in batch],  # PostcodeRow's fields are in the model's order
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["postcode"],
        update_fields=_UPDATED_FIELDS,
    )


def _batches(rows: Iterable[PostcodeRow], size: int) -> Iterator[list[PostcodeRow]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch
