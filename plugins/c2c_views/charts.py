"""SVG bar charts drawn at build time: no chart library in the browser.

Each chart is a picture of a table printed beside it, so the SVG carries a title for
screen readers and the exact numbers stay in the table.
"""

from __future__ import annotations

from markupsafe import Markup, escape

PALETTE = ["#1d70b8", "#00703c", "#f47738", "#6f777b", "#4c2c92", "#d4351c"]
ROW = 28
LABEL_WIDTH = 210
BAR_WIDTH = 360
WIDTH = LABEL_WIDTH + BAR_WIDTH + 50


def bar_chart(title: str, rows: list[tuple[str, int]]) -> Markup:
    """Horizontal bars, one a row, with the value written at the end of each bar."""
    top = max([n for _, n in rows] + [1])
    parts = []
    for i, (label, n) in enumerate(rows):
        y = i * ROW
        width = round(BAR_WIDTH * n / top)
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 18}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{width}" height="{ROW - 8}" fill="{PALETTE[0]}"/>'
            f'<text x="{LABEL_WIDTH + width + 6}" y="{y + 18}">{n}</text>'
        )
    return _svg(title, len(rows) * ROW, "".join(parts))


def stacked_bar_chart(title: str, rows: list[tuple[str, dict[str, int]]]) -> Markup:
    """One bar a row split by series, with a legend; widths are shares of the largest row."""
    series = list(rows[0][1]) if rows else []
    top = max([sum(c.values()) for _, c in rows] + [1])
    parts = []
    for i, (label, counts) in enumerate(rows):
        y = i * ROW
        x = LABEL_WIDTH
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 18}" text-anchor="end">{escape(label)}</text>')
        for j, name in enumerate(series):
            width = round(BAR_WIDTH * counts[name] / top)
            if width:
                parts.append(
                    f'<rect x="{x}" y="{y + 4}" width="{width}" height="{ROW - 8}" '
                    f'fill="{PALETTE[j % len(PALETTE)]}"><title>{escape(label)}, {escape(name)}: {counts[name]}</title></rect>'
                )
            x += width
        parts.append(f'<text x="{x + 6}" y="{y + 18}">{sum(counts.values())}</text>')
    legend_y = len(rows) * ROW + 10
    for j, name in enumerate(series):
        x = LABEL_WIDTH + (j % 3) * 130
        y = legend_y + (j // 3) * 22
        parts.append(
            f'<rect x="{x}" y="{y}" width="14" height="14" fill="{PALETTE[j % len(PALETTE)]}"/>'
            f'<text x="{x + 20}" y="{y + 12}">{escape(name.replace("-", " "))}</text>'
        )
    height = legend_y + ((len(series) + 2) // 3) * 22
    return _svg(title, height, "".join(parts))


def _svg(title: str, height: int, body: str) -> Markup:
    return Markup(
        f'<svg class="app-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif" font-size="14" fill="#0b0c0c">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )
