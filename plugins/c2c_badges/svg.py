"""A badge layout as SVG: the text stays text (the browser shapes it, screen readers and
search read it), in fonts embedded in the file.

Each font is cut down to the characters the badge uses (fontTools' subsetter, keeping
the shaping rules Arabic needs), fixed at the badge's weight and embedded as WOFF in a
data: URL, so the badge looks the same wherever it is shown, fetches nothing, and is a
few kilobytes. Everything from content is escaped as XML text.
"""

from __future__ import annotations

import base64
import io
from xml.sax.saxutils import escape, quoteattr

from .fonts import WEIGHT, FontSet
from .layout import BORDER, CANVAS, CARD_BOTTOM, EMBLEM_BOX, RADIUS, RING, WHITE, Layout, Text, arc_points
from .subsets import cut, source

SHOWN_WIDTH = 500  # the SVG's own width and height in CSS pixels; it scales to any size


def family(index: int) -> str:
    return f"c2c-badge-{index}"


def draw_svg(layout: Layout, fonts: FontSet, title: str, artwork_png: bytes | None = None) -> bytes:
    w, h = CANVAS
    texts = [*layout.texts, *([layout.emblem_text] if layout.emblem_text else [])]
    used: dict[int, set[str]] = {}
    for text in texts:
        for run in text.runs:
            used.setdefault(run.font, set()).update(run.text)
    faces = "".join(
        f'@font-face{{font-family:"{family(i)}";font-weight:{WEIGHT};'
        f'src:url(data:font/woff;base64,{_woff(fonts, i, "".join(sorted(chars)))}) format("woff")}}'
        for i, chars in sorted(used.items())
    )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SHOWN_WIDTH}" height="{SHOWN_WIDTH * h // w}" '
        f'viewBox="0 0 {w} {h}" role="img" aria-label={quoteattr(title)}>',
        f"<title>{escape(title)}</title>",
        f"<style>{faces}</style>",
        f'<rect width="{w}" height="{h}" rx="56" fill="{layout.band}"/>',
        f'<rect x="{BORDER}" y="{BORDER}" width="{w - 2 * BORDER}" height="{CARD_BOTTOM - BORDER}" rx="44" '
        f'fill="{WHITE}"/>',
    ]
    for arc in layout.arcs:
        (x0, y0), (x1, y1) = arc_points(arc)
        parts.append(f'<path d="M{x0:.2f} {y0:.2f}A{RADIUS} {RADIUS} 0 0 1 {x1:.2f} {y1:.2f}" fill="none" '
                     f'stroke="{arc.colour}" stroke-width="{RING}"/>')
    if artwork_png is not None:
        left, top, right, bottom = EMBLEM_BOX
        grey = ' filter="url(#grey)"' if layout.grey_artwork else ""
        if grey:
            parts.append('<filter id="grey"><feColorMatrix type="saturate" values="0"/></filter>')
        data = base64.b64encode(artwork_png).decode("ascii")
        parts.append(f'<image x="{left}" y="{top}" width="{right - left}" height="{bottom - top}"{grey} '
                     f'preserveAspectRatio="xMidYMid meet" href="data:image/png;base64,{data}"/>')
    parts += [_text(text) for text in texts]
    parts.append("</svg>")
    return ("\n".join(parts) + "\n").encode("utf-8")


def _text(text: Text) -> str:
    # With direction="rtl", "start" is the right end.
    anchor = {"left": ("start", "end"), "right": ("end", "start"), "centre": ("middle", "middle")}[text.align][text.rtl]
    direction = ' direction="rtl"' if text.rtl else ""
    families = ",".join(f'"{family(i)}"' for i in text.fonts) + ",sans-serif"
    return (f"<text x=\"{text.x:.2f}\" y=\"{text.baseline:.2f}\" font-family='{families}' font-size=\"{text.size}\" "
            f'font-weight="{WEIGHT}" fill="{text.colour}" text-anchor="{anchor}"{direction}>{escape(text.text)}</text>')


def _woff(fonts: FontSet, index: int, chars: str) -> str:
    """The font cut to `chars`, fixed at the badge weight, as base64 WOFF; no time stamp,
    so the same characters give the same bytes."""
    path, often = source(fonts, index, chars)
    font = cut(path, chars, often=often)
    font.recalcTimestamp = False
    font.flavor = "woff"
    out = io.BytesIO()
    font.save(out)
    return base64.b64encode(out.getvalue()).decode("ascii")
