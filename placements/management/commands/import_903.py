"""``manage.py import_903 --la GSS_CODE DIR_OR_FILES...``: a council's 903 files, all or nothing."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from placements.services.ssda903 import import_files
from rcc.selectors import councils_by_code


class Command(BaseCommand):
    help = (
        "Import a council's SSDA903 files (every table of the return) for one or more "
        "collection years. A file's year comes from "
        "its path (2026/episodes.csv, episodes_2025-26.csv) or --year. Any bad row refuses "
        "every file; importing a year again replaces that year."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="CSV files, or folders of them")
        parser.add_argument("--la", required=True, help="The council's ONS GSS code (E08000001)")
        parser.add_argument("--year", type=int, help="For files whose path gives no year (2026)")

    def handle(self, *args, paths: list[Path], la: str, year: int | None, **options) -> None:
        council = councils_by_code([la.upper()]).first()
        if council is None:
            raise CommandError(f"No council has the GSS code {la}")
        files = {str(path): _read(path) for path in _csv_files(paths)}
        if not files:
            raise CommandError("No CSV files found")
        record = import_files(actor=None, council=council, files=files, year=year)
        for error in record.errors:
            row = f" row {error['row']}" if error["row"] else ""
            column = f" {error['column']}" if error["column"] else ""
            self.stdout.write(f"{error['file']}{row}{column}: {error['reason']}")
        if record.status != record.Status.IMPORTED:
            raise CommandError(
                f"Import refused: {record.error_count} problem(s); nothing was stored"
            )
        for found_year, counts in record.counts["years"].items():
            text = ", ".join(f"{name.replace('_', ' ')} {n}" for name, n in counts.items())
            self.stdout.write(f"{found_year}: {text}")


def _csv_files(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.suffix.lower() == ".csv")
        elif path.exists():
            found.append(path)
        else:
            raise CommandError(f"{path} does not exist")
    return found


def _read(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise CommandError(f"{file} is not UTF-8 text: save it as 'CSV UTF-8'") from None
