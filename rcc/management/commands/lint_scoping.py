from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rcc.access import TENANT_SCOPED_MODELS
from rcc.lint import check_tree

PROJECT_APPS = ("rcc", "placements", "providers", "sufficiency", "fostering")


class Command(BaseCommand):
    help = "Fail when a view or API module queries a tenant-scoped model directly."

    def handle(self, *args, **options) -> None:
        names = {label.split(".")[1] for label in TENANT_SCOPED_MODELS}
        findings = check_tree(Path(settings.BASE_DIR), PROJECT_APPS, names)
        for finding in findings:
            self.stderr.write(str(finding))
        if findings:
            raise CommandError(f"{len(findings)} direct quer(y/ies) of tenant-scoped models")
        self.stdout.write(f"Scoping lint: no direct queries of {len(names)} tenant-scoped models.")
