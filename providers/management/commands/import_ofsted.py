"""``manage.py import_ofsted FILE``: load Ofsted's provider-level CSV into the register."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from providers.ofsted import OfstedFileError
from providers.services.ofsted import ImportReport, import_ofsted


class Command(BaseCommand):
    help = "Import Ofsted's provider-level CSV (UTF-8): every row, or nothing when any is wrong."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="The CSV file, as downloaded from Ofsted")

    def handle(self, *args, file: Path, **options) -> None:
        try:
            report = import_ofsted(text=_read(file), actor=None)
        except OfstedFileError as exc:
            raise CommandError(str(exc)) from None
        self._print(report)
        if not report.imported:
            raise CommandError(
                f"Import refused: {len(report.rejected)} problem(s) found; nothing was written"
            )

    def _print(self, report: ImportReport) -> None:
        for name, count in report.counts.items():
            self.stdout.write(f"{name.replace('_', ' ').capitalize()}: {count}")
        for error in report.rejected:
            self.stdout.write(f"  {error}")


def _read(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise CommandError(f"Cannot read {file}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise CommandError(f"{file} is not UTF-8 text: save it as 'CSV UTF-8'") from None
