"""A badge layout drawn with Pillow, as PNG bytes with no metadata (so the same badge
is the same bytes on every build).

What every badge of a status shares (the card, the band, the ring or the artwork, the
header and the "C2C" in the emblem) is drawn once per process and size, then copied:
only the name and the status line are drawn for each badge. Drawing the emblem's text
before the name instead of after it gives the same pixels, as their inks never meet
(checked for every badge; where they would, everything is drawn in the original order).
"""

from __future__ import annotations

import io
from functools import lru_cache

from PIL import Image, ImageDraw, ImageOps

from .artwork import Artwork
from .fonts import FontSet, direction
from .layout import BORDER, CANVAS, CARD_BOTTOM, CENTRE, EMBLEM_BOX, RADIUS, RING, WHITE, Arc, Layout, Text

SUPERSAMPLE = 3  # shapes are drawn larger and scaled down: Pillow draws them without smoothing
INK_MARGIN = 3  # pixels around a text's ink box, for antialiasing and the sub-pixel start


def draw_png(layout: Layout, fonts: FontSet, width: int, artwork: Artwork | None = None) -> bytes:
    scale = width / CANVAS[0]
    size = (width, round(CANVAS[1] * scale))
    header, *rest = layout.texts  # the header first, then the name's lines and the status
    emblem = layout.emblem_text
    early = emblem is not None and _apart(emblem, rest, fonts, scale)
    image = _ground(layout.band, layout.arcs, size, artwork, layout.grey_artwork, header,
                    emblem if early else None, fonts).copy()
    draw = ImageDraw.Draw(image)
    for text in [*rest, *([emblem] if emblem is not None and not early else [])]:
        _text(draw, text, fonts, scale)
    out = io.BytesIO()
    image.save(out, "PNG")  # no text chunks, no time: deterministic
    return out.getvalue()


@lru_cache(maxsize=24)  # statuses × sizes × emblem drawn early or not; a print PNG is 5 MB
def _ground(band: str, arcs: tuple[Arc, ...], size: tuple[int, int], artwork: Artwork | None, grey: bool,
            header: Text, emblem: Text | None, fonts: FontSet) -> Image.Image:
    """The card, the band and the ring (or the artwork), then the header and, when given,
    the emblem's text: the same for every badge of a status."""
    scale = size[0] / CANVAS[0]
    image = _shapes(band, arcs, size)
    if artwork is not None:
        _paste_artwork(image, artwork.image, scale, grey)
    draw = ImageDraw.Draw(image)
    for text in [header, *([emblem] if emblem else [])]:
        _text(draw, text, fonts, scale)
    return image


def _shapes(band: str, arcs: tuple[Arc, ...], size: tuple[int, int]) -> Image.Image:
    """The card, the band and the ring, drawn at SUPERSAMPLE times the size, then scaled
    down."""
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


def _origin(text: Text, fonts: FontSet, scale: float) -> tuple[int, float, float]:
    """The size in pixels, and where the first run starts: its left end and baseline."""
    size = max(1, round(text.size * scale))
    x = text.x * scale
    if text.align == "right":
        x -= fonts.width(list(text.runs), size)
    elif text.align == "centre":
        x -= fonts.width(list(text.runs), size) / 2
    return size, x, text.baseline * scale


def _text(draw: ImageDraw.ImageDraw, text: Text, fonts: FontSet, scale: float) -> None:
    size, x, y = _origin(text, fonts, scale)
    for run in text.runs:
        draw.text((x, y), run.text, font=fonts.font(run.font, size), fill=text.colour, anchor="ls",
                  direction=direction(run))
        x += fonts.length(run, size)


def _ink(text: Text, fonts: FontSet, scale: float) -> tuple[float, float, float, float]:
    """The box the text's ink can reach, in pixels, with a margin."""
    size, x, y = _origin(text, fonts, scale)
    boxes = []
    for run in text.runs:
        left, top, right, bottom = fonts.font(run.font, size).getbbox(run.text, anchor="ls", direction=direction(run))
        boxes.append((x + left, y + top, x + right, y + bottom))
        x += fonts.length(run, size)
    return (min(b[0] for b in boxes) - INK_MARGIN, min(b[1] for b in boxes) - INK_MARGIN,
            max(b[2] for b in boxes) + INK_MARGIN, max(b[3] for b in boxes) + INK_MARGIN)


def _apart(emblem: Text, texts: list[Text], fonts: FontSet, scale: float) -> bool:
    """Whether the emblem's text shares no pixel with any of the texts (then the order in
    which they are drawn cannot change a pixel)."""
    if not emblem.runs:
        return True
    left, top, right, bottom = _ink(emblem, fonts, scale)
    for text in texts:
        if not text.runs:
            continue
        l2, t2, r2, b2 = _ink(text, fonts, scale)
        if l2 < right and left < r2 and t2 < bottom and top < b2:
            return False
    return True
