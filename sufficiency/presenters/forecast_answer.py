"""The answer a forecast page leads with: how many children now, in 12 and 24 months, the likely
range, the cost, and how accurate such forecasts have been, in plain words; and the table and
CSV of the rolling backtests behind the last."""

from __future__ import annotations

from typing import Any

from rcc.kit.format import count, format_date, money, percent, share
from rcc.kit.tables import Column, number
from sufficiency import costs
from sufficiency.models.forecast import ALL, ForecastRun

HORIZON_WORDS = {"13": "3-month", "26": "6-month", "52": "12-month"}


def _months(weeks: str | int) -> str:
    return f"{round(int(weeks) * 12 / 52)} months"


def answer(run: ForecastRun, cost_rows: list[costs.CostRow]) -> list[str]:
    """A few sentences, most important first (an old run without the figures gets fewer)."""
    metrics = run.metrics or {}
    headline = metrics.get("headline") or {}
    sentences = []
    if headline:
        day = format_date(run.as_of)
        sentences.append(f"{count(headline['now'])} children were in care on {day}.")
        for weeks, figure in headline.get("weeks", {}).items():
            sentences.append(
                f"In {_months(weeks)} we expect about {count(figure['mean'])}: 8 times out of 10 "
                f"between {_between(figure['lower80'], figure['upper80'])}, and 19 times out "
                f"of 20 between {_between(figure['lower95'], figure['upper95'])}."
            )
    sentences += _entries(metrics.get("entries") or {})
    sentences += _cost(cost_rows)
    sentences += _accuracy(metrics.get("rolling") or {})
    return sentences


def _between(lower: float, upper: float) -> str:
    return f"{count(lower)} and {count(upper)}"


def _entries(path: dict[str, Any]) -> list[str]:
    if not path:
        return []
    if path.get("method") == "flat":
        return ["Children entering care are expected to keep coming at about the recent rate."]
    growth = path.get("growth_per_year", 0.0)
    direction = "rising" if growth > 0 else "falling"
    seasons = " (with the usual seasons)" if "seasons" in path.get("method", "") else ""
    return [
        f"Children entering care have been {direction} by about {percent(abs(growth) * 100)} "
        f"a year{seasons}; the forecast expects that to slow and level off over the next year."
    ]


def _cost(cost_rows: list[costs.CostRow]) -> list[str]:
    year = next(
        (r for r in cost_rows if r.category == costs.TOTAL and r.week == 52 and r.weekly_cost),
        None,
    )
    if year is None:
        return []
    likely = (
        f", likely between {money(year.cost_lower80)} and {money(year.cost_upper80)}"
        if year.cost_lower80 is not None and year.cost_upper80 is not None
        else ""
    )
    return [
        f"At the region's median agreed prices, the priced placements would cost about "
        f"{money(year.weekly_cost)} a week in 12 months{likely} (children in fostering with the "
        "councils' own carers, with family and friends, with parents or for adoption are not "
        "priced)."
    ]


def _accuracy(rolling: dict[str, Any]) -> list[str]:
    year = (rolling.get("summary") or {}).get("52", {}).get(ALL)
    if not year or not year.get("forecasts"):
        return ["There is not yet enough history to say how accurate such forecasts have been."]
    n = year["forecasts"]
    sentences = [
        f"Over the last {n} quarters, a 12-month forecast of all children in care was within "
        f"{year['within']}% of what happened {year['times']} times out of {n}; assuming no "
        f"change would have been that close {year['carried_times']} times out of {n}."
    ]
    held = year.get("calibrated80", year.get("coverage80"))
    if held is not None:
        sentences.append(
            f"The range we give as 8 times out of 10 held what happened in "
            f"{round(held * n)} of those {n} forecasts; it is widened by how far past "
            "forecasts missed."
        )
    return sentences


# The accuracy table: one row per horizon, for all children and for the categories' average.
def accuracy_rows(run: ForecastRun) -> list[dict[str, Any]]:
    summary = ((run.metrics or {}).get("rolling") or {}).get("summary") or {}
    rows = []
    for weeks, groups in summary.items():
        for group in (ALL, "categories"):
            if group in groups:
                rows.append({"weeks": weeks, "group": group, **groups[group]})
    return rows


def _group(row: dict[str, Any]) -> str:
    return "All children in care" if row["group"] == ALL else "Each category (average)"


def accuracy_columns() -> list[Column]:
    return [
        Column("Forecast", lambda r: f"{HORIZON_WORDS.get(r['weeks'], r['weeks'])} ahead"),
        Column("Of", _group),
        number("Forecasts checked", lambda r: r["forecasts"]),
        number("Mean error", lambda r: percent(r["error"])),
        number("Today's count carried forward", lambda r: percent(r["carried_error"])),
        number("Previous model", lambda r: percent(r["previous_error"])),
        number("Inside the 80% range", lambda r: share(r.get("calibrated80", r["coverage80"]))),
        number("Inside the 95% range", lambda r: share(r.get("calibrated95", r["coverage95"]))),
        number("Model's 80% range alone", lambda r: share(r["coverage80"])),
    ]


def rolling_csv_columns() -> list[Column]:
    return [
        Column("cutoff", lambda r: r["cutoff"]),
        number("horizon_weeks", lambda r: r["horizon_weeks"]),
        Column("category", lambda r: r["group"]),
        number("forecast", lambda r: r["predicted"]),
        number("actual", lambda r: r["actual"]),
        number("lower80", lambda r: r["lower80"]),
        number("upper80", lambda r: r["upper80"]),
        number("lower95", lambda r: r["lower95"]),
        number("upper95", lambda r: r["upper95"]),
        number("carried_forward", lambda r: r["carried"]),
        number("previous_model", lambda r: r["previous"]),
    ]
