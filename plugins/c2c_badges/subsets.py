"""The badge fonts cut down to the characters a badge uses, for embedding in its SVG.

Cutting (fontTools' subsetter) from the whole variable font takes half a second, most
of it reading its kerning table; so the first font is cut once, at the badge weight, to
the characters most names use (REPERTOIRE), and again to plain ASCII and its typographic
quotes and dashes (BASIC), and kept with the image cache. A badge's characters are cut
from the smallest of these that has them all, which gives the same bytes as cutting them
from a larger one (a cut keeps every glyph, kerning pair and shaping rule its characters
reach); each of these fonts is decoded once per process and copied for every badge.
Names with other letters (Greek, Cyrillic, Arabic, CJK) are cut from the whole font:
slower, and just as right.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import fontTools
from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

from .fonts import WEIGHT, FontSet, axes, file_digest

# Latin with its accents and punctuation: what most names use. Kept small, because the
# time to cut a font grows with its kerning table.
REPERTOIRE = frozenset([*range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x2010, 0x2028), *range(0x2030, 0x203B),
                        0x20AC, 0x2122])
# Plain ASCII, the no-break space, the middle dot of the status lines, dashes, curly
# quotes and the ellipsis: a third of the time of cutting from REPERTOIRE goes on copying
# its kerning, which this leaves out.
BASIC = frozenset([*range(0x20, 0x7F), 0xA0, 0xB7, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026])


def source(fonts: FontSet, index: int, chars: str) -> tuple[Path, bool]:
    """The font file to cut `chars` from, and whether it is a prepared cut (used for
    many badges) rather than the font itself."""
    if index == 0 and fonts.prepared_dir is not None:
        for path, repertoire in prepared(fonts.paths[0], fonts.prepared_dir):
            if all(ord(c) in repertoire for c in chars):
                return path, True
    return fonts.paths[index], False


def load(fonts: FontSet) -> None:
    """Make and decode the prepared cuts now, once: forked workers inherit them."""
    if fonts.prepared_dir is not None:
        for path, _ in prepared(fonts.paths[0], fonts.prepared_dir):
            _decoded(path)


@cache
def prepared(font: Path, folder: Path) -> tuple[tuple[Path, frozenset[int]], ...]:
    """The prepared cuts of `font`, smallest first, made when missing: REPERTOIRE from
    the font, fixed at the badge weight, then BASIC from that."""
    key = hashlib.sha256(f"{file_digest(font)} {WEIGHT} {sorted(REPERTOIRE)} {fontTools.version}".encode())
    repertoire = _made(folder / f"{key.hexdigest()[:32]}.ttf", font, REPERTOIRE)
    key.update(f" {sorted(BASIC)}".encode())
    basic = _made(folder / f"{key.hexdigest()[:32]}.ttf", repertoire, BASIC)
    return (basic, BASIC), (repertoire, REPERTOIRE)


def _made(path: Path, font: Path, unicodes: frozenset[int]) -> Path:
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        cut_font = cut(font, unicodes=unicodes)
        cut_font.recalcTimestamp = False
        cut_font.save(partial)
        os.replace(partial, path)  # whole files only, even with two builds at once
    return path


@cache
def _decoded(path: Path) -> bytes:
    """The font with its tables decoded, pickled: decoding the kerning and shaping
    tables again for every badge was half the time of cutting one."""
    font = TTFont(path, recalcTimestamp=False)
    for tag in font.keys():
        font[tag]  # decoded as cutting it would, no further (glyph outlines stay as read)
    return pickle.dumps(font, protocol=pickle.HIGHEST_PROTOCOL)


def cut(path: Path, chars: str | None = None, unicodes: Iterable[int] = (), often: bool = False) -> TTFont:
    """The font cut to `chars` and `unicodes`, fixed at the badge weight. `often`: the
    font is cut for many badges, so it is decoded once and copied for each (the same
    bytes as reading it afresh, which the other fonts still do: each is used rarely,
    and the CJK ones are too large to keep decoded)."""
    options = subset.Options()
    options.layout_features = ["*"]  # keep every shaping rule: Arabic joining, marks, ligatures
    options.name_IDs = ["*"]  # keep the names, which hold the font's licence (OFL) notice
    options.notdef_outline = True
    font = pickle.loads(_decoded(path)) if often else TTFont(path, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars or "", unicodes=list(unicodes))
    subsetter.subset(font)
    if axes(path):
        font = instancer.instantiateVariableFont(font, {tag: (WEIGHT if tag == "wght" else None) for tag in axes(path)})
    return font
