"""Server-rendered SVG charts for the desk's dashboard: no script, no library.

Each function returns one ``<svg>`` element (escaped through ``format_html``) with
a ``<title>`` that says what it shows, for screen readers; the dashboard prints
the same figures in tables beside each chart.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils import dateformat
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

#: colours of the line series (a palette that stays apart in greyscale)
SERIES = ("#1d4ed8", "#b45309", "#047857", "#7c3aed")
AGE_COLOURS = ("#a7f3d0", "#fde68a", "#fdba74", "#f87171")

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 720, 220, 44, 24, 10


def _scale(values: Sequence[float | None]) -> float:
    top = max((v for v in values if v is not None), default=0) or 1
    return float(top)


def line_chart(
    *,
    title: str,
    labels: Sequence[dt.date],
    series: Sequence[tuple[str, Sequence[float | None]]],
) -> SafeString:
    """Lines over weeks: one polyline per (name, values); a gap where None."""
    top = _scale([v for _n, values in series for v in values])
    n = max(len(labels), 1)
    step = (WIDTH - LEFT - 8) / max(n - 1, 1)
    plot_h = HEIGHT - BOTTOM - TOP

    def xy(i: int, v: float) -> str:
        return f"{LEFT + i * step:.1f},{TOP + plot_h * (1 - v / top):.1f}"

    lines = []
    for k, (name, values) in enumerate(series):
        runs: list[list[str]] = [[]]
        for i, v in enumerate(values):
            if v is None:
                runs.append([])
            else:
                runs[-1].append(xy(i, v))
        colour = SERIES[k % len(SERIES)]
        for run in runs:
            if len(run) == 1:
                x, y = run[0].split(",")
                lines.append(
                    format_html(
                        '<circle cx="{}" cy="{}" r="2.5" fill="{}"></circle>',
                        x,
                        y,
                        colour,
                    )
                )
            elif run:
                lines.append(
                    format_html(
                        '<polyline points="{}" fill="none" stroke="{}" '
                        'stroke-width="2" data-series="{}"></polyline>',
                        " ".join(run),
                        colour,
                        name,
                    )
                )
    ticks = format_html_join(
        "",
        '<text x="{}" y="{}" class="cd-chart__tick">{}</text>',
        (
            (f"{LEFT + i * step:.1f}", HEIGHT - 6, dateformat.format(d, "d M"))
            for i, d in enumerate(labels)
            if i % max(1, n // 6) == 0
        ),
    )
    legend = format_html_join(
        "",
        '<tspan fill="{}">■</tspan> <tspan>{}</tspan>  ',
        ((SERIES[k % len(SERIES)], name) for k, (name, _v) in enumerate(series)),
    )
    return format_html(
        '<svg class="cd-chart" role="img" viewBox="0 0 {w} {h}" width="100%" '
        'xmlns="http://www.w3.org/2000/svg"><title>{title}</title>'
        '<line x1="{l}" y1="{t}" x2="{l}" y2="{b}" stroke="#9ca3af"></line>'
        '<line x1="{l}" y1="{b}" x2="{w}" y2="{b}" stroke="#9ca3af"></line>'
        '<text x="0" y="{ty}" class="cd-chart__tick">{top}</text>'
        '<text x="0" y="{b}" class="cd-chart__tick">0</text>'
        '{lines}{ticks}<text x="{lx}" y="{ty}" class="cd-chart__legend">{legend}'
        "</text></svg>",
        w=WIDTH,
        h=HEIGHT,
        title=title,
        l=LEFT,
        t=TOP,
        b=HEIGHT - BOTTOM,
        ty=TOP + 8,
        top=f"{top:g}",
        lines=format_html_join("", "{}", ((line,) for line in lines)),
        ticks=ticks,
        lx=LEFT + 10,
        legend=legend,
    )


def stacked_bars(
    *,
    title: str,
    rows: Sequence[tuple[str, Sequence[int]]],
    parts: Sequence[tuple[str, str]],
) -> SafeString:
    """Horizontal bars, one per (label, [count per part]), stacked in ``parts``'
    order: (name, colour)."""
    total = max((sum(values) for _l, values in rows), default=0) or 1
    bar_left, bar_w, row_h = 150, WIDTH - 150 - 70, 26
    height = row_h * len(rows) + 30
    out = []
    for r, (label, values) in enumerate(rows):
        y = r * row_h + 4
        x = float(bar_left)
        out.append(
            format_html(
                '<text x="0" y="{}" class="cd-chart__label">{}</text>', y + 15, label
            )
        )
        for (name, colour), v in zip(parts, values, strict=False):
            w = bar_w * v / total
            if v:
                out.append(
                    format_html(
                        '<rect x="{}" y="{}" width="{}" height="18" fill="{}">'
                        "<title>{}: {}</title></rect>",
                        f"{x:.1f}",
                        y + 2,
                        f"{w:.1f}",
                        colour,
                        name,
                        v,
                    )
                )
            x += w
        out.append(
            format_html(
                '<text x="{}" y="{}" class="cd-chart__count">{}</text>',
                f"{x + 6:.1f}",
                y + 15,
                sum(values),
            )
        )
    legend = format_html_join(
        "",
        '<tspan fill="{}">■</tspan> <tspan>{}</tspan>  ',
        ((colour, name) for name, colour in parts),
    )
    return format_html(
        '<svg class="cd-chart" role="img" viewBox="0 0 {} {}" width="100%" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>{}'
        '<text x="{}" y="{}" class="cd-chart__legend">{}</text></svg>',
        WIDTH,
        height,
        title,
        format_html_join("", "{}", ((o,) for o in out)),
        bar_left,
        height - 6,
        legend,
    )


def stacked_columns(
    *,
    title: str,
    labels: Sequence[dt.date],
    series: Sequence[tuple[str, str, Sequence[int]]],
) -> SafeString:
    """Columns per month, stacked by (name, colour, [count per month])."""
    totals = [sum(s[2][i] for s in series) for i in range(len(labels))]
    top = max(totals, default=0) or 1
    n = max(len(labels), 1)
    slot = (WIDTH - LEFT - 8) / n
    plot_h = HEIGHT - BOTTOM - TOP
    out = []
    for i, month in enumerate(labels):
        y = float(HEIGHT - BOTTOM)
        for name, colour, values in series:
            v = values[i]
            if not v:
                continue
            h = plot_h * v / top
            y -= h
            out.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}">'
                    "<title>{} {}: {}</title></rect>",
                    f"{LEFT + i * slot + 2:.1f}",
                    f"{y:.1f}",
                    f"{max(slot - 4, 1):.1f}",
                    f"{h:.1f}",
                    colour,
                    dateformat.format(month, "M Y"),
                    name,
                    v,
                )
            )
        if i % max(1, n // 8) == 0:
            out.append(
                format_html(
                    '<text x="{}" y="{}" class="cd-chart__tick">{}</text>',
                    f"{LEFT + i * slot:.1f}",
                    HEIGHT - 6,
                    dateformat.format(month, "M y"),
                )
            )
    return format_html(
        '<svg class="cd-chart" role="img" viewBox="0 0 {} {}" width="100%" '
        'xmlns="http://www.w3.org/2000/svg"><title>{}</title>'
        '<text x="0" y="{}" class="cd-chart__tick">{}</text>{}</svg>',
        WIDTH,
        HEIGHT,
        title,
        TOP + 8,
        top,
        format_html_join("", "{}", ((o,) for o in out)),
    )
