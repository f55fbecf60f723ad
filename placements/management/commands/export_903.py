"""``manage.py export_903 --la GSS_CODE --year YYYY --out DIR``: a council's 903 files."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from placements.selectors.ssda903 import columns_for, csv_lines, tables_written
from placements.services.ssda903 import export_table
from rcc.selectors import councils_by_code


class Command(BaseCommand):
    help = (
        "Write a council's SSDA903 files for a collection year (YYYY: the year it ends; 2026 is "
        "2025/26): every table of that year's return, one CSV each (a table with no rows has its "
        "columns only: the DfE validator wants them all). --la may be repeated, or 'all'."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--la", required=True, action="append", help="ONS GSS code, or all")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args, la: list[str], year: int, out: Path, **options) -> None:
        codes = sorted({code.upper() for code in la})
        councils = councils_by_code(None if "all" in la else codes)
        if "all" not in la and councils.count() != len(set(la)):
            raise CommandError(f"Not every code is a council we know: {', '.join(la)}")
        try:
            tables = tables_written(year)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        # Audited as the API's exports are: one event per table, with its row count.
        council = councils.get() if "all" not in la and len(codes) == 1 else None
        scope = "all in scope" if "all" in la else ", ".join(codes)
        out.mkdir(parents=True, exist_ok=True)
        for table in tables:
            rows = export_table(
                actor=None, councils=councils, year=year, table=table, council=council, scope=scope
            )
            lines = 0
            with (out / f"{table}.csv").open("w", encoding="utf-8", newline="") as file:
                for line in csv_lines(columns_for(table, year), rows):
                    file.write(line)
                    lines += 1
            self.stdout.write(f"{table}.csv: {lines - 1} rows")
