"""`c2c serve --watch`: a saved edit is served after a rebuild that renders only the
pages it touches (counted from C2C_EXPLAIN's lines), the browser reloads by itself
through a script the watch server adds to the pages it sends (never to the site's
files), within the site's Content-Security-Policy. How fast is measured by
benchmarks/bench_watch.py, not here."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from c2c_registry.urls import Urls, save_as

from conftest import BUILD_DATE, C2C, ROOT, free_port

URLS = Urls()
SERVICE = "canal-street-day-centre"


class Watching:
    """`c2c serve --watch` on a copy of the sample content, its output in a log."""

    def __init__(self, tmp_path: Path):
        self.content = tmp_path / "content"
        shutil.copytree(ROOT / "content", self.content)
        self.output = tmp_path / "output"
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.log = tmp_path / "serve.log"
        env = {**os.environ, "C2C_EXPLAIN": "1", "C2C_PARSE_CACHE": str(tmp_path / "cache" / "parsed"),
               "C2C_IMAGE_CACHE": str(tmp_path / "cache" / "images")}
        self.proc = subprocess.Popen(
            [*C2C, "serve", "--watch", "--content", str(self.content), "--output", str(self.output),
             "--port", str(self.port), "--build-date", BUILD_DATE, "--settings", str(ROOT / "pelicanconf.py")],
            cwd=ROOT, env=env, stdout=self.log.open("w"), stderr=subprocess.STDOUT)

    def said(self) -> str:
        return self.log.read_text()

    def get(self, url: str) -> tuple[str, str]:
        """(body, content type) of a URL of the site, or ("", "") when it cannot be had."""
        try:
            with urllib.request.urlopen(self.base + url, timeout=10) as response:
                return response.read().decode(), response.headers.get("Content-Type", "")
        except OSError:
            return "", ""

    def wait_for(self, url: str, text: str, seconds: float = 180) -> str:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, "c2c serve --watch stopped:\n" + self.said()
            body, _ = self.get(url)
            if text in body:
                return body
            time.sleep(0.1)
        raise AssertionError(f"{url} never showed {text!r}:\n{self.said()[-3000:]}")

    def edit(self, old: str, new: str) -> None:
        path = self.content / "services" / f"{SERVICE}.yaml"
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new, 1))

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


@pytest.fixture
def watching(tmp_path):
    watch = Watching(tmp_path)
    try:
        watch.wait_for(URLS.service(SERVICE), "Canal Street Day Centre")
        yield watch
    finally:
        watch.stop()


def rendered(explained: str) -> list[str]:
    return re.findall(r"^rendered /(\S*): ", explained, re.M)


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
