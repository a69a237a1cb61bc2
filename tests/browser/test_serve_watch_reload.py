"""`c2c serve --watch` in the browser: the page open on a service reloads by itself when
its file is saved, with no reload pressed, once: its page is shown first, and the
rebuild of the rest does not reload it again. A page open elsewhere in the site reloads
when the rest is published."""

from __future__ import annotations

import time

import pytest

from support.serve_watch import SERVICE, URLS, start_watching


@pytest.fixture
def watching(tmp_path):
    watch = start_watching(tmp_path)
    yield watch
    watch.stop()


def test_the_page_in_the_browser_reloads_by_itself_once_after_a_save(watching, open_page):
    page, watcher = open_page(watching.base)
    watcher.visit(page, watching.base + URLS.service(SERVICE))
    page.wait_for_load_state("networkidle")
    elsewhere, _ = open_page(watching.base)
    elsewhere.goto(watching.base + URLS.directory_area("birmingham"))
    elsewhere.wait_for_load_state("networkidle")
    loads = {"service": 0, "elsewhere": 0}
    page.on("load", lambda _: loads.__setitem__("service", loads["service"] + 1))
    elsewhere.on("load", lambda _: loads.__setitem__("elsewhere", loads["elsewhere"] + 1))
    assert "Saved just now" not in page.inner_text("main")
    rebuilds = watching.said().count("Rebuilt in")
    with page.expect_navigation(timeout=180_000):  # nobody presses reload
        watching.edit("summary: ", "summary: Saved just now. ")
    page.wait_for_load_state("load")
    assert "Saved just now" in page.inner_text("main")
    page.wait_for_timeout(50)
    assert page.evaluate("window.__cspViolations || []") == []  # the script is the site's own: the CSP allows it
    assert watcher.problems == []  # no console error or failed request

    deadline = time.monotonic() + 180
    while watching.said().count("Rebuilt in") == rebuilds and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    deadline = time.monotonic() + 30  # the published rebuild's event reaches every open page
    while loads["elsewhere"] == 0 and time.monotonic() < deadline:
        elsewhere.wait_for_timeout(100)
    page.wait_for_timeout(500)  # the page shown first had the same event, and did not reload again
    assert loads == {"service": 1, "elsewhere": 1}
    assert "Saved just now" in page.inner_text("main")
