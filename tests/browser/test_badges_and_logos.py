"""Badges and logos as a browser shows them: the badge image on its check page and the
organisation's logo, each loaded at its real size (the files themselves are checked in
tests/build/test_badge_pages.py)."""

from __future__ import annotations

import pytest

from c2c_registry.urls import Urls

URLS = Urls()
OVERDUE = "tamebridge-housing-association"  # an award holder with a logo


@pytest.mark.browser
def test_badge_and_logo_images_load_in_the_browser(page, site, base_url):
    page.goto(base_url + "/" + URLS.badge(OVERDUE))
    size = page.eval_on_selector(".app-verify__badge", "img => [img.complete, img.naturalWidth, img.naturalHeight]")
    assert size == [True, 500, 250]
    page.goto(base_url + "/" + URLS.organisation(OVERDUE))
    logo = page.eval_on_selector(".app-logo img", "img => [img.naturalWidth, img.currentSrc]")
    assert logo[0] == 240 and logo[1].endswith(URLS.logo(OVERDUE, 240, "webp"))
