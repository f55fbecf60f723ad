"""Demand forecasting at national scale: our model against Social Finance's `demand-model`.

Builds a synthetic SSDA903 history in memory (about 84,000 children in care at the end,
10 collection years of episodes, 153 councils in 20 regions; deterministic seed), then

(a) runs our model (``sufficiency.forecasting``) for all 20 regions: a backtest (fit on the
    3 years before a cut-off 12 months before the end of the data, project 52 weeks, compare
    with what happened) and the current forecast (fit on the last 3 years, 104 weeks);
(b) runs the PyPI ``demand-model`` (with ``cs-demand-model`` to read 903 files) on the same
    children for a few regions, in a throwaway virtualenv under /tmp (never the project's
    .venv), through a subprocess, and compares wall time and 12-month error side by side.

Run with ``make bench`` or ``.venv/bin/python bench/forecasting.py [--dm-regions N]
[--skip-demand-model] [--dm-venv PATH]``. Not a test: it prints figures and asserts nothing.
If ``demand-model`` cannot be installed or run, the comparison is skipped with the reason.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import harness
from rcc.kit.ages import EPOCH, ages_on, days_of_age
from sufficiency.forecasting import (
    AGE_BANDS,
    CATEGORIES,
    STATES,
    Episode,
    backtest,
    calibration,
    fit,
    project,
    rolling,
    stock_at_columns,
    to_columns,
)

SEED = 903
N_REGIONS = 20
N_COUNCILS = 153
END = date(2026, 3, 31)  # last day of the 2025/26 collection year: the end of the data
FIRST_DAY = date(2016, 4, 1)  # 10 collection years: 2016/17 to 2025/26
CUTOFF = date(2025, 3, 31)  # 12 months before the end
HORIZON_WEEKS = 52
BURN_IN_FROM = date(1998, 4, 1)  # children enter from here so the 2016 stock is realistic
ENTRIES_PER_YEAR_2016 = 30_400  # calibrated so that about 84,000 are in care at the end
GROWTH_PER_YEAR = 0.012
YEAR = 365.25  # for rates and spans of time only; ages are by the calendar (rcc.kit.ages)
DM_VENV = Path("/tmp/bench-demand-model-venv")  # noqa: S108 (a throwaway venv, on purpose)
DM_REQUIREMENTS = [
    "demand-model[cli]==0.2.0",
    "numpy<1.25",
    "matplotlib<3.9",
    "python-dateutil<3",
]
DM_NO_DEPS = ["cs-demand-model==0.5.1"]

# Placement groups -> (903 PLACE codes, weights)
GROUPS = ("connected", "foster", "residential", "supported", "parents", "adoption", "other")
CODES = {
    "connected": (("U1", "U2", "U3"), (0.5, 0.1, 0.4)),
    "foster": (("U4", "U5", "U6"), (0.35, 0.05, 0.6)),
    "residential": (("K2", "R1", "K1", "S1"), (0.85, 0.05, 0.04, 0.06)),
    "supported": (("K3",), (1.0,)),
    "parents": (("P1",), (1.0,)),
    "adoption": (("A5", "A6", "A3"), (0.6, 0.3, 0.1)),
    "other": (("R3", "Z11", "Z12"), (0.4, 0.4, 0.2)),
}
# Fresh placement draws by age band at the episode's start (0-4, 5-9, 10-15, 16-17).
GROUP_MIX = np.array(
    [
        # conn  foster resi  supp  parents adopt other
        [0.18, 0.66, 0.00, 0.00, 0.10, 0.00, 0.06],
        [0.18, 0.62, 0.07, 0.00, 0.09, 0.00, 0.04],
        [0.13, 0.50, 0.23, 0.00, 0.06, 0.00, 0.08],
        [0.07, 0.30, 0.19, 0.37, 0.03, 0.00, 0.04],
    ]
)
# Entry ages: (share, lowest age, highest age) of the children starting to be looked after.
ENTRY_AGES = (
    (0.17, 0.0, 1.0),
    (0.13, 1.0, 5.0),
    (0.15, 5.0, 10.0),
    (0.38, 10.0, 16.0),
    (0.17, 16.0, 17.9),
)
# Median length of a period of care (days) by entry-age group; lognormal spread.
MEDIAN_STAY = np.array([640.0, 575.0, 700.0, 940.0, 690.0])
STAY_SIGMA = 1.15


def ordinal(d: date) -> int:
    return d.toordinal()


UNIX_DAY = ordinal(EPOCH)  # rcc.kit.ages counts days from 1970; this script from year 1


def ages(birth: np.ndarray, day: np.ndarray | int) -> np.ndarray:
    """Completed years by the calendar, for ordinal day numbers."""
    return ages_on(birth - UNIX_DAY, np.asarray(day) - UNIX_DAY)


# ---------------------------------------------------------------------------------------------
# The synthetic history


class History:
    """Episodes as numpy arrays (ordinal days; end = -1 when still open at END)."""

    def __init__(self, **arrays: np.ndarray) -> None:
        self.__dict__.update(arrays)


def build_history(seed: int = SEED) -> History:
    rng = np.random.default_rng(seed)
    # Councils and regions: 13 regions of 8 councils and 7 of 7 = 153; council sizes vary.
    sizes = np.array([8] * 13 + [7] * 7)
    rng.shuffle(sizes)
    council_region = np.repeat(np.arange(N_REGIONS), sizes)
    council_weight = rng.lognormal(0.0, 0.55, N_COUNCILS)
    council_weight /= council_weight.sum()

    # Entries, growing slowly, from the burn-in start to the end of the data.
    t0, t_end = ordinal(BURN_IN_FROM), ordinal(END)
    span_years = (t_end - t0) / YEAR
    years_before_2016 = (ordinal(FIRST_DAY) - t0) / YEAR
    rate0 = ENTRIES_PER_YEAR_2016 * np.exp(-GROWTH_PER_YEAR * years_before_2016)
    expected = rate0 * (np.exp(GROWTH_PER_YEAR * span_years) - 1) / GROWTH_PER_YEAR
    n = rng.poisson(expected)
    u = rng.random(n)
    g = GROWTH_PER_YEAR
    entry = t0 + (np.log1p(u * (np.exp(g * span_years) - 1)) / g * YEAR).astype(np.int64)
    council = rng.choice(N_COUNCILS, size=n, p=council_weight)

    shares = np.array([a[0] for a in ENTRY_AGES])
    group = rng.choice(len(ENTRY_AGES), size=n, p=shares / shares.sum())
    lo = np.array([a[1] for a in ENTRY_AGES])[group]
    hi = np.array([a[2] for a in ENTRY_AGES])[group]
    frac = rng.random(n)
    frac = np.where(group == 0, frac**2, frac)  # many babies come in at or near birth
    age = lo + (hi - lo) * frac
    birth = entry - np.round(age * YEAR).astype(np.int64)

    stay = rng.lognormal(np.log(MEDIAN_STAY[group]), STAY_SIGMA)
    leave = entry + np.maximum(stay, 1).astype(np.int64)
    eighteen = days_of_age(birth - UNIX_DAY, 18) + UNIX_DAY  # care ends on the 18th birthday
    leave = np.minimum(leave, eighteen)
    leave = np.maximum(leave, entry + 1)
    keep = leave > ordinal(FIRST_DAY)  # only periods still open in the 10 years
    entry, birth, leave, council, group = (
        entry[keep],
        birth[keep],
        leave[keep],
        council[keep],
        group[keep],
    )
    n = len(entry)
    duration = leave - entry

    # Episodes: 1 + Poisson moves (more for longer stays), boundaries uniform in the period.
    k_max = 9
    moves = rng.poisson(0.25 + 0.55 * duration / YEAR)
    moves = np.minimum(moves, np.minimum(k_max - 1, duration // 14))
    cuts = rng.random((n, k_max - 1))
    cuts[np.arange(k_max - 1)[None, :] >= moves[:, None]] = 2.0
    cuts.sort(axis=1)
    bounds = np.empty((n, k_max + 1), dtype=np.int64)
    bounds[:, 0] = entry
    bounds[:, 1:k_max] = entry[:, None] + np.floor(cuts * duration[:, None]).astype(np.int64)
    bounds[:, 1:k_max][cuts > 1.0] = leave.repeat(k_max - 1).reshape(n, k_max - 1)[cuts > 1.0]
    bounds[:, k_max] = leave
    n_ep = moves + 1

    # Placement group for each episode: stay in the same kind of placement, or a fresh draw.
    group_of = np.empty((n, k_max), dtype=np.int64)
    cum = GROUP_MIX.cumsum(axis=1)
    cum /= cum[:, -1:]
    for j in range(k_max):
        age_years = ages(birth, bounds[:, j])
        band = np.searchsorted(np.array([5, 10, 16]), age_years, side="right")
        fresh = (rng.random(n)[:, None] < cum[band]).argmax(axis=1)
        if j == 0:
            group_of[:, 0] = fresh
        else:
            same = rng.random(n) < 0.55
            prev = group_of[:, j - 1]
            # supported and residential do not persist into under-16/under-5 bands
            group_of[:, j] = np.where(same & (GROUP_MIX[band, prev] > 0), prev, fresh)
    # Adoption: about half of the under-5 entrants leaving before 7 are placed for adoption
    # in their last episode (a new episode when they had only one).
    last = n_ep - 1
    young = (
        (ages(birth, bounds[np.arange(n), last]) < 6)
        & (ages(birth, leave) < 7)
        & (duration > 300)
        & (rng.random(n) < 0.55)
    )
    group_of[np.arange(n)[young], last[young]] = GROUPS.index("adoption")

    # Flatten to one row per episode.
    mask = np.arange(k_max)[None, :] < n_ep[:, None]
    rows_child = np.repeat(np.arange(n), n_ep)
    ep_start = bounds[:, :k_max][mask]
    ep_end = bounds[:, 1:][mask]
    ep_group = group_of[mask]
    ep_index = np.broadcast_to(np.arange(k_max), (n, k_max))[mask]
    ep_last = ep_index == n_ep[rows_child] - 1
    ok = ep_end > ep_start
    # Zero-length pieces (two cuts on one day) are dropped; the next piece starts that day.
    place = np.empty(len(ep_start), dtype=object)
    for g_i, name in enumerate(GROUPS):
        codes, weights = CODES[name]
        sel = ep_group == g_i
        place[sel] = rng.choice(np.array(codes, dtype=object), size=sel.sum(), p=weights)
    open_at_end = ep_end > ordinal(END)
    ep_end = np.where(open_at_end, -1, ep_end)
    # Only what a 903 return up to END can show: nothing starting later, nothing ended before.
    visible = ok & (ep_start <= ordinal(END)) & ((ep_end == -1) | (ep_end >= ordinal(FIRST_DAY)))
    h = History(
        child=rows_child[visible],
        birth=birth[rows_child][visible],
        start=ep_start[visible],
        end=ep_end[visible],
        place=place[visible],
        first=(ep_index == 0)[visible],
        last=ep_last[visible],
        adoption=(ep_group == GROUPS.index("adoption"))[visible],
        council=council[rows_child][visible],
        region=council_region[council][rows_child][visible],
        sex=rng.integers(1, 3, n)[rows_child][visible],
    )
    h.n_children = n
    return h


def describe(h: History) -> dict:
    end = ordinal(END)
    open_end = h.end == -1
    places = h.place[open_end]
    fostering = np.isin(places, ["U1", "U2", "U3", "U4", "U5", "U6"]).mean()
    res_sup = np.isin(places, ["K1", "K2", "R1", "S1", "K3"]).mean()
    ages_at_end = ages(h.birth[open_end], end)
    starts = h.first & (h.start > end - 365) & (h.start <= end)
    return {
        "episodes": len(h.child),
        "children": len(np.unique(h.child)),
        "in_care_at_end": int(open_end.sum()),
        "fostering_share": float(fostering),
        "residential_or_supported_share": float(res_sup),
        "started_last_year": int(starts.sum()),
        "ages_at_end": np.histogram(ages_at_end, bins=[0, 1, 5, 10, 16, 18])[0].tolist(),
    }


def to_date(day: int) -> date:
    return date.fromordinal(int(day))


# demand-model's standard config puts only K2 and R1 in RESIDENTIAL; K1, S1, R2, R5 are OTHER.
SF_RECODE = dict.fromkeys(("K1", "S1", "R2", "R5"), "Z11")


def region_episodes(h: History, region: int, recode: dict | None = None) -> list[Episode]:
    """The region's episodes as our model's plain records (what the nightly job reads).
    ``recode`` maps PLACE codes first (to fit our model on demand-model's categories)."""
    recode = recode or {}
    sel = np.flatnonzero(h.region == region)
    births = {}
    out = []
    for i in sel:
        child = int(h.child[i])
        if child not in births:
            births[child] = to_date(h.birth[i])
        end = int(h.end[i])
        out.append(
            Episode(
                child_id=child,
                birth_date=births[child],
                start=to_date(h.start[i]),
                end=None if end == -1 else to_date(end),
                place=recode.get(h.place[i], h.place[i]),
            )
        )
    return out


# ---------------------------------------------------------------------------------------------
# Our model


def run_ours(episodes: list[Episode]) -> dict:
    t = time.perf_counter()
    columns = to_columns(episodes)
    t_columns = time.perf_counter() - t
    t = time.perf_counter()
    bt = backtest(columns, cutoff=CUTOFF, horizons_weeks=(HORIZON_WEEKS,), observed_until=END)
    t_backtest = time.perf_counter() - t
    t = time.perf_counter()
    model = fit(columns, start=END.replace(year=END.year - 3), end=END)
    forecast = project(model, stock_at_columns(columns, END), weeks=104)
    forecast.overall()
    t_forecast = time.perf_counter() - t
    t = time.perf_counter()
    outcomes = rolling.rolling_backtest(columns, end=END)
    t_rolling = time.perf_counter() - t
    total = next(r for r in bt.rows if r.category == "all")
    return {
        "groups": backtest_groups(columns),
        "seconds": t_columns + t_backtest + t_forecast + t_rolling,
        "seconds_rolling": t_rolling,
        "outcomes": outcomes,
        "seconds_columns": t_columns,
        "seconds_backtest": t_backtest,
        "seconds_forecast": t_forecast,
        "predicted": total.predicted,
        "actual": total.actual,
        "total_error": total.error_percent,
        "mape": bt.mape(HORIZON_WEEKS),
        "coverage80": bt.coverage80(HORIZON_WEEKS),
        "rows": bt.rows,
    }


GROUPS_OF_STATES = [
    *((band, [s for s in STATES if s[0] == band]) for band in AGE_BANDS),
    *((category, [s for s in STATES if s[1] == category]) for category in CATEGORIES),
]


def backtest_groups(columns) -> dict[str, tuple[float, int]]:
    """The backtest's 52-week (forecast, actual) per age band and per category: the same fit,
    stock and projection as ``backtest``, redone here (not timed) because its rows are by
    category only."""
    model = fit(columns, start=CUTOFF.replace(year=CUTOFF.year - 3), end=CUTOFF)
    projection = project(model, stock_at_columns(columns, CUTOFF), weeks=HORIZON_WEEKS)
    actual = stock_at_columns(columns, CUTOFF + timedelta(weeks=HORIZON_WEEKS))
    return {
        name: (
            float(projection.total(states).mean[HORIZON_WEEKS]),
            sum(actual.get(s, 0) for s in states),
        )
        for name, states in GROUPS_OF_STATES
    }


def print_groups(ours: dict[int, dict]) -> None:
    print(
        f"\n12-month forecast against actual by age band and category: England (the 20 regions "
        f"added up), and the signed error per region\n{'':>19} {'forecast':>9} {'actual':>7} "
        f"{'error':>7} | {'mean':>7} {'lowest':>7} {'highest':>7} {'regions under':>13}"
    )
    for name, _ in GROUPS_OF_STATES:
        pairs = [o["groups"][name] for o in ours.values()]
        forecast, actual = sum(p[0] for p in pairs), sum(p[1] for p in pairs)
        signed = [(f - a) / a * 100 for f, a in pairs if a]
        print(
            f"{name:>19} {forecast:>9,.0f} {actual:>7,} {(forecast - actual) / actual:>+7.1%} | "
            f"{np.mean(signed):>+6.1f}% {min(signed):>+6.1f}% {max(signed):>+6.1f}% "
            f"{sum(e < 0 for e in signed):>10} of {len(signed)}"
        )


def print_rolling(ours: dict[int, dict]) -> None:
    """Rolling-origin backtests (12 quarterly cut-offs per horizon) pooled over the regions."""
    outcomes = [o for res in ours.values() for o in res["outcomes"]]
    print(
        f"\nRolling-origin backtests, {rolling.QUARTERS} quarterly cut-offs per horizon in each "
        "region, pooled over the regions: mean absolute error (ours, today's count carried "
        "forward, the previous version) and the share of actuals inside the 80% / 95% "
        f"intervals\n{'horizon':>8} {'group':>10} {'n':>5} {'ours':>6} {'carried':>8} "
        f"{'previous':>8} {'in 80%':>7} {'in 95%':>7} {'widened 80%':>11} {'95%':>5}"
    )
    for h in rolling.HORIZONS:
        at = [o for o in outcomes if o.horizon_weeks == h]
        for name, rows in (
            ("all", [o for o in at if o.group == "all"]),
            ("categories", [o for o in at if o.group != "all"]),
        ):

            def err(attr: str, rows=rows) -> str:
                return pct(
                    float(
                        np.mean(
                            [
                                abs(getattr(o, attr) - o.actual) / o.actual * 100
                                for o in rows
                                if o.actual
                            ]
                        )
                    )
                )

            print(
                f"{h:>8} {name:>10} {len(rows):>5} {err('predicted'):>6} {err('carried'):>8} "
                f"{err('previous'):>8} {rolling.coverage(rows, 80):>7.0%} "
                f"{rolling.coverage(rows, 95):>7.0%} "
                f"{widened(ours, h, 80, total=name == 'all'):>11.0%} "
                f"{widened(ours, h, 95, total=name == 'all'):>5.0%}"
            )


def widened(ours: dict[int, dict], horizon: int, level: int, *, total: bool) -> float:
    """Coverage of the intervals widened by each region's own misses known at each cut-off
    (``calibration.online_coverage``), averaged over the regions (each has the same count)."""
    return float(
        np.mean(
            [
                calibration.online_coverage(
                    [o for o in res["outcomes"] if o.horizon_weeks == horizon], level, total=total
                )
                for res in ours.values()
            ]
        )
    )


# ---------------------------------------------------------------------------------------------
# demand-model, in its own virtualenv, through a subprocess

DM_WORKER = textwrap.dedent(
    '''
    """Runs cs-demand-model / demand-model on one folder of 903 CSVs; prints JSON."""
    import json, sys, time, warnings
    from datetime import date, timedelta
    warnings.filterwarnings("ignore")
    t = time.perf_counter()
    import pandas as pd
    from cs_demand_model import (Config, DemandModellingDataContainer, ModelPredictor,
                                 PopulationStats, fs_datastore)
    from cs_demand_model.prediction import ageing_out, combine_rates
    from demand_model import MultinomialPredictor
    timings = {"import": time.perf_counter() - t}
    folder, config_path, start, end, days = sys.argv[1:6]
    start, end, days = date.fromisoformat(start), date.fromisoformat(end), int(days)
    config = Config(config_path)
    t = time.perf_counter()
    dc = DemandModellingDataContainer(fs_datastore(folder), config)
    enriched = dc.enriched_view
    timings["load_enrich"] = time.perf_counter() - t
    t = time.perf_counter()
    stats = PopulationStats(enriched, config)
    stats.stock_at(end)
    stats.raw_transition_rates(start, end)
    stats.daily_entrants(start, end)
    timings["stock_rates"] = time.perf_counter() - t

    def by_category(row):
        """Children in care by category; the chain's NOT_IN_CARE (and NEW_ENTRANT) states,
        which accumulate leavers, are not children in care."""
        out = {}
        for state, v in row.items():
            if isinstance(state, str):
                state = tuple(state.split("/"))
            if len(state) != 2 or state[1] == "NOT_IN_CARE":
                continue
            out[state[1]] = out.get(state[1], 0.0) + float(v)
        return out

    result = {"timings": timings}
    t = time.perf_counter()
    pred = ModelPredictor.from_model(stats, start, end).predict(days)
    timings["cs_model_predictor"] = time.perf_counter() - t
    cats = by_category(pred.iloc[-1])
    result["cs"] = {"total": sum(cats.values()), "by_category": cats}

    # demand-model 0.2.0: the fast engine (one matrix product per step), as in the notes
    t = time.perf_counter()
    try:
        raw = stats.raw_transition_rates(start, end).copy()
        raw.index.names = ["from", "to"]
        rates = combine_rates(raw, ageing_out(config))
        key = lambda b: "/".join(b) if b else "NEW_ENTRANT"
        rates.index = pd.MultiIndex.from_tuples(
            [(key(a), key(b)) for a, b in rates.index], names=["from", "to"])
        entrants = stats.daily_entrants(start, end).copy()
        entrants.index = pd.MultiIndex.from_tuples(
            [("NEW_ENTRANT", key(b)) for a, b in entrants.index], names=["from", "to"])
        pop = stats.stock_at(end).copy()
        pop.index = [key(b) for b in pop.index]
        mp = MultinomialPredictor(population=pop, transition_rates=rates,
                                  transition_numbers=entrants, start_date=end).predict(days)
        timings["dm_multinomial"] = time.perf_counter() - t
        cats = by_category(mp.population.iloc[-1])
        result["dm"] = {"total": sum(cats.values()), "by_category": cats}
    except Exception as exc:  # report, do not hide
        timings["dm_multinomial"] = time.perf_counter() - t
        result["dm_error"] = f"{type(exc).__name__}: {exc}"
    print(json.dumps(result))
    '''
)

SF_CATEGORY = {
    **dict.fromkeys(("U1", "U2", "U3", "U4", "U5", "U6"), "FOSTERING"),
    **dict.fromkeys(("K2", "R1"), "RESIDENTIAL"),
    **dict.fromkeys(("K3", "H5", "P2"), "SUPPORTED"),
}
EPISODE_COLUMNS = [
    "CHILD",
    "DECOM",
    "RNE",
    "LS",
    "CIN",
    "PLACE",
    "PLACE_PROVIDER",
    "DEC",
    "REC",
    "REASON_PLACE_CHANGE",
    "HOME_POST",
    "PL_POST",
    "URN",
]
HEADER_COLUMNS = ["CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"]


def ensure_dm_venv(venv: Path) -> tuple[Path | None, str]:
    """(python, "") when demand-model is importable in ``venv`` (creating it if needed),
    else (None, why) with the command that failed."""
    python = venv / "bin" / "python"
    check = [str(python), "-c", "import cs_demand_model, demand_model"]
    if python.exists():
        found = subprocess.run(check, capture_output=True)  # noqa: S603
        if found.returncode == 0:
            return python, ""
    base = shutil.which("python3.11") or sys.executable
    commands = [
        [base, "-m", "venv", str(venv)],
        [str(python), "-m", "pip", "install", "--quiet", *DM_REQUIREMENTS],
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", *DM_NO_DEPS],
        check,
    ]
    for command in commands:
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=600)  # noqa: S603
        except (OSError, subprocess.TimeoutExpired) as exc:
            return None, f"`{' '.join(command)}` failed: {exc}"
        if done.returncode != 0:
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            return None, f"`{' '.join(command)}` exited {done.returncode}: {' / '.join(tail)}"
    return python, ""


def dmy(day: int) -> str:
    return to_date(day).strftime("%d/%m/%Y")


def write_903(h: History, region: int, folder: Path, first_year: int) -> int:
    """One sub-folder per collection year (``2022/episodes.csv``: episodes open at any point
    from 1 April to 31 March) and a header.csv; returns the number of episode rows written."""
    import csv

    sel = np.flatnonzero(h.region == region)
    rows = 0
    children = set()
    for year in range(first_year, END.year + 1):
        y0, y1 = ordinal(date(year - 1, 4, 1)), ordinal(date(year, 3, 31))
        (folder / str(year)).mkdir(parents=True, exist_ok=True)
        with open(folder / str(year) / "episodes.csv", "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(EPISODE_COLUMNS)
            for i in sel:
                start, end = int(h.start[i]), int(h.end[i])
                if start > y1 or (end != -1 and end < y0):
                    continue
                closed = end != -1 and end <= y1
                rec = ""
                if closed:
                    rec = ("E11" if h.adoption[i] else "E8") if h.last[i] else "X1"
                w.writerow(
                    [
                        f"C{h.child[i]}",
                        dmy(start),
                        "S" if h.first[i] else "P",
                        "C2",
                        "N1",
                        h.place[i],
                        "" if h.place[i] == "P1" else "PR1",
                        dmy(end) if closed else "",
                        rec,
                        "",
                        "",
                        "",
                        "",
                    ]
                )
                children.add(i)
                rows += 1
    with open(folder / "header.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER_COLUMNS)
        seen = set()
        for i in sorted(children):
            c = int(h.child[i])
            if c in seen:
                continue
            seen.add(c)
            w.writerow([f"C{c}", int(h.sex[i]), dmy(h.birth[i]), "WBRI", "", "0", ""])
    return rows


def prepare_dm(python: Path, h: History, region: int, workdir: Path) -> tuple[list[str], int]:
    """The region's 903 files and demand-model's config and worker; returns the worker's
    command and the episode rows written."""
    folder = workdir / f"region{region}"
    # Five collection years: the 3-year reference window before the cut-off needs the
    # 2021/22 file (the stock is rebuilt from the episodes it is given).
    rows = write_903(h, region, folder, first_year=CUTOFF.year - 3)
    config = workdir / "config.yaml"
    if not config.exists():
        source = subprocess.run(  # noqa: S603
            [
                str(python),
                "-c",
                "from cs_demand_model.config._configuration_loader import DEFAULT_CONFIG_PATH as p;"
                "print(p)",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        text = Path(source).read_text()
        # The stock config predates K3 (supported accommodation, 2025/26 code): add it.
        text = text.replace(
            "        - H5\n        - P2\n", "        - H5\n        - P2\n        - K3\n"
        )
        config.write_text(text)
    start = CUTOFF.replace(year=CUTOFF.year - 3)
    days = HORIZON_WEEKS * 7
    worker = workdir / "dm_worker.py"
    worker.write_text(DM_WORKER)
    command = [str(python), str(worker), str(folder), str(config), start.isoformat(),
               CUTOFF.isoformat(), str(days)]  # fmt: skip
    return command, rows


def run_dm(command: list[str]) -> dict:
    t = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, timeout=900)  # noqa: S603
    wall = time.perf_counter() - t
    if done.returncode != 0:
        tail = done.stderr.strip().splitlines()[-3:]
        return {"error": " / ".join(tail), "seconds": wall}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["seconds"] = wall
    return result


OURS_WORKER_FLAG = "--ours-child"


def ours_child(folder: Path) -> None:
    """In a child process, as demand-model's worker runs: import our model, read the region's
    903 files (the same ones demand-model reads), make our Episode records, then backtest and
    forecast as ``run_ours`` does. Prints JSON timings, like the worker."""
    import csv

    t = time.perf_counter()
    from sufficiency import forecasting  # noqa: F401 (imported here to be timed)

    timings = {"import": time.perf_counter() - t}
    t = time.perf_counter()
    with open(folder / "header.csv", newline="") as f:
        births = {row["CHILD"]: _dmy_date(row["DOB"]) for row in csv.DictReader(f)}
    episodes: dict[tuple[str, str], Episode] = {}
    for year_folder in sorted(p for p in folder.iterdir() if p.is_dir()):  # later years win
        with open(year_folder / "episodes.csv", newline="") as f:
            for row in csv.DictReader(f):
                child = row["CHILD"]
                episodes[(child, row["DECOM"])] = Episode(
                    child_id=int(child[1:]),
                    birth_date=births[child],
                    start=_dmy_date(row["DECOM"]),
                    end=_dmy_date(row["DEC"]) if row["DEC"] else None,
                    place=row["PLACE"],
                )
    timings["read"] = time.perf_counter() - t
    result = run_ours(list(episodes.values()))
    timings["to_columns"] = result["seconds_columns"]
    timings["model"] = result["seconds_backtest"] + result["seconds_forecast"]
    print(json.dumps({"timings": timings, "predicted": result["predicted"]}))


def _dmy_date(text: str) -> date:
    day, month, year = text.split("/")
    return date(int(year), int(month), int(day))


def run_ours_child(folder: Path) -> dict:
    t = time.perf_counter()
    done = subprocess.run(  # noqa: S603 (this script)
        [sys.executable, __file__, OURS_WORKER_FLAG, str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["seconds"] = time.perf_counter() - t
    return result


def sf_actuals(h: History, region: int, day: date) -> dict[str, int]:
    d = ordinal(day)
    sel = (h.region == region) & (h.start <= d) & ((h.end == -1) | (h.end > d))
    out: dict[str, int] = {}
    for place in h.place[sel]:
        cat = SF_CATEGORY.get(place, "OTHER")
        out[cat] = out.get(cat, 0) + 1
    return out


def ours_on_sf_categories(h: History, region: int) -> dict[str, float]:
    """Our model's 52-week backtest forecast on demand-model's four categories: fitted on
    the same episodes with K1/S1/R2/R5 recoded to "other", then categories added up."""
    bt = backtest(
        to_columns(region_episodes(h, region, SF_RECODE)),
        cutoff=CUTOFF,
        horizons_weeks=(HORIZON_WEEKS,),
        observed_until=END,
    )
    sf_of = {
        "fostering_connected": "FOSTERING",
        "fostering_other": "FOSTERING",
        "residential": "RESIDENTIAL",
        "supported": "SUPPORTED",
    }
    out: dict[str, float] = {}
    for row in bt.rows:
        if row.category != "all":
            cat = sf_of.get(row.category, "OTHER")
            out[cat] = out.get(cat, 0.0) + row.predicted
    return out


def sf_mape(predicted: dict[str, float], actual: dict[str, int]) -> float:
    errors = [abs(predicted.get(c, 0.0) - n) / n * 100 for c, n in actual.items() if n]
    return float(np.mean(errors))


# ---------------------------------------------------------------------------------------------


def pct(x: float | None) -> str:
    return "   -  " if x is None else f"{x:5.1f}%"


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == OURS_WORKER_FLAG:
        ours_child(Path(sys.argv[2]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dm-regions",
        type=int,
        default=int(os.environ.get("DM_REGIONS", 3)),
        help="regions to run demand-model on (0: skip); default 3",
    )
    parser.add_argument("--skip-demand-model", action="store_true")
    parser.add_argument("--dm-venv", type=Path, default=Path(os.environ.get("DM_VENV", DM_VENV)))
    args = harness.arguments("", parser)
    global ENTRIES_PER_YEAR_2016
    ENTRIES_PER_YEAR_2016 *= args.scale
    report = harness.Report(
        "forecasting",
        "Demand forecasting against demand-model (`bench/forecasting.py`)",
        args.scale,
    )

    t = time.perf_counter()
    h = build_history()
    t_build = time.perf_counter() - t
    d = describe(h)
    report.note(
        f"Synthetic 903 history (seed {SEED}), built in {t_build:.1f} s: "
        f"{d['episodes']:,} episodes of {d['children']:,} children, {FIRST_DAY} to {END}, "
        f"{N_COUNCILS} councils in {N_REGIONS} regions; in care on {END}: {d['in_care_at_end']:,}"
    )
    print(
        f"  fostering {d['fostering_share']:.0%}, residential or supported "
        f"{d['residential_or_supported_share']:.0%}; started care in the last year: "
        f"{d['started_last_year']:,}; ages at the end (<1, 1-4, 5-9, 10-15, 16-17): "
        f"{d['ages_at_end']}"
    )
    t = time.perf_counter()
    per_region = {r: region_episodes(h, r) for r in range(N_REGIONS)}
    print(f"  episodes as our Episode records (from the synthetic arrays): "
          f"{time.perf_counter() - t:.1f} s")  # fmt: skip

    print(
        f"\n(a) Our model ({fit.__module__}), all {N_REGIONS} regions: backtest fit "
        f"{CUTOFF.replace(year=CUTOFF.year - 3)} to {CUTOFF}, {HORIZON_WEEKS} weeks ahead; "
        "then the current forecast (last 3 years, 104 weeks)"
    )
    print(
        f"{'region':>6} {'episodes':>9} {'in care':>8} {'actual':>7} {'forecast':>9} "
        f"{'total err':>9} {'cat MAPE':>9} {'in 80%':>6} {'seconds':>8}"
    )
    ours = {}
    for r in range(N_REGIONS):
        res = run_ours(per_region[r])
        ours[r] = res
        in_care = int((h.end[h.region == r] == -1).sum())
        print(
            f"{r:>6} {len(per_region[r]):>9,} {in_care:>8,} {res['actual']:>7,} "
            f"{res['predicted']:>9,.0f} {pct(res['total_error']):>9} {pct(res['mape']):>9} "
            f"{res['coverage80']:>6.0%} {res['seconds']:>8.2f}"
        )
    actual = sum(o["actual"] for o in ours.values())
    predicted = sum(o["predicted"] for o in ours.values())
    mean_mape = float(np.mean([o["mape"] for o in ours.values()]))
    print(
        f"{'all':>6} {len(h.child):>9,} {d['in_care_at_end']:>8,} {actual:>7,} "
        f"{predicted:>9,.0f} {pct(abs(predicted - actual) / actual * 100):>9} "
        f"{pct(mean_mape):>9} "
        f"{float(np.mean([o['coverage80'] for o in ours.values()])):>6.0%}"
    )
    rounds = args.rounds or 5
    report.time(
        f"our model, all {N_REGIONS} regions from Episode records in memory "
        "(to_columns, backtest, forecast)",
        lambda: [run_ours(per_region[r]) for r in range(N_REGIONS)],
        rounds,
        warm=0,
        note=f"{rounds} runs; goal under 60 s",
    )
    report.note(
        f"our 12-month error, all children in care in England: "
        f"{pct(abs(predicted - actual) / actual * 100).strip()} ({predicted:,.0f} forecast, "
        f"{actual:,} actual); MAPE over our 7 categories, mean over regions: "
        f"{pct(mean_mape).strip()}"
    )
    report.note(
        f"time by part, all {N_REGIONS} regions (last run): to_columns "
        f"{sum(o['seconds_columns'] for o in ours.values()):.2f} s, backtests "
        f"{sum(o['seconds_backtest'] for o in ours.values()):.2f} s, forecasts "
        f"{sum(o['seconds_forecast'] for o in ours.values()):.2f} s, rolling backtests "
        f"{sum(o['seconds_rolling'] for o in ours.values()):.2f} s"
    )
    print_groups(ours)
    print_rolling(ours)

    print("\n(b) Social Finance demand-model on the same children")
    if args.skip_demand_model or args.dm_regions <= 0:
        report.note("demand-model skipped: --skip-demand-model or --dm-regions 0")
        report.finish(args.record)
        return
    t = time.perf_counter()
    python, why = ensure_dm_venv(args.dm_venv)
    if python is None:
        report.note(f"COMPARISON SKIPPED: demand-model could not be installed in {args.dm_venv}: "
                    f"{why}")  # fmt: skip
        report.finish(args.record)
        return
    print(
        f"  virtualenv {args.dm_venv} ready in {time.perf_counter() - t:.1f} s "
        "(demand-model 0.2.0, cs-demand-model 0.5.1 --no-deps)"
    )
    # Regions by size: the smallest, then the median, then the largest, ...
    order = sorted(range(N_REGIONS), key=lambda r: ours[r]["actual"])
    picks = [order[0], order[len(order) // 2], order[-1]]
    picks += [r for r in order if r not in picks]
    picks = picks[: args.dm_regions]
    workdir = Path(tempfile.mkdtemp(prefix="bench-903-"))
    dm_rounds = args.rounds or 3
    report.note(
        "Like for like: each side runs in its own process on the region's same 903 files "
        "(5 collection years of episodes.csv and a header.csv): import, read, model; timed from "
        f"outside, the two alternating for {dm_rounds} rounds. Model only: demand-model's "
        "rates and 365-day projection (cs ModelPredictor) against our fit, 52-week projection, "
        "backtest and 104-week forecast."
    )
    try:
        for r in picks:
            command, rows = prepare_dm(python, h, r, workdir)
            runs: dict[str, list[dict]] = {"ours": [], "dm": []}

            def side(name: str, command=command, r=r, runs=runs):
                def go() -> float:
                    if name == "ours":
                        res = run_ours_child(workdir / f"region{r}")
                    else:
                        res = run_dm(command)
                        if "error" in res:
                            raise RuntimeError(f"demand-model failed: {res['error']}")
                    runs[name].append(res)
                    return res["seconds"]

                return go

            label = f"region {r} ({rows:,} episode rows), whole run in its own process"
            report.pair(label, {"demand-model": side("dm"), "ours": side("ours")}, dm_rounds)
            dm_model = harness.summarise(
                [x["timings"]["stock_rates"] + x["timings"]["cs_model_predictor"]
                 for x in runs["dm"]]
            )  # fmt: skip
            ours_model = harness.summarise([x["timings"]["model"] for x in runs["ours"]])
            ours_read = harness.summarise(
                [x["timings"]["read"] + x["timings"]["to_columns"] for x in runs["ours"]]
            )
            dm_read = harness.summarise([x["timings"]["load_enrich"] for x in runs["dm"]])
            load = harness.load()
            report.row(f"region {r}: model only, ours", f"{ours_model.s()} s", load, "")
            report.row(f"region {r}: model only, demand-model", f"{dm_model.s()} s", load, "")
            report.row(f"region {r}: reading the files, ours (and to_columns)",
                       f"{ours_read.s()} s", load, "")  # fmt: skip
            report.row(f"region {r}: reading the files, demand-model (load and enrich)",
                       f"{dm_read.s()} s", load, "")  # fmt: skip
            last = runs["dm"][-1]
            act = ours[r]["actual"]
            sf_act = sf_actuals(h, r, CUTOFF + timedelta(weeks=HORIZON_WEEKS))
            cs = last["cs"]
            report.note(
                f"region {r}: 12-month total error ours {pct(ours[r]['total_error']).strip()} "
                f"(from the files: forecast {runs['ours'][-1]['predicted']:,.0f}, in memory "
                f"{ours[r]['predicted']:,.0f}), demand-model "
                f"{pct(abs(cs['total'] - act) / act * 100).strip()}; MAPE over demand-model's 4 "
                f"categories ours {pct(sf_mape(ours_on_sf_categories(h, r), sf_act)).strip()}, "
                f"demand-model {pct(sf_mape(cs['by_category'], sf_act)).strip()}"
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    report.finish(args.record)


if __name__ == "__main__":
    main()
