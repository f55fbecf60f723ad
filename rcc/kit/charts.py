"""Tiny server-side SVG charts: horizontal bars and lines. Pure: numbers in, SVG text out.

No JavaScript, no fonts to fetch (the system font), no inline ``style`` (the CSP forbids it:
presentation attributes only). Each chart is an image with a ``<title>`` and ``<desc>``; the
page puts it in a ``<figure>`` followed by a table holding the same numbers, so colour is
never the only way to read a series (lines are dashed differently, too).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

PALETTE = ("#1d70b8", "#f47738", "#00703c", "#4c2c92", "#d4351c", "#28a197")
DASHES = ("", "8 4", "2 3", "10 3 2 3", "4 4", "1 2")
FONT = "arial, sans-serif"
TEXT = "#0b0c0c"
GRID = "#b1b4b6"
WIDTH = 640
LABEL_CHARS = 30

Series = Sequence[tuple[str, Sequence[float]]]


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def _open(chart_id: str, title: str, description: str, height: int) -> list[str]:
    ids = f"{chart_id}-title {chart_id}-desc"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{ids}" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" font-family="{FONT}" font-size="12" '
        f'class="rcc-chart">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>',
    ]


def _dash(index: int) -> str:
    dash = DASHES[index % len(DASHES)]
    return f' stroke-dasharray="{dash}"' if dash else ""


def _legend(series: Series, y: int, lines: bool = False) -> list[str]:
    parts, x = [], 8
    for index, (name, _) in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        if lines:
            parts.append(
                f'<line x1="{x}" y1="{y - 4}" x2="{x + 22}" y2="{y - 4}" stroke="{colour}" '
                f'stroke-width="3"{_dash(index)}/>'
            )
        else:
            parts.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{colour}"/>')
        parts.append(f'<text x="{x + 28}" y="{y}" fill="{TEXT}">{escape(name)}</text>')
        x += 40 + 7 * len(name)
    return parts


def bar_chart(
    *, chart_id: str, title: str, description: str, labels: Sequence[str], series: Series
) -> str:
    """Horizontal bars: one group per label, one bar per series, each value written at its end."""
    bar, gap, label_width, right = 14, 10, 200, 56
    legend = 24 if len(series) > 1 else 0
    group = len(series) * (bar + 2) + gap
    height = legend + 8 + group * len(labels) + 8
    top = max((v for _, values in series for v in values), default=0) or 1
    scale = (WIDTH - label_width - right) / top
    parts = _open(chart_id, title, description, height)
    if legend:
        parts += _legend(series, 16)
    for row, label in enumerate(labels):
        y0 = legend + 8 + row * group
        middle = y0 + len(series) * (bar + 2) / 2
        parts.append(
            f'<text x="{label_width - 8}" y="{middle + 4:.1f}" text-anchor="end" '
            f'fill="{TEXT}">{escape(_short(label))}</text>'
        )
        for index, (_, values) in enumerate(series):
            value = values[row]
            y = y0 + index * (bar + 2)
            length = max(value, 0) * scale
            colour = PALETTE[index % len(PALETTE)]
            parts.append(
                f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar}" '
                f'fill="{colour}"/>'
            )
            parts.append(
                f'<text x="{label_width + length + 4:.1f}" y="{y + bar - 3}" '
                f'fill="{TEXT}">{_number(value)}</text>'
            )
    parts.append(
        f'<line x1="{label_width}" y1="{legend + 4}" x2="{label_width}" y2="{height - 4}" '
        f'stroke="{TEXT}"/>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def nice_ticks(top: float, most: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``top``: steps of 1, 2 or 5 times a power of ten."""
    if top <= 0:
        return [0, 1]
    raw = top / most
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= raw)
    if step < 1 and float(top).is_integer():
        step = 1
    count = math.ceil(top / step)
    return [round(i * step, 10) for i in range(count + 1)]


@dataclass(frozen=True)
class _Plot:
    """Where values and points land in a line chart."""

    labels: int
    top: float
    left: int = 48
    right: int = 16
    legend: int = 28
    height: int = 200

    def x(self, index: int) -> float:
        span = WIDTH - self.left - self.right
        return self.left + (index * span / (self.labels - 1) if self.labels > 1 else span / 2)

    def y(self, value: float) -> float:
        return self.legend + self.height - value / self.top * self.height


def line_chart(
    *, chart_id: str, title: str, description: str, labels: Sequence[str], series: Series
) -> str:
    """Lines over labelled points (months, say); a label with a space breaks onto two lines."""
    ticks = nice_ticks(max((v for _, values in series for v in values), default=0))
    plot = _Plot(labels=len(labels), top=ticks[-1])
    parts = _open(chart_id, title, description, plot.legend + plot.height + 40)
    parts += _legend(series, 16, lines=True)
    parts += _grid(plot, ticks)
    parts += _x_labels(plot, labels)
    for index, (name, values) in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        points = " ".join(f"{plot.x(i):.1f},{plot.y(v):.1f}" for i, v in enumerate(values))
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5" '
            f"{_dash(index)}><title>{escape(name)}</title></polyline>"
        )
        parts += [
            f'<circle cx="{plot.x(i):.1f}" cy="{plot.y(v):.1f}" r="3" fill="{colour}"/>'
            for i, v in enumerate(values)
        ]
    parts.append("</svg>")
    return "\n".join(parts)


def _grid(plot: _Plot, ticks: Sequence[float]) -> list[str]:
    parts = []
    for tick in ticks:
        y = plot.y(tick)
        parts.append(
            f'<line x1="{plot.left}" y1="{y:.1f}" x2="{WIDTH - plot.right}" y2="{y:.1f}" '
            f'stroke="{GRID}"/>'
        )
        parts.append(
            f'<text x="{plot.left - 6}" y="{y + 4:.1f}" text-anchor="end" '
            f'fill="{TEXT}">{_number(tick)}</text>'
        )
    return parts


def _x_labels(plot: _Plot, labels: Sequence[str]) -> list[str]:
    parts = []
    for i, label in enumerate(labels):
        first, _, second = label.partition(" ")
        x = plot.x(i)
        below = f'<tspan x="{x:.1f}" dy="13">{escape(second)}</tspan>' if second else ""
        parts.append(
            f'<text x="{x:.1f}" y="{plot.legend + plot.height + 16}" text-anchor="middle" '
            f'fill="{TEXT}" font-size="11">{escape(first)}{below}</text>'
        )
    return parts
