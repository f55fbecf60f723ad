"""``manage.py seed_strategies``: the demo strategies and new-provision projects (after
``seed_demo`` and ``run_forecasts``, as ``make demo`` runs them)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

import sufficiency.demo


class Command(BaseCommand):
    help = "Seed the demo sufficiency strategies (refused unless DEMO_MODE is on)."

    def handle(self, *args, **options) -> None:
        if not settings.DEMO_MODE:
            raise CommandError("seed_strategies writes demo data: run it only with DEMO_MODE=1.")
        for line in sufficiency.demo.seed() or ["Strategies were seeded already: nothing to do."]:
            self.stdout.write(line)
