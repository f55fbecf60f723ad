"""Writing 903 CSV files, one line at a time (so a national year streams). Pure."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import lru_cache
from operator import itemgetter


class _Line:
    """A file-like object that hands back the last line csv.writer wrote."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text = text


def csv_lines(
    columns: Sequence[str], rows: Iterable[Mapping[str, str] | tuple[str, ...]]
) -> Iterator[str]:
    """The header line, then one line per row, each ending "\\n". A row is a tuple of cells
    in ``columns`` order (written as it is), or a mapping by column (missing keys blank)."""
    line = _Line()
    writer = csv.writer(line, lineterminator="\n")
    writer.writerow(columns)
    yield line.text
    cells_of = _cells_getter(columns)
    for row in rows:
        writer.writerow(row if type(row) is tuple else cells_of(row))  # exact type: cheap
        yield line.text


def _cells_getter(columns: Sequence[str]) -> Callable[[Mapping[str, str]], Sequence[str]]:
    values = itemgetter(*columns)  # fetch the cells in C

    def cells_of(row: Mapping[str, str]) -> Sequence[str]:
        try:
            cells = values(row)
        except KeyError:
            return [row.get(column, "") for column in columns]
        return cells if len(columns) > 1 else [cells]

    return cells_of


@lru_cache(maxsize=8192)  # a year has a few hundred distinct days, written again and again
def format_date(day: date | None) -> str:
    """903 dates are DD/MM/YYYY; None is blank."""
    return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def zip_files(files: Mapping[str, Iterable[str]]) -> bytes:
    """A zip of text files, each given as its lines (written as they come)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, lines in files.items():
            with archive.open(name, "w") as file:
                for line in lines:
                    file.write(line.encode("utf-8"))
    return buffer.getvalue()
