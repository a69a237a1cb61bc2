"""Every image file of the badges and logos, from the views, through the cache.

The badge of every organisation is at the same address on every build (the URL map's
`badge_image`), and says what `derive.award_state` says on the build date.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import partial
from pathlib import Path

from c2c_registry.urls import BADGE_FILES
from c2c_views.badges import BadgeView, BadgeViews
from c2c_views.parallel import forked_map
from c2c_views.writing import FileWrite

from . import subsets
from .artwork import Artwork, load_artwork
from .cache import ImageCache, code_digest, copy_to, key
from .draw import draw_png
from .fonts import FontSet
from .layout import WIDTHS, badge_layout
from .logos import file_name, logo_names, reencode
from .svg import draw_svg

LOGO_FOLDER = ("organisations", "logos")  # where content keeps logos, as the validator checks them


def badge_files(view: BadgeView, fonts: FontSet, artwork: Artwork | None) -> dict[str, bytes]:
    """The web PNG, the print PNG and the SVG of one badge, by file name."""
    layout = badge_layout(view.organisation.name, view.status_line, view.state, view.holds, fonts, artwork is not None)
    return {
        BADGE_FILES["web"]: draw_png(layout, fonts, WIDTHS["web"], artwork),
        BADGE_FILES["print"]: draw_png(layout, fonts, WIDTHS["print"], artwork),
        BADGE_FILES["svg"]: draw_svg(layout, fonts, view.alt, artwork.png if artwork else None),
    }


def write_images(badges: BadgeViews, content: Path, write: FileWrite, cache: ImageCache, artwork_setting: str) -> None:
    """Draw (or copy from the cache) every badge and logo into the site. What the cache
    lacks is drawn first, on every core (c2c_views.parallel)."""
    code = code_digest()
    # (cache kind, cache key, file names, how to draw, name -> address in the output)
    wanted: list[tuple[str, str, list[str], Callable[[], dict[str, bytes]], dict[str, str]]] = []
    fonts = FontSet(prepared_dir=cache.root / "fonts")
    if badges.by_slug:
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
    missing = {(kind, inputs): (names, make) for kind, inputs, names, make, _ in wanted
               if not cache.has(kind, inputs, names)}
    if any(kind == "badges" for kind, _ in missing):
        fonts.load()  # once here, not in each worker
        subsets.load(fonts)
    drawn = forked_map([make for _, make in missing.values()])
    for ((kind, inputs), (names, _)), made in zip(missing.items(), drawn, strict=True):
        cache.put(kind, inputs, names, made)  # as each comes: never every image in memory at once
    for kind, inputs, names, make, urls in wanted:
        copy_to(cache.files(kind, inputs, names, make), write, urls)
