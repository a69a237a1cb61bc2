"""Where everything on a badge goes: one layout, drawn as PNG (draw.py) and as SVG (svg.py).

Measured in units of the print PNG (1600 × 800); the web PNG scales it down. The name is
wrapped to the name box and fitted: the largest size at which every line fits, with
breaks at spaces and between Chinese, Japanese or Korean characters.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from math import cos, radians, sin

from .fonts import FontSet, Run, paragraph_rtl

CANVAS = (1600, 800)
WIDTHS = {"web": 500, "print": 1600}  # pixels wide of each PNG; the SVG says 500 × 250
HEADER = "Commitment to Collaborate"
NAVY, INK, WHITE = "#1d3557", "#0b0c0c", "#ffffff"
# state -> (band colour, band text colour): GOV.UK colours, text contrast at least 4.5:1
BAND = {
    "awarded": ("#00703c", WHITE),
    "renewal-overdue": ("#f47738", INK),
    "lapsed": ("#505a5f", WHITE),
    "withdrawn": ("#505a5f", WHITE),
    "pledged": ("#1d70b8", WHITE),
}
BORDER = 14  # the band colour shows as a frame this wide around the white card
CARD_BOTTOM = 610  # the status band below it
NAME_BOX = (600, 185, 1545, 585)  # left, top, right, bottom
# The smallest name is 48 units: 12 px on the smallest badge the site offers to embed
# (400 px wide, c2c_views.badges.EMBED_WIDTH); a longer name ends in an ellipsis.
NAME_SIZES = range(128, 47, -4)
LINE_HEIGHT = 1.22
EMBLEM_BOX = (60, 60, 540, 540)
# The default emblem: a ring of the six Positive Pathway stages in their groups' colours
# (Prevent, Help, Create pathways: c2c_views.charts.GROUP_COLOURS, which no status
# uses), "C2C" inside.
STAGE_COLOURS = ("#28a197", "#28a197", "#d53880", "#d53880", "#9c5b00", "#9c5b00")
CENTRE = ((EMBLEM_BOX[0] + EMBLEM_BOX[2]) / 2, (EMBLEM_BOX[1] + EMBLEM_BOX[3]) / 2)
RADIUS = 205  # the ring's centre line
RING = 62  # the ring's width
GREYS = {"#28a197": "#707070", "#d53880": "#8f8f8f", "#9c5b00": "#555555", NAVY: "#555555"}  # no colour at all


@dataclass(frozen=True)
class Text:
    """A line of text: its runs in visual order, and its logical text for the SVG."""

    text: str
    runs: tuple[Run, ...]
    fonts: tuple[int, ...]  # the fonts it may use, in the order tried
    x: float  # the left edge, the right edge or the centre, by `align`
    baseline: float
    size: int
    colour: str
    align: str  # left | right | centre
    rtl: bool


@dataclass(frozen=True)
class Arc:
    """A segment of the emblem's ring, clockwise from 3 o'clock, as Pillow and SVG count."""

    start: float
    end: float
    colour: str


@dataclass(frozen=True)
class Layout:
    state: str
    band: str
    texts: tuple[Text, ...]  # the header, the name's lines, the status line, in that order
    arcs: tuple[Arc, ...]  # empty when artwork is drawn instead
    emblem_text: Text | None
    grey_artwork: bool  # artwork shown in grey: the badge is not an award


def is_wide(char: str) -> bool:
    """Chinese, Japanese and Korean characters: a line may break between any two."""
    return unicodedata.east_asian_width(char) in ("W", "F") and not char.isspace()


def tokens(text: str) -> list[str]:
    """The pieces a line may break between: words with their trailing space, and each
    wide character (punctuation after it stays with it)."""
    out: list[str] = []
    for word in re.findall(r"\S+\s*", text):
        buf = ""
        for char in word:
            if is_wide(char) and not unicodedata.category(char).startswith("P"):
                if buf:
                    out.append(buf)
                buf = ""
                out.append(char)
            elif not buf and out and is_wide(out[-1][-1]) and not char.isalnum():
                out[-1] += char
            else:
                buf += char
        if buf:
            out.append(buf)
    return out


def wrap(text: str, fits) -> list[str]:
    """Greedy line filling; a piece wider than a whole line is cut between characters."""
    lines: list[str] = []
    line = ""
    for token in tokens(text):
        if line and not fits((line + token).rstrip()):
            lines.append(line.rstrip())
            line = ""
        line += token
        while not fits(line.rstrip()) and len(line.rstrip()) > 1:
            cut = _longest_prefix(line, fits)
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines


def _longest_prefix(line: str, fits) -> int:
    cut = 1
    for end in range(2, len(line)):
        if unicodedata.combining(line[end]):  # a mark stays with its letter
            continue
        if not fits(line[:end]):
            break
        cut = end
    return cut


def fit_name(name: str, fonts: FontSet) -> tuple[int, list[str]]:
    """The largest size at which the wrapped name fits the name box, and its lines; at
    the smallest size a name that still does not fit ends in an ellipsis."""
    left, top, right, bottom = NAME_BOX
    order = fonts.order_for(name)
    for size in NAME_SIZES:
        def fits(line: str, size: int = size) -> bool:
            return fonts.width(fonts.runs(line, order), size) <= right - left

        lines = wrap(name, fits)
        if len(lines) * round(size * LINE_HEIGHT) <= bottom - top:
            return size, lines
    keep = (bottom - top) // round(size * LINE_HEIGHT)
    lines = lines[:keep]
    last = lines[-1]
    while last and not fits(last + "…"):
        last = last[:-1].rstrip()
    return size, [*lines[:-1], last + "…"]


def line(text: str, fonts: FontSet, x: float, baseline: float, size: int, colour: str, align: str,
         order_text: str | None = None) -> Text:
    order = fonts.order_for(order_text or text)
    runs = fonts.runs(text, order)
    used = {r.font for r in runs}
    return Text(text, tuple(runs), tuple(i for i in order if i in used), x, baseline, size, colour, align,
                paragraph_rtl(text))


def badge_layout(name: str, status: str, state: str, holds: bool, fonts: FontSet, artwork: bool) -> Layout:
    name = fonts.drawable(name)
    left, top, right, bottom = NAME_BOX
    size, lines = fit_name(name, fonts)
    height = round(size * LINE_HEIGHT)
    first = top + (bottom - top - height * len(lines)) / 2 + size * 0.95  # the block centred in the box
    rtl = paragraph_rtl(name)
    band, band_text = BAND[state]
    texts = [line(HEADER, fonts, left, 140, 54, NAVY, "left")]
    texts += [line(text, fonts, right if rtl else left, first + i * height, size, INK, "right" if rtl else "left",
                   order_text=name) for i, text in enumerate(lines)]
    texts.append(line(status, fonts, CANVAS[0] / 2, 730, 66, band_text, "centre"))
    arcs: tuple[Arc, ...] = ()
    emblem_text = None
    if not artwork:
        gap = 5
        colours = STAGE_COLOURS if holds else tuple(GREYS[c] for c in STAGE_COLOURS)
        arcs = tuple(Arc(-90 + i * 60 + gap / 2, -90 + (i + 1) * 60 - gap / 2, c) for i, c in enumerate(colours))
        cx, cy = CENTRE
        emblem_text = line("C2C", fonts, cx, cy + 52, 150, NAVY if holds else GREYS[NAVY], "centre")
    return Layout(state, band, tuple(texts), arcs, emblem_text, grey_artwork=not holds)


def arc_points(arc: Arc) -> tuple[tuple[float, float], tuple[float, float]]:
    """The two ends of an arc on the ring's centre line (for the SVG path)."""
    cx, cy = CENTRE
    return ((cx + RADIUS * cos(radians(arc.start)), cy + RADIUS * sin(radians(arc.start))),
            (cx + RADIUS * cos(radians(arc.end)), cy + RADIUS * sin(radians(arc.end))))
