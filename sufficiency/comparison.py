"""A scenario's figures beside the baseline's, by category, at 6, 12 and 24 months."""

from __future__ import annotations

from typing import Any

from sufficiency import forecasting as fc
from sufficiency.models.forecast import ALL, ForecastRun

HORIZONS = (26, 52, 104)


def compare(baseline: ForecastRun, scenario: ForecastRun) -> list[dict[str, Any]]:
    def means(run: ForecastRun) -> dict[tuple[str, int], float]:
        rows = run.figures.filter(age_band=ALL, week__in=HORIZONS).values_list(
            "category", "week", "mean"
        )
        return {(category, week): mean for category, week, mean in rows}

    base, other = means(baseline), means(scenario)
    return [
        {"category": c, "week": w, "baseline": base[(c, w)], "scenario": other[(c, w)]}
        for c in (*fc.CATEGORIES, ALL)
        for w in HORIZONS
        if (c, w) in base and (c, w) in other
    ]
