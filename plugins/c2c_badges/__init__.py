"""Pelican plugin: C2C badges, their verification pages, and organisation logos.

Writes /badges/ (what the badge means, how to earn it, who holds it), a verification page
per organisation, each organisation's badge images (PNG for the web and for print, SVG)
at addresses that never change, and the re-encoded logos. What each badge says comes
from the views (`c2c_views.badges`, after `derive.award_state`); the images are drawn
by Pillow (draw.py) and written as SVG (svg.py) from one layout (layout.py), and kept in
a cache outside the output (cache.py) so an unchanged badge costs nothing on rebuild.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from c2c_registry import start_build
from c2c_registry.pipeline import WRITE, build_state
from c2c_views.writing import file_writer, page_writer

from .cache import ImageCache, cache_folder
from .images import write_images

STAGE = WRITE


class BadgesGenerator(Generator):
    """Writes the badge pages and every image file; registered through `get_generators`."""

    def generate_output(self, writer) -> None:
        views = build_state(self.settings).views
        urls, badges = views.urls, views.badges
        page = page_writer(self, writer)
        page(urls.badges(), "badges", holders=badges.holders, page_title="The C2C badge")
        for badge in badges.by_slug.values():
            page(badge.page_url, "badge_verify", badge=badge, organisation=badge.organisation,
                 page_title=f"C2C badge check: {badge.organisation.name}")
        cache = ImageCache(cache_folder(self.settings["C2C_IMAGE_CACHE"]))
        write_images(badges, Path(self.settings["PATH"]), file_writer(self.settings), cache,
                     self.settings["C2C_BADGE_ARTWORK"])


def get_generators(pelican):
    return BadgesGenerator


def register() -> None:
    signals.initialized.connect(start_build)
    signals.get_generators.connect(get_generators)
