"""Keeping a simulation's results (placements.simulation) for the results page."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from placements.models import SimulationRun
from rcc import audit
from rcc.models import Region


@transaction.atomic
def store_run(*, region: Region, report: dict[str, Any]) -> SimulationRun:
    """Keep one run's report; each run is its own row (a run is never changed)."""
    run = SimulationRun.objects.create(
        region=region, seeds=report["seeds"], days=report["days"], report=report
    )
    audit.record(
        actor=None,
        action="placements.simulation_stored",
        obj=run,
        region=region,
        metadata={"seeds": run.seeds, "days": run.days},
    )
    return run
