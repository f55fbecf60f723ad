"""How many children will enter care: flat, a damped trend, or a damped trend with seasons.

Entries are counted in 13-week blocks back from the end of the fit window. Three paths are
fitted on the older blocks and scored on the newest four (a backtest inside the window); the
one with the smallest error is refitted on every block. A trend is the slope of the log of the
block counts, damped week by week (``DAMPING``) so that growth slows and stops: at most
``slope x DAMPING / (1 - DAMPING)`` on the log scale however far ahead. Seasons (the four
13-week blocks of the year) are tried only when the window holds three years of blocks.

The path scales the model's mean weekly entries by state (``Model.entries``); its ``cov`` is
the doubt in (log level, slope) from the residual scatter of the blocks, which the intervals
draw from (``uncertainty.py``), and ``dispersion`` how much more the counts scatter than
Poisson counts would.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

BLOCK_WEEKS = 13
DAMPING = 0.98  # per week: a trend's effect halves in about 34 weeks and adds up to 49 weeks
HOLDOUT_BLOCKS = 4
MIN_BLOCKS_FOR_TREND = 6  # training blocks needed to fit a slope
MIN_BLOCKS_FOR_SEASONS = 12  # three years in the window
FLAT, TREND, SEASONAL = "flat", "damped trend", "damped trend with seasons"
# A richer path must cut the holdout error by this much to be chosen (noise picks trends too).
MARGIN = 0.75


@dataclass(frozen=True)
class EntryPath:
    method: str = FLAT
    level: float = 1.0  # weekly entries at the window's end / the window's weekly mean
    slope: float = 0.0  # growth of log entries a week at the window's end
    season: tuple[float, ...] = (1.0, 1.0, 1.0, 1.0)  # by 13-week block ahead, mean 1
    cov: tuple[tuple[float, float], tuple[float, float]] = ((0.0, 0.0), (0.0, 0.0))
    dispersion: float = 1.0
    scores: dict[str, float] = field(default_factory=dict)  # holdout error of each path

    def multipliers(
        self, weeks: int, *, log_level: float = 0.0, slope: float | None = None
    ) -> np.ndarray:
        """Factor on the mean weekly entries for weeks 0..weeks (week 0 has no entries)."""
        return _multipliers(
            weeks,
            np.log(self.level) + log_level,
            self.slope if slope is None else slope,
            np.asarray(self.season),
        )


def _damped(weeks: int) -> np.ndarray:
    """sum_{k=1..h} DAMPING^k for h = 0..weeks."""
    h = np.arange(weeks + 1)
    return DAMPING * (1.0 - DAMPING**h) / (1.0 - DAMPING)


def _multipliers(weeks: int, log_level: float, slope: float, season: np.ndarray) -> np.ndarray:
    h = np.arange(weeks + 1)
    phase = ((np.maximum(h, 1) - 1) % 52) // BLOCK_WEEKS
    out = np.exp(log_level + slope * _damped(weeks)) * season[np.minimum(phase, 3)]
    out[0] = 0.0
    return out


def block_counts(week_counts: np.ndarray) -> np.ndarray:
    """Weekly entry counts (oldest first) as 13-week block counts, newest block first;
    leading blocks with under half the median count (before the data begins) are dropped."""
    n = len(week_counts) // BLOCK_WEEKS
    if n == 0:
        return np.zeros(0)
    tail = week_counts[len(week_counts) - n * BLOCK_WEEKS :]
    blocks = tail.reshape(n, BLOCK_WEEKS).sum(axis=1)[::-1]
    keep = n
    median = float(np.median(blocks))
    while keep > 1 and blocks[keep - 1] < 0.5 * median:
        keep -= 1
    return blocks[:keep]


def _design(n: int, seasons: bool) -> np.ndarray:
    """Rows for blocks 0..n-1 back from the end: intercept (the log level at the end, per
    block), time in weeks (negative, the block's middle) and season dummies (phases 1..3 of
    the year counted back)."""
    x = -(np.arange(n) + 0.5) * BLOCK_WEEKS
    columns = [np.ones(n), x]
    if seasons:
        phase = np.arange(n) % 4
        columns += [(phase == p).astype(float) for p in (1, 2, 3)]
    return np.column_stack(columns)


def _fit_log_linear(blocks: np.ndarray, seasons: bool):
    """OLS of log counts: (coefficients, their covariance, residual variance)."""
    y = np.log(np.maximum(blocks, 0.5))
    design = _design(len(blocks), seasons)
    coef, *_ = np.linalg.lstsq(design, y, rcond=None)
    residual = y - design @ coef
    dof = max(len(blocks) - design.shape[1], 1)
    sigma2 = float(residual @ residual) / dof
    cov = sigma2 * np.linalg.pinv(design.T @ design)
    return coef, cov, sigma2


def _season_ahead(coef: np.ndarray) -> tuple[np.ndarray, float]:
    """Season factors for the blocks ahead (mean 1) and the shift of the log level they imply.

    Back-phase 0 is the last 13 weeks before the end; the first block ahead repeats the
    calendar of back-phase 3 (52 weeks earlier), so ahead-phase f is back-phase 3 - f."""
    effects = np.array([0.0, *coef[2:5]])
    shift = float(np.log(np.mean(np.exp(effects))))
    back = np.exp(effects - shift)
    return back[[3, 2, 1, 0]], shift


def _path(blocks: np.ndarray, method: str, mean_weekly: float) -> EntryPath:
    """The path of ``method`` fitted to ``blocks`` (newest first), scaled to ``mean_weekly``."""
    if method == FLAT or len(blocks) < 3:
        y = np.log(np.maximum(blocks, 0.5))
        var = float(np.var(y, ddof=1)) if len(blocks) > 1 else 0.0
        return EntryPath(
            cov=((var / max(len(blocks), 1), 0.0), (0.0, 0.0)),
            dispersion=_dispersion(var, blocks),
        )
    seasons = method == SEASONAL
    coef, cov, sigma2 = _fit_log_linear(blocks, seasons)
    season, shift = _season_ahead(coef) if seasons else (np.ones(4), 0.0)
    level = np.exp(coef[0] + shift) / BLOCK_WEEKS / max(mean_weekly, 1e-9)
    return EntryPath(
        method=method,
        level=float(level),
        slope=float(coef[1]),
        season=tuple(float(s) for s in season),
        cov=((float(cov[0, 0]), float(cov[0, 1])), (float(cov[1, 0]), float(cov[1, 1]))),
        dispersion=_dispersion(sigma2, blocks),
    )


def _dispersion(log_variance: float, blocks: np.ndarray) -> float:
    """Variance of the block counts over their mean (1 for Poisson counts), at least 1."""
    mean = float(np.mean(blocks)) if len(blocks) else 0.0
    return max(1.0, log_variance * mean)


def _block_forecast(path: EntryPath, mean_weekly: float, ahead: int) -> np.ndarray:
    """Entries forecast in each of the next ``ahead`` blocks (oldest first)."""
    weekly = mean_weekly * path.multipliers(ahead * BLOCK_WEEKS)[1:]
    return weekly.reshape(ahead, BLOCK_WEEKS).sum(axis=1)


def choose(week_counts: np.ndarray) -> EntryPath:
    """The entry path for weekly entry counts (oldest first), chosen by a holdout backtest."""
    blocks = block_counts(week_counts)
    mean_weekly = float(np.mean(week_counts)) if len(week_counts) else 0.0
    train, test = blocks[HOLDOUT_BLOCKS:], blocks[:HOLDOUT_BLOCKS][::-1]
    if len(train) < MIN_BLOCKS_FOR_TREND or mean_weekly <= 0:
        return _path(blocks, FLAT, mean_weekly)
    methods = [FLAT, TREND]
    if len(blocks) >= MIN_BLOCKS_FOR_SEASONS:
        methods.append(SEASONAL)
    train_mean = float(np.mean(train)) / BLOCK_WEEKS
    scores = {}
    for method in methods:
        path = _path(train, method, train_mean)
        forecast = _block_forecast(path, train_mean, len(test))
        scores[method] = float(np.mean(np.abs(forecast - test)) / max(np.mean(test), 1e-9))
    best = FLAT
    for method in methods[1:]:
        if scores[method] < MARGIN * scores[best]:
            best = method
    chosen = _path(blocks, best, mean_weekly)
    return EntryPath(**{**chosen.__dict__, "scores": scores})
