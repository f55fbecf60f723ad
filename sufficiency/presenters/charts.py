"""A line chart with shaded interval bands, built on the fostering app's SVG chart helpers.

Pure: numbers in, SVG text out (every text escaped). Lines differ by colour and dash; the
page follows the chart with a table of the same numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape

from rcc.kit import charts as base

PALETTE = (*base.PALETTE, "#505a5f")
DASHES = (*base.DASHES, "6 2 1 2")


@dataclass(frozen=True)
class BandSeries:
    name: str
    mean: Sequence[float]
    lower: Sequence[float]
    upper: Sequence[float]


def band_chart(
    *,
    chart_id: str,
    title: str,
    description: str,
    labels: Sequence[str],
    series: Sequence[BandSeries],
) -> str:
    """Each series a line (its mean) over a pale band (its interval)."""
    top = max((v for s in series for v in s.upper), default=0)
    ticks = base.nice_ticks(top)
    places = _legend_places(series)
    rows = 1 + max((y for _, y in places), default=0) // LEGEND_ROW
    plot = base._Plot(labels=len(labels), top=ticks[-1], legend=12 + rows * LEGEND_ROW)
    parts = base._open(chart_id, title, description, plot.legend + plot.height + 40)
    parts += _legend(series, places)
    parts += base._grid(plot, ticks)
    parts += base._x_labels(plot, labels)
    for index, s in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        outline = [(plot.x(i), plot.y(v)) for i, v in enumerate(s.upper)]
        outline += [(plot.x(i), plot.y(v)) for i, v in reversed(list(enumerate(s.lower)))]
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in outline)
        parts.append(f'<polygon points="{points}" fill="{colour}" fill-opacity="0.15"/>')
    for index, s in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        dash = DASHES[index % len(DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        points = " ".join(f"{plot.x(i):.1f},{plot.y(v):.1f}" for i, v in enumerate(s.mean))
        parts.append(
            f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2.5"'
            f"{dashed}><title>{escape(s.name)}</title></polyline>"
        )
    parts.append("</svg>")
    return "\n".join(parts)


LEGEND_ROW = 18


def _legend_places(series: Sequence[BandSeries]) -> list[tuple[int, int]]:
    """Where each legend entry starts, wrapping onto a new row at the chart's edge."""
    places, x, y = [], 8, 0
    for s in series:
        width = 40 + 7 * len(s.name)
        if x > 8 and x + width > base.WIDTH:
            x, y = 8, y + LEGEND_ROW
        places.append((x, y))
        x += width
    return places


def _legend(series: Sequence[BandSeries], places: Sequence[tuple[int, int]]) -> list[str]:
    parts = []
    for index, (s, (x, row)) in enumerate(zip(series, places, strict=True)):
        colour = PALETTE[index % len(PALETTE)]
        dash = DASHES[index % len(DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        y = 16 + row
        parts.append(
            f'<line x1="{x}" y1="{y - 4}" x2="{x + 22}" y2="{y - 4}" stroke="{colour}" '
            f'stroke-width="3"{dashed}/>'
        )
        parts.append(f'<text x="{x + 28}" y="{y}" fill="{base.TEXT}">{escape(s.name)}</text>')
    return parts
