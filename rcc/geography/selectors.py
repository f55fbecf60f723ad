"""Where postcodes are, and the distances between them, from the directory we imported."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import F

from rcc.geography.models import Postcode
from rcc.geography.postcodes import PostcodeError, miles_between, normalise_postcode, same_grid
from rcc.lookups import AnyOf


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
