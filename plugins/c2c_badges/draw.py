"""A badge layout drawn with Pillow, as PNG bytes with no metadata (so the same badge
is the same bytes on every build)."""

from __future__ import annotations

import io
from functools import cache

from PIL import Image, ImageDraw, ImageOps

from .fonts import FontSet, direction
from .layout import BORDER, CANVAS, CARD_BOTTOM, CENTRE, EMBLEM_BOX, RADIUS, RING, WHITE, Arc, Layout, Text

SUPERSAMPLE = 3  # shapes are drawn larger and scaled down: Pillow draws them without smoothing


def draw_png(layout: Layout, fonts: FontSet, width: int, artwork: Image.Image | None = None) -> bytes:
    scale = width / CANVAS[0]
    size = (width, round(CANVAS[1] * scale))
    image = _shapes(layout.band, layout.arcs, size).copy()
    if artwork is not None:
        _paste_artwork(image, artwork, scale, grey=layout.grey_artwork)
    draw = ImageDraw.Draw(image)
    texts = [*layout.texts, *([layout.emblem_text] if layout.emblem_text else [])]
    for text in texts:
        _text(draw, text, fonts, scale)
    out = io.BytesIO()
    image.save(out, "PNG")  # no text chunks, no time: deterministic
    return out.getvalue()


@cache
def _shapes(band: str, arcs: tuple[Arc, ...], size: tuple[int, int]) -> Image.Image:
    """The card, the band and the ring, drawn at SUPERSAMPLE times the size, then scaled
    down; the same for every badge of a status, so drawn once per build."""
    k = size[0] / CANVAS[0] * SUPERSAMPLE
    big = Image.new("RGBA", (size[0] * SUPERSAMPLE, size[1] * SUPERSAMPLE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(big)
    w, h = big.size
    draw.rounded_rectangle((0, 0, w - 1, h - 1), radius=round(56 * k), fill=band)
    draw.rounded_rectangle((BORDER * k, BORDER * k, w - 1 - BORDER * k, CARD_BOTTOM * k), radius=round(44 * k),
                           fill=WHITE)
    cx, cy = CENTRE
    outer = RADIUS + RING / 2
    for arc in arcs:
        draw.arc(((cx - outer) * k, (cy - outer) * k, (cx + outer) * k, (cy + outer) * k), arc.start, arc.end,
                 fill=arc.colour, width=round(RING * k))
    return big.reduce(SUPERSAMPLE)  # a box filter: the mean of each 3 × 3 block


def _paste_artwork(image: Image.Image, artwork: Image.Image, scale: float, grey: bool) -> None:
    left, top, right, bottom = (round(v * scale) for v in EMBLEM_BOX)
    art = ImageOps.contain(artwork, (right - left, bottom - top), Image.Resampling.LANCZOS)
    if grey:  # not an award: the emblem in grey, never in its award colours
        alpha = art.getchannel("A")
        art = ImageOps.grayscale(art).convert("RGBA")
        art.putalpha(alpha)
    x = left + (right - left - art.width) // 2
    y = top + (bottom - top - art.height) // 2
    image.alpha_composite(art, (x, y))


def _text(draw: ImageDraw.ImageDraw, text: Text, fonts: FontSet, scale: float) -> None:
    size = max(1, round(text.size * scale))
    width = fonts.width(list(text.runs), size)
    x = text.x * scale
    if text.align == "right":
        x -= width
    elif text.align == "centre":
        x -= width / 2
    y = text.baseline * scale
    for run in text.runs:
        font = fonts.font(run.font, size)
        draw.text((x, y), run.text, font=font, fill=text.colour, anchor="ls", direction=direction(run))
        x += font.getlength(run.text, direction=direction(run))
