"""SVG bar charts drawn at build time: no chart library in the browser.

Each chart is a picture of a table printed beside it, so the SVG carries a title for
screen readers and the exact numbers stay in the table. The drawing is narrow (each
label on its own line above its bar) so that on a 320 px phone, where the chart is
shrunk to the column, its text is still at least 12 px tall; the stylesheet caps its
width on wide screens.

Each colour means one thing. Statuses are drawn in the colours of their status tags;
the parts of the pathway (Prevent, Help, Create pathways, and the upstream chart's
prevention, crisis and after crisis) in colours of their own that no status uses, the
same as the home page's pathway and the badge's ring (a test holds them together).
"""

from __future__ import annotations

from markupsafe import Markup, escape

# A status's colour: the strong shade of its govuk-tag colour (_macros.html status_tag),
# so "Done" is green in the chart as in the tags.
STATUS_COLOURS = {"planned": "#505a5f", "in-progress": "#1d70b8", "done": "#00703c", "dropped": "#4c2c92"}
# The stage groups' colours (theme/scss/app.scss .app-pathway__stage--*, the badge's ring).
GROUP_COLOURS = {"prevent": "#28a197", "help": "#d53880", "create-pathways": "#9c5b00"}
# The upstream chart's parts, in the colour of the group each mostly falls in.
PART_COLOURS = {"prevention": GROUP_COLOURS["prevent"], "crisis": GROUP_COLOURS["help"],
                "after crisis": GROUP_COLOURS["create-pathways"]}
NEUTRAL = "#1d3557"  # a bar that stands for neither a status nor a part of the pathway
WIDTH = 300  # viewBox units; shrunk to a 290 px column, 14-unit text is 13.5 px
FONT = 14
LABEL_LINE = 20  # a label's line above its bar
BAR = 18
GAP = 12
ROW = LABEL_LINE + BAR + GAP
BAR_WIDTH = WIDTH - 50  # room for the total after the longest bar
LEGEND_ROW = 22


def colour(name: str) -> str:
    """A series' fill: its status's colour or its part of the pathway's, else neutral."""
    return STATUS_COLOURS.get(name) or PART_COLOURS.get(name) or NEUTRAL


def bar_chart(title: str, rows: list[tuple[str, int]], keys: list[str] | None = None) -> Markup:
    """Horizontal bars with the label above and the value at the end of each bar;
    `keys` (statuses) colour each bar like its tag."""
    top = max([n for _, n in rows] + [1])
    parts = []
    for i, (label, n) in enumerate(rows):
        y = i * ROW
        width = round(BAR_WIDTH * n / top)
        fill = colour(keys[i]) if keys else NEUTRAL
        parts.append(
            f'<text x="0" y="{y + FONT}">{escape(label)}</text>'
            f'<rect x="0" y="{y + LABEL_LINE}" width="{width}" height="{BAR}" fill="{fill}"/>'
            f'<text x="{width + 6}" y="{y + LABEL_LINE + FONT}">{n}</text>'
        )
    return _svg(title, len(rows) * ROW, "".join(parts))


def stacked_bar_chart(title: str, rows: list[tuple[str, dict[str, int]]]) -> Markup:
    """One bar a row split by series, with a legend; widths are shares of the largest row."""
    series = list(rows[0][1]) if rows else []
    top = max([sum(c.values()) for _, c in rows] + [1])
    parts = []
    for i, (label, counts) in enumerate(rows):
        y = i * ROW
        x = 0
        parts.append(f'<text x="0" y="{y + FONT}">{escape(label)}</text>')
        for name in series:
            width = round(BAR_WIDTH * counts[name] / top)
            if width:
                parts.append(
                    f'<rect x="{x}" y="{y + LABEL_LINE}" width="{width}" height="{BAR}" fill="{colour(name)}">'
                    f'<title>{escape(label)}, {escape(_words(name))}: {counts[name]}</title></rect>'
                )
            x += width
        parts.append(f'<text x="{x + 6}" y="{y + LABEL_LINE + FONT}">{sum(counts.values())}</text>')
    legend_y = len(rows) * ROW + 4
    for j, name in enumerate(series):
        x = (j % 2) * (WIDTH // 2)
        y = legend_y + (j // 2) * LEGEND_ROW
        parts.append(
            f'<rect x="{x}" y="{y}" width="14" height="14" fill="{colour(name)}"/>'
            f'<text x="{x + 20}" y="{y + 12}">{escape(_words(name))}</text>'
        )
    height = legend_y + ((len(series) + 1) // 2) * LEGEND_ROW
    return _svg(title, height, "".join(parts))


def _words(name: str) -> str:
    return name.replace("-", " ").capitalize()


def _svg(title: str, height: int, body: str) -> Markup:
    return Markup(
        f'<svg class="app-chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg" '
        f'font-family="system-ui, sans-serif" font-size="{FONT}" fill="#0b0c0c">'
        f"<title>{escape(title)}</title>{body}</svg>"
    )
