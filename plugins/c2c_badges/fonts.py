"""The fonts badges are drawn with, and how a line of any script is split among them.

The fonts come from packages the project installs (requirements.lock), never from the
machine: Noto Sans for Latin, Greek and Cyrillic, Noto Sans Arabic and Hebrew, and Noto
Sans JP, KR, SC and TC for Chinese, Japanese and Korean. Each character goes to the first
font that has it; the CJK font that covers most of a name is tried first, so a Japanese
name keeps Japanese glyph forms and a Chinese one Chinese forms.

A line is cut into runs of one font and one direction, put in visual order (the Unicode
bidirectional algorithm's rule L2, at the level of runs); each run is then shaped by
Pillow's raqm layout (HarfBuzz and FriBiDi), which joins Arabic letters and orders the
characters within the run.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib.util import find_spec
from pathlib import Path

from fontTools.ttLib import TTFont
from PIL import ImageFont, features

WEIGHT = 700  # every word on a badge is bold: it is read small and from a distance

# (package, file inside it): the order in which fonts are tried.
FONT_FILES = (
    ("fontpkg_noto_sans", "files/NotoSans[wdth,wght].ttf"),
    ("justmytype_intl_rtl", "fonts/ofl/notosansarabic/NotoSansArabic[wdth,wght].ttf"),
    ("justmytype_intl_rtl", "fonts/ofl/notosanshebrew/NotoSansHebrew[wdth,wght].ttf"),
    ("justmytype_intl_cjk", "fonts/ofl/notosansjp/NotoSansJP[wght].ttf"),
    ("justmytype_intl_cjk", "fonts/ofl/notosanssc/NotoSansSC[wght].ttf"),
    ("justmytype_intl_cjk", "fonts/ofl/notosanstc/NotoSansTC[wght].ttf"),
    ("justmytype_intl_cjk", "fonts/ofl/notosanskr/NotoSansKR[wght].ttf"),
)
RTL = {"R", "AL"}
NEUTRAL = {"WS", "ON", "CS", "ES", "ET", "EN", "AN", "NSM", "BN", "B", "S", ""}  # take their neighbours' run
LAYOUT = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC


def font_path(package: str, relative: str) -> Path:
    spec = find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the font package {package} is not installed; run `make install`")
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    if not path.is_file():
        raise RuntimeError(f"{path} is missing from the font package {package}; reinstall it with `make install`")
    return path


@dataclass(frozen=True)
class Run:
    """Part of a line drawn with one font in one direction."""

    text: str
    font: int  # index into the font set
    rtl: bool


class FontSet:
    """The badge fonts: which has which character, their digest, Pillow fonts by size."""

    def __init__(self, paths: Iterable[Path] | None = None, prepared_dir: Path | None = None):
        self.paths = list(paths) if paths is not None else [font_path(p, f) for p, f in FONT_FILES]
        self.prepared_dir = prepared_dir
        self._runs: dict[tuple[str, tuple[int, ...]], tuple[Run, ...]] = {}

    def load(self) -> None:
        """Read now which characters the first font has, which every badge asks: once,
        and forked workers inherit it rather than each reading it again."""
        _cmap(self.paths[0])

    @cached_property
    def digest(self) -> str:
        """A hash of every font file: a changed font draws every badge again."""
        return hashlib.sha256(" ".join(file_digest(p) for p in self.paths).encode()).hexdigest()

    def covers(self, index: int, char: str) -> bool:
        return ord(char) in _cmap(self.paths[index])

    def order_for(self, text: str) -> list[int]:
        """The fonts in the order to try for this text: the first font, then the others
        by how many of its remaining characters each has (ties in FONT_FILES order)."""
        rest = {c for c in text if not self.covers(0, c)}
        others = range(1, len(self.paths))
        if not rest:
            return [0, *others]
        return [0, *sorted(others, key=lambda i: -sum(1 for c in rest if self.covers(i, c)))]

    def drawable(self, text: str) -> str:
        """The text without the characters no font has (emoji, for one): they would be
        drawn as empty boxes."""
        kept = "".join(c for c in text if c.isspace() or any(self.covers(i, c) for i in range(len(self.paths))))
        return " ".join(kept.split())

    def runs(self, line: str, order: list[int]) -> list[Run]:
        """One line cut into runs, in visual order, left to right (kept: fitting a name
        cuts the same lines at every size it tries)."""
        key = (line, tuple(order))
        if key not in self._runs:
            self._runs[key] = tuple(self._cut_runs(line, order))
        return list(self._runs[key])

    def _cut_runs(self, line: str, order: list[int]) -> list[Run]:
        pieces: list[list] = []  # [text, font]
        for char in line:
            kind = unicodedata.bidirectional(char)
            if pieces and kind in NEUTRAL and self.covers(pieces[-1][1], char):
                pieces[-1][0] += char
                continue
            font = next((i for i in order if self.covers(i, char)), None)
            if font is None:
                continue
            if pieces and pieces[-1][1] == font:
                pieces[-1][0] += char
            else:
                pieces.append([char, font])
        runs = [Run(text, font, any(unicodedata.bidirectional(c) in RTL for c in text)) for text, font in pieces]
        return visual_order(runs, paragraph_rtl(line))

    def font(self, index: int, size: int) -> ImageFont.FreeTypeFont:
        return _pillow_font(self.paths[index], size)

    def length(self, run: Run, size: int) -> float:
        """How far the run advances at `size`, measured once per process."""
        return _length(self.paths[run.font], size, run.text, direction(run))

    def width(self, runs: list[Run], size: int) -> float:
        return sum(self.length(r, size) for r in runs)

    def families(self, text: str) -> list[int]:
        """The fonts a text is drawn with, in the order they are tried."""
        used = {r.font for line in text.splitlines() for r in self.runs(line, self.order_for(text))}
        return [i for i in self.order_for(text) if i in used]


def direction(run: Run) -> str | None:
    """Pillow takes a direction only with the raqm layout."""
    if LAYOUT is not ImageFont.Layout.RAQM:
        return None
    return "rtl" if run.rtl else "ltr"


def paragraph_rtl(text: str) -> bool:
    """Right to left when the first letter with a direction is Arabic or Hebrew."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in RTL:
            return True
        if kind == "L":
            return False
    return False


def visual_order(runs: list[Run], rtl_paragraph: bool) -> list[Run]:
    """Rule L2 over runs: right-to-left runs sit one level above the paragraph when it
    is left to right; left-to-right runs one level above it when it is right to left.
    Reverse every stretch at or above each level, highest first."""
    levels = [(1 if r.rtl else 2) if rtl_paragraph else (1 if r.rtl else 0) for r in runs]
    order = list(range(len(runs)))
    for level in range(max(levels, default=0), 0, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return [runs[i] for i in order]


@cache
def file_digest(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


@cache
def _cmap(path: Path) -> frozenset[int]:
    with TTFont(path, lazy=True) as font:
        return frozenset(font.getBestCmap())


@cache
def axes(path: Path) -> list[str]:
    """The font's variation axes, by tag, in the font's order."""
    with TTFont(path, lazy=True) as font:
        return [a.axisTag for a in font["fvar"].axes] if "fvar" in font else []


@cache
def _pillow_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    font = ImageFont.truetype(str(path), size, layout_engine=LAYOUT)
    tags = axes(path)
    if tags:
        defaults = [float(a["default"] or 0) for a in font.get_variation_axes()]
        font.set_variation_by_axes([WEIGHT if tag == "wght" else d for tag, d in zip(tags, defaults, strict=True)])
        # The first measure or drawing after setting the weight comes out a little off
        # (Pillow 13 with FreeType: 237.36 px wide where every later call says 237.33), so
        # one is made here and thrown away: every call after it agrees, whatever came first.
        font.getlength("C2C")
    return font


@lru_cache(maxsize=1 << 16)
def _length(path: Path, size: int, text: str, text_direction: str | None) -> float:
    return _pillow_font(path, size).getlength(text, direction=text_direction)
