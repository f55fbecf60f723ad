"""Simulate a region-year under each allocation policy: `manage.py simulate_region --region
greater-manchester [--policy regional] [--seed 1 | --seeds 1-10] [--days 365] [--json FILE]`.

Reads the region from the database (never writes to it) and runs the platform's own matching
on in-memory copies; see placements/simulation and docs/adr/0024-regional-allocation.md.
"""

from __future__ import annotations

import json
import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from placements.selectors.simulation import region_world
from placements.services.simulation import store_run
from placements.simulation import engine, runner
from rcc.models import Region

START = date(2025, 4, 1)  # a collection year, as the DfE counts


class Command(BaseCommand):
    help = "Simulate a region-year of referrals under each allocation policy."

    def add_arguments(self, parser):
        parser.add_argument("--region", required=True, help="region slug")
        parser.add_argument("--policy", choices=engine.POLICIES, help="one policy (default all)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--seeds", help="several seeds, as 1-10: mean and spread")
        parser.add_argument("--days", type=int, default=365)
        parser.add_argument("--referrals-per-year", type=float, default=None)
        parser.add_argument("--json", dest="json_file", help="write the results to this file")
        parser.add_argument(
            "--store", action="store_true", help="keep the results for the results page"
        )

    def handle(self, *args, **options):
        try:
            world = region_world(
                options["region"], referrals_per_year=options["referrals_per_year"]
            )
        except Exception as error:  # no such region, or nothing to draw from
            raise CommandError(str(error)) from error
        policies = [options["policy"]] if options["policy"] else list(engine.POLICIES)
        started = time.perf_counter()
        if options["seeds"]:
            first, _, last = options["seeds"].partition("-")
            seeds = list(range(int(first), int(last or first) + 1))
            results = runner.compare_seeds(
                world, seeds=seeds, days=options["days"], policies=policies, start=START
            )
        else:
            seeds = [options["seed"]]
            results = runner.compare(
                world, seed=options["seed"], days=options["days"], policies=policies, start=START
            )
        seconds = round(time.perf_counter() - started, 2)
        report = {
            "region": world.region,
            "seeds": seeds,
            "days": options["days"],
            "settings": len(world.settings),
            "referrals_per_year": round(world.referrals_per_year, 1),
            "sources": world.sources,
            "seconds": seconds,
            "policies": results,
        }
        text = json.dumps(report, indent=2, default=str)
        if options["json_file"]:
            with open(options["json_file"], "w") as out:
                out.write(text + "\n")
        if options["store"]:
            store_run(region=Region.objects.get(slug=world.region), report=report)
        self.stdout.write(text)
