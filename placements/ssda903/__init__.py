"""The SSDA903 return: column specs and code lists per collection year, parsing with
row-level errors, writing, the mapping from platform records to rows and back (``records``:
what an imported row means for a child or an episode). Pure: no Django (the database side is
``placements.selectors.ssda903`` and ``placements.services.ssda903``)."""

from placements.ssda903.specs import TABLES, TABLES_HELD, columns_for, period, year_label
from placements.ssda903.writing import csv_lines, format_date

__all__ = [
    "TABLES",
    "TABLES_HELD",
    "columns_for",
    "csv_lines",
    "format_date",
    "period",
    "year_label",
]
