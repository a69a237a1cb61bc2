"""`c2c serve --watch`: a saved edit is served after a rebuild that renders only the
pages it touches (counted from C2C_EXPLAIN's lines), the browser reloads by itself
through a script the watch server adds to the pages it sends (never to the site's
files), within the site's Content-Security-Policy. How fast is measured by
benchmarks/bench_watch.py, not here."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from c2c_registry.urls import save_as

from support.serve_watch import SERVICE, URLS, Watching, rendered, start_watching


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
    said = watching.said()[len(first):]
    again = rendered(said)
    assert URLS.service(SERVICE) in again  # rendered again with the others: what is published is one build
    assert 0 < len(again) < pages / 10, again  # not a full render
    # The saved file's page was shown before the rest of the site was built, from a folder
    # that is emptied once the build is published.
    assert said.index(f"Showing /{URLS.service(SERVICE)} after ") < said.index("Rebuilt in")
    assert not watching.output.with_name(f".{watching.output.name}-first").exists()

    # The reload script is added to the pages the watch server sends, never to the site's files.
    script = re.search(r'<script src="(/__c2c-watch/[^"]+)" defer></script></body>', page)
    assert script, "no reload script in the page served"
    assert "__c2c-watch" not in (watching.output / save_as(URLS.service(SERVICE))).read_text()
    body, kind = watching.get(script.group(1).lstrip("/"))
    assert kind.startswith("text/javascript") and "EventSource" in body and "location.reload" in body


def test_a_file_saved_while_the_first_build_runs_is_rebuilt(tmp_path):
    """A person saves while the site is still being built for the first time: the
    content was already read (pages are being rendered), so only a rebuild shows it."""
    watching = Watching(tmp_path)
    try:
        deadline = time.monotonic() + 120
        while not rendered(watching.said()) and time.monotonic() < deadline:
            assert watching.proc.poll() is None, watching.said()
            time.sleep(0.01)
        assert "Rebuilt in" not in watching.said()  # still the first build
        watching.edit("summary: ", "summary: Saved during the first build. ")
        watching.wait_for(URLS.service(SERVICE), "Saved during the first build.")
    finally:
        watching.stop()


def _build_processes(content) -> list[str]:
    """The watch's build process and anything it forked (a build, its workers): their
    command line names the content folder."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0") if proc.name.isdigit() else []
        except OSError:
            continue
        if b"c2c_cli.rebuilder" in argv and str(content).encode() in argv:
            found.append(proc.name)
    return found


def test_stopping_the_watch_server_stops_the_build_it_is_running(watching):
    assert len(_build_processes(watching.content)) == 1  # the warm build process, idle
    watching.edit("summary: ", "summary: Saved as the server was stopped. ")
    deadline = time.monotonic() + 30
    while len(_build_processes(watching.content)) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)  # the save has started a build
    watching.stop()  # SIGTERM, as a terminal closing or a process manager sends
    deadline = time.monotonic() + 10
    while _build_processes(watching.content) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _build_processes(watching.content) == []
    assert not watching.output.with_name(f".{watching.output.name}-first").exists()
    assert "Saved as the server was stopped." not in (watching.output / save_as(URLS.service(SERVICE))).read_text()


def test_the_pages_shown_first_are_of_the_few_files_a_person_saved(tmp_path):
    from watchfiles import Change

    from c2c_cli.watch import FIRST_AT_MOST, saved_content

    content = tmp_path / "content"
    (content / "services").mkdir(parents=True)
    files = [content / "services" / f"service-{n:02}.yaml" for n in range(FIRST_AT_MOST + 1)]
    for path in files:
        path.write_text("name: x\n")
    elsewhere = tmp_path / "theme.css"
    elsewhere.write_text("")
    saved = {(Change.modified, str(files[1])), (Change.added, str(files[0])), (Change.modified, str(elsewhere)),
             (Change.deleted, str(content / "services" / "gone.yaml"))}
    assert saved_content(saved, content) == [str(files[0]), str(files[1])]
    # Every file at once (`c2c fmt`, a git checkout): no page first, the build shows them all.
    assert saved_content({(Change.modified, str(p)) for p in files}, content) == []


def test_a_build_that_fails_after_showing_the_page_takes_it_back(tmp_path):
    """The published site is only ever a whole build: a service saved while a listing
    template (which its own page does not use) is broken is shown first, then the build
    fails on the listings, and the page shown is taken back."""
    watching = start_watching(tmp_path, own_theme=True)

    def failed_build_after(said_before: str) -> str:
        deadline = time.monotonic() + 120
        while "The site was not rebuilt" not in watching.said()[len(said_before):] and time.monotonic() < deadline:
            time.sleep(0.1)
        return watching.said()[len(said_before):]
    try:
        listing = watching.theme / "templates" / "directory_listing.html"
        listing.write_text(listing.read_text() + "{% if %}")
        failed_build_after(watching.said())  # the template alone: no page to show first
        before = watching.said()
        watching.edit("summary: ", "summary: Never published. ")
        said = failed_build_after(before)
        assert said.index(f"Showing /{URLS.service(SERVICE)} after ") < said.index("The site was not rebuilt")
        assert not watching.output.with_name(f".{watching.output.name}-first").exists()
        body, _ = watching.get(URLS.service(SERVICE))
        assert "Canal Street Day Centre" in body and "Never published." not in body
    finally:
        watching.stop()
