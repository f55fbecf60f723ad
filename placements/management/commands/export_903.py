"""``manage.py export_903 --la GSS_CODE --year YYYY --out DIR``: a council's 903 files."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from placements.selectors.ssda903 import columns_for, csv_lines, export_cells, tables_written
from placements.services.ssda903 import record_export
from rcc.models import LocalAuthority


class Command(BaseCommand):
    help = (
        "Write a council's SSDA903 files for a collection year (YYYY: the year it ends; 2026 is "
        "2025/26): header.csv, episodes.csv and uasc.csv, and every other table of the year "
        "empty (the DfE validator wants them all). --la may be repeated, or 'all'."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--la", required=True, action="append", help="ONS GSS code, or all")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--out", required=True, type=Path)

    def handle(self, *args, la: list[str], year: int, out: Path, **options) -> None:
        councils = LocalAuthority.objects.all()
        if "all" not in la:
            councils = councils.filter(gss_code__in=[code.upper() for code in la])
            if councils.count() != len(set(la)):
                raise CommandError(f"Not every code is a council we know: {', '.join(la)}")
        try:
            tables = tables_written(year)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        out.mkdir(parents=True, exist_ok=True)
        for table in tables:
            rows = export_cells(councils=councils, year=year, table=table)
            lines = 0
            with (out / f"{table}.csv").open("w", encoding="utf-8", newline="") as file:
                for line in csv_lines(columns_for(table, year), rows):
                    file.write(line)
                    lines += 1
            self.stdout.write(f"{table}.csv: {lines - 1} rows")
        record_export(actor=None, councils=councils, year=year, channel="command", tables=tables)
