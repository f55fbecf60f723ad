"""The latest stored simulation of the user's region (or, for national staff, of any region)."""

from __future__ import annotations

from typing import Any

from placements.models import SimulationRun
from rcc import access


def latest_run(user: Any) -> SimulationRun | None:
    return access.simulation_runs_for(user).order_by("-created_at", "-pk").first()
