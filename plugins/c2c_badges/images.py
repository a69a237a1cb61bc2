"""Every image file of the badges and logos, from the views, through the cache.

The badge of every organisation is at the same address on every build (the URL map's
`badge_image`), and says what `derive.award_state` says on the build date.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PIL import Image, ImageOps

from c2c_registry.urls import BADGE_FILES
from c2c_views.badges import BadgeView, BadgeViews
from c2c_views.parallel import forked_map

from .cache import ImageCache, code_digest, copy_to, key
from .draw import draw_png
from .fonts import FontSet
from .layout import EMBLEM_BOX, WIDTHS, badge_layout
from .logos import file_name, logo_names, reencode, upright_srgb
from .svg import draw_svg

LOGO_FOLDER = ("organisations", "logos")  # where content keeps logos, as the validator checks them


@dataclass(frozen=True)
class Artwork:
    """WMCA's emblem for the badges (the C2C_BADGE_ARTWORK setting), checked and decoded once."""

    image: Image.Image
    png: bytes  # as embedded in the SVG
    digest: str


def load_artwork(setting: str) -> Artwork | None:
    if not setting:
        return None
    path = Path(setting)
    if not path.is_file():
        raise ValueError(f"C2C_BADGE_ARTWORK: there is no file {path} (looked in {path.resolve().parent}); "
                         "give the path of a PNG or JPEG from the project folder, or leave it empty")
    try:
        image = upright_srgb(path)
    except ValueError as err:
        raise ValueError(f"C2C_BADGE_ARTWORK: {err}") from None
    side = EMBLEM_BOX[2] - EMBLEM_BOX[0]
    out = io.BytesIO()
    ImageOps.contain(image, (side, side), Image.Resampling.LANCZOS).save(out, "PNG", optimize=True)
    return Artwork(image, out.getvalue(), hashlib.sha256(path.read_bytes()).hexdigest())


def badge_files(view: BadgeView, fonts: FontSet, artwork: Artwork | None) -> dict[str, bytes]:
    """The web PNG, the print PNG and the SVG of one badge, by file name."""
    layout = badge_layout(view.organisation.name, view.status_line, view.state, view.holds, fonts, artwork is not None)
    image = artwork.image if artwork else None
    return {
        BADGE_FILES["web"]: draw_png(layout, fonts, WIDTHS["web"], image),
        BADGE_FILES["print"]: draw_png(layout, fonts, WIDTHS["print"], image),
        BADGE_FILES["svg"]: draw_svg(layout, fonts, view.alt, artwork.png if artwork else None),
    }


def write_images(badges: BadgeViews, content: Path, output: Path, cache: ImageCache, artwork_setting: str) -> None:
    """Draw (or copy from the cache) every badge and logo into the output. What the cache
    lacks is drawn first, on every core (c2c_views.parallel)."""
    code = code_digest()
    # (cache kind, cache key, file names, how to draw, name -> address in the output)
    wanted: list[tuple[str, str, list[str], Callable[[], dict[str, bytes]], dict[str, str]]] = []
    if badges.by_slug:
        fonts = FontSet(prepared_dir=cache.root / "fonts")
        fonts.prepared(0)  # made once here, not by each worker
        artwork = load_artwork(artwork_setting)
        art_digest = artwork.digest if artwork else ""
        for view in badges.by_slug.values():
            inputs = key("badge", code, fonts.digest, art_digest, view.organisation.name, view.status_line,
                         view.state, view.holds, view.alt)
            wanted.append(("badges", inputs, list(BADGE_FILES.values()), partial(badge_files, view, fonts, artwork),
                           {BADGE_FILES[kind]: url for kind, url in view.images.items()}))
    for logo in badges.logos.values():
        source = content.joinpath(*LOGO_FOLDER, logo.organisation.logo)
        inputs = key("logo", code, hashlib.sha256(source.read_bytes()).hexdigest())
        wanted.append(("logos", inputs, logo_names(), partial(reencode, source),
                       {file_name(size, fmt): url for size, formats in logo.files.items()
                        for fmt, url in formats.items()}))
    missing = {(kind, inputs): make for kind, inputs, names, make, _ in wanted if not cache.has(kind, inputs, names)}
    drawn = dict(zip(missing, forked_map(list(missing.values())), strict=True))
    for kind, inputs, names, make, urls in wanted:
        made = drawn.get((kind, inputs))
        files = cache.files(kind, inputs, names, make if made is None else partial(_given, made))
        copy_to(files, output, urls)


def _given(made: dict[str, bytes]) -> dict[str, bytes]:
    return made
