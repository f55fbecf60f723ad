"""The figures a strategy version is built from, as plain JSON, and what changed between two.

Pure: plain rows in, plain dicts out. A version stores ``freeze``'s result; its page, PDF and
API render only from that, so a published version shows the same numbers whatever happens to
the data afterwards. Floats are rounded to one decimal place before they are stored.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict
from typing import Any

from sufficiency import gaps, measures

GAP_FIELDS_COMPARED = ("demand_12", "places", "planned_12", "gap_12")
FORMAT = 1  # bump when the shape changes; renderers read older shapes too


def _round(value: Any) -> Any:
    return round(value, 1) if isinstance(value, float) else value


def gap_row(row: gaps.GapTableRow) -> dict[str, Any]:
    return {**{k: _round(v) for k, v in asdict(row).items()}, "trend": row.trend}


def need_row(row: gaps.NeedRow) -> dict[str, Any]:
    return asdict(row)


def measure_row(row: measures.MeasureRow) -> dict[str, Any]:
    return {
        "on": row.on.isoformat(),
        "placed": row.placed,
        "within_20_miles": row.within_20_miles,
        "outside_region": row.outside_region,
        "family_based": row.family_based,
        "residential": row.residential,
        "weekly_cost": {k: (str(v) if v is not None else None) for k, v in row.weekly_cost.items()},
    }


def market_needs(rows: Sequence[Mapping[str, Any]], needs: Sequence[Mapping[str, Any]]) -> list:
    """What the region asks providers for: each council and category short of places in 12
    months (after planned places), with the need levels of children placed far away."""
    far: dict[str, list[str]] = {}
    for row in needs:
        if row["placed_outside_region"] or row["placed_over_20_miles"]:
            far.setdefault(row["category"], []).append(row["need_level"])
    return [
        {
            "council": row["area"],
            "category": row["category"],
            "places": math.ceil(row["gap_12"] - 1e-9),
            "need_levels": far.get(row["category"], []),
        }
        for row in rows
        if row["area"] != gaps.REGION and row["gap_12"] >= 0.5
    ]


def freeze(
    *,
    as_of: str,
    forecast: Mapping[str, Any] | None,
    rows: Sequence[gaps.GapTableRow],
    needs: Sequence[gaps.NeedRow],
    pipeline: Sequence[Mapping[str, Any]],
    measure_rows: Sequence[measures.MeasureRow],
    actions: Sequence[Mapping[str, Any]],
    prices: Sequence[Mapping[str, Any]],
) -> dict[str, Any]:
    gap_rows = [gap_row(r) for r in rows]
    need_rows = [need_row(r) for r in needs]
    return {
        "format": FORMAT,
        "as_of": as_of,
        "forecast": dict(forecast) if forecast else None,
        "gaps": gap_rows,
        "needs": need_rows,
        "pipeline": list(pipeline),
        "measures": [measure_row(r) for r in measure_rows],
        "actions": list(actions),
        "market": {"needs": market_needs(gap_rows, need_rows), "prices": list(prices)},
    }


def section_text(text: str) -> str:
    """A section as it is kept and compared: one kind of line end (browsers post CRLF), no
    space around it; so a section re-posted unchanged is not a rewrite."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def sections_changed(before: Mapping[str, str], after: Mapping[str, str]) -> list[str]:
    """The keys of the sections whose text differs, ignoring line ends and surrounding space."""
    return [
        key
        for key in sorted(set(before) | set(after))
        if section_text(before.get(key, "")) != section_text(after.get(key, ""))
    ]


def changes(
    before: Mapping[str, Any] | None,
    before_sections: Mapping[str, str] | None,
    after: Mapping[str, Any],
    after_sections: Mapping[str, str],
) -> dict[str, Any]:
    """What changed from the previous published version: sections rewritten, gap figures that
    moved (region and councils), projects added or gone, actions added or gone."""
    if before is None:
        return {"first": True}
    old = {(r["area"], r["category"]): r for r in before.get("gaps", [])}
    figures = []
    for row in after.get("gaps", []):
        previous = old.get((row["area"], row["category"]))
        for name in GAP_FIELDS_COMPARED:
            was = previous.get(name) if previous else None
            if was != row[name]:
                figures.append(
                    {
                        "area": row["area"],
                        "category": row["category"],
                        "field": name,
                        "before": was,
                        "after": row[name],
                    }
                )
    return {
        "first": False,
        "sections": sections_changed(before_sections or {}, after_sections),
        "figures": figures,
        "projects_added": _added(before.get("pipeline", []), after.get("pipeline", []), "name"),
        "projects_removed": _added(after.get("pipeline", []), before.get("pipeline", []), "name"),
        "actions_added": _added(before.get("actions", []), after.get("actions", []), "title"),
        "actions_removed": _added(after.get("actions", []), before.get("actions", []), "title"),
    }


def _added(old: Sequence[Mapping[str, Any]], new: Sequence[Mapping[str, Any]], key: str) -> list:
    seen = {item[key] for item in old}
    return [item[key] for item in new if item[key] not in seen]
