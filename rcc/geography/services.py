"""Loading the ONS Postcode Directory, and distances between postcodes from it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import transaction
from django.db.models import F

from rcc import audit
from rcc.geography.models import Postcode
from rcc.geography.postcodes import (
    PostcodeError,
    PostcodeRow,
    miles_between,
    normalise_area,
    normalise_postcode,
    postcode_area,
    read_postcode_files,
    same_grid,
)
from rcc.lookups import AnyOf

BATCH_SIZE = 5_000
_UPDATED_FIELDS = ["easting", "northing", "local_authority_code"]


class UnknownPostcode(PostcodeError):
    """A well-formed postcode not in the directory we imported (or without a grid reference)."""

    def __init__(self, postcode: str) -> None:
        self.postcode = postcode
        super().__init__(
            f"{postcode} is not in the postcode directory: check it, or import its area "
            "(manage.py import_postcodes --areas ...)"
        )


class IncomparablePostcodes(PostcodeError):
    """One postcode is in Northern Ireland (Irish Grid), the other in Great Britain."""


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


def coordinates_for(postcodes: Iterable[str]) -> dict[str, tuple[int, int]]:
    """``{normalised postcode: (easting, northing)}`` for those we know, in one query.

    Raises ``PostcodeError`` for anything that is not a postcode; unknown ones are absent.
    """
    wanted = {normalise_postcode(postcode) for postcode in postcodes}
    rows = Postcode.objects.filter(AnyOf(F("postcode"), wanted)).values_list(
        "postcode", "easting", "northing"
    )
    return {postcode: (easting, northing) for postcode, easting, northing in rows}


def distance_miles(a: str, b: str) -> float:
    """Straight-line miles between two postcodes, as the DfE computes PL_DISTANCE.

    Raises ``UnknownPostcode`` (naming it) when either is not in the table, never a
    silent zero, and ``IncomparablePostcodes`` across the Irish and British grids.
    """
    first, second = normalise_postcode(a), normalise_postcode(b)
    found = coordinates_for([first, second])
    for postcode in (first, second):
        if postcode not in found:
            raise UnknownPostcode(postcode)
    if not same_grid(first, second):
        raise IncomparablePostcodes(
            f"{first} and {second} are on different grids (Northern Ireland uses the "
            "Irish Grid), so there is no distance between them"
        )
    return miles_between(found[first], found[second])


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
