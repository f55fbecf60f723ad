"""``manage.py run_forecasts [--region ID] [--as-of YYYY-MM-DD]``: every region's baseline
forecast now, in this process (the nightly beat job does the same through Celery)."""

from __future__ import annotations

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rcc.models import Region
from sufficiency.services import forecast as services


class Command(BaseCommand):
    help = "Run the baseline demand forecast of every region (or one) and store it."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--region", type=int, help="The id of one region")
        parser.add_argument("--as-of", type=date.fromisoformat, help="Default: today")

    def handle(self, *args, **options) -> None:
        regions = Region.objects.order_by("name")
        if options["region"] is not None:
            regions = regions.filter(pk=options["region"])
            if not regions.exists():
                raise CommandError(f"No region with id {options['region']}")
        as_of = options["as_of"] or timezone.localdate()
        for region in regions:
            began = time.perf_counter()
            run = services.run_forecast(region=region, as_of=as_of)
            self.stdout.write(
                f"{region.name}: {run.metrics.get('children_now', 0)} children in care, "
                f"{time.perf_counter() - began:.1f} s; {_accuracy(run.metrics)}"
            )


def _accuracy(metrics: dict) -> str:
    """How the 12-month forecasts of all children in care did over the rolling backtests."""
    year = (metrics.get("rolling") or {}).get("summary", {}).get("52", {}).get("all")
    if not year or not year.get("forecasts"):
        return "not enough history to backtest 12-month forecasts"
    n = year["forecasts"]
    return (
        f"over the last {n} quarters a 12-month forecast of all children in care was within "
        f"{year['within']}% of what happened {year['times']} times out of {n} (mean error "
        f"{year['error']:.1f}%; today's count carried forward {year['carried_error']:.1f}%)"
    )
