"""`c2c serve --watch` in the browser: the page open on a service reloads by itself when
its file is saved, with no reload pressed."""

from __future__ import annotations

import pytest

from support.serve_watch import SERVICE, URLS, start_watching


@pytest.fixture
def watching(tmp_path):
    watch = start_watching(tmp_path)
    yield watch
    watch.stop()


def test_the_page_in_the_browser_reloads_by_itself_after_a_save(watching, open_page):
    page, watcher = open_page(watching.base)
    watcher.visit(page, watching.base + URLS.service(SERVICE))
    page.wait_for_load_state("networkidle")
    assert "Saved just now" not in page.inner_text("main")
    with page.expect_navigation(timeout=180_000):  # nobody presses reload
        watching.edit("summary: ", "summary: Saved just now. ")
    page.wait_for_load_state("load")
    assert "Saved just now" in page.inner_text("main")
    page.wait_for_timeout(50)
    assert page.evaluate("window.__cspViolations || []") == []  # the script is the site's own: the CSP allows it
    assert watcher.problems == []  # no console error or failed request
