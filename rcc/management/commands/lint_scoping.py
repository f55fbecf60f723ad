from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from rcc.access.scoping import tenant_scoped_models
from rcc.lint import check_tree, delivery_modules

PROJECT_APPS = ("rcc", "providers", "placements", "fostering", "sufficiency", "demo")


class Command(BaseCommand):
    help = "Fail when a module outside selectors, services and access queries a scoped model."

    def handle(self, *args, **options) -> None:
        root = Path(settings.BASE_DIR)
        apps = [app for app in PROJECT_APPS if (root / app).is_dir()]
        names = {model.__name__ for model in tenant_scoped_models()}
        findings = check_tree(root, apps, names)
        for finding in findings:
            self.stderr.write(str(finding))
        if findings:
            raise CommandError(f"{len(findings)} direct quer(y/ies) of tenant-scoped models")
        read = len(delivery_modules(root, apps))
        self.stdout.write(
            f"Scoping lint: {read} modules read, no direct queries of "
            f"{len(names)} tenant-scoped models."
        )
