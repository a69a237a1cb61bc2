"""`c2c serve --watch`: a saved edit is served after a rebuild that renders only the
pages it touches (counted from C2C_EXPLAIN's lines), the browser reloads by itself
through a script the watch server adds to the pages it sends (never to the site's
files), within the site's Content-Security-Policy. How fast is measured by
benchmarks/bench_watch.py, not here."""

from __future__ import annotations

import re
import time

import pytest

from c2c_registry.urls import save_as

from support.serve_watch import SERVICE, URLS, rendered, start_watching


@pytest.fixture
def watching(tmp_path):
    watch = start_watching(tmp_path)
    yield watch
    watch.stop()


def test_an_edit_is_served_after_rendering_only_the_pages_it_touches(watching):
    first = watching.said()
    pages = len(rendered(first))
    assert pages > 300  # the first build, into an empty folder, renders every page

    watching.edit("summary: ", "summary: Saved a moment ago. ")
    page = watching.wait_for(URLS.service(SERVICE), "Saved a moment ago.")
    deadline = time.monotonic() + 30
    while watching.said().count("Rebuilt in") < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    again = rendered(watching.said()[len(first):])
    assert URLS.service(SERVICE) in again
    assert 0 < len(again) < pages / 10, again  # not a full render

    # The reload script is added to the pages the watch server sends, never to the site's files.
    script = re.search(r'<script src="(/__c2c-watch/[^"]+)" defer></script></body>', page)
    assert script, "no reload script in the page served"
    assert "__c2c-watch" not in (watching.output / save_as(URLS.service(SERVICE))).read_text()
    body, kind = watching.get(script.group(1).lstrip("/"))
    assert kind.startswith("text/javascript") and "EventSource" in body and "location.reload" in body
