"""Writing 903 CSV files, one line at a time (so a national year streams). Pure."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from functools import lru_cache
from operator import itemgetter


class _Line:
    """A file-like object that hands back the last line csv.writer wrote."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> None:
        self.text = text


def csv_lines(columns: Sequence[str], rows: Iterable[Mapping[str, str]]) -> Iterator[str]:
    """The header line, then one line per row (missing keys written blank), each ending "\\n"."""
    line = _Line()
    writer = csv.writer(line, lineterminator="\n")
    writer.writerow(columns)
    yield line.text
    values = itemgetter(*columns)  # a national year is ~130,000 rows: fetch the cells in C
    for row in rows:
        try:
            cells = values(row)
        except KeyError:
            cells = [row.get(column, "") for column in columns]
        writer.writerow(cells if len(columns) > 1 else [cells])
        yield line.text


@lru_cache(maxsize=8192)  # a year has a few hundred distinct days, written again and again
def format_date(day: date | None) -> str:
    """903 dates are DD/MM/YYYY; None is blank."""
    return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
