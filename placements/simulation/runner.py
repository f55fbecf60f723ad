"""Every policy through the same region-year (same draws), summarised side by side (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from placements.simulation import draws as draws_module
from placements.simulation import engine, metrics
from placements.simulation.world import World

BASELINE = "status_quo"


def compare(
    world: World, *, seed: int, days: int, policies: Sequence[str], start: date
) -> dict[str, dict]:
    drawn = draws_module.draw(world, seed, days)
    outcomes = {p: engine.run(world, drawn, p, start=start) for p in policies}
    if BASELINE not in outcomes and len(policies) > 1:
        outcomes[BASELINE] = engine.run(world, drawn, BASELINE, start=start)
    baseline = outcomes.get(BASELINE)
    return {
        p: metrics.summarise(outcomes[p], baseline=None if p == BASELINE else baseline)
        for p in policies
    }


def compare_seeds(
    world: World, *, seeds: Sequence[int], days: int, policies: Sequence[str], start: date
) -> dict[str, dict]:
    runs = [compare(world, seed=s, days=days, policies=policies, start=start) for s in seeds]
    return {p: metrics.spread([run[p] for run in runs]) for p in policies}
