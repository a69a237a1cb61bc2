"""The root conftest: the suite's clock, the sites it builds once per session, the HTTP
servers for them, and headless Chromium at a fixed moment.

What the tests share as code is in tests/support/ (tests import it from there, never from
a conftest); the browser/ folder adds its page fixtures in its own conftest.
"""

from __future__ import annotations

import os
import shutil
import sys
from datetime import datetime
from pathlib import Path

import pytest

from support.clock import BUILD_DATE, DEFAULT_MOMENT, uk_time
from support.http_server import serve
from support.paged_site import build_paged
from support.project import HOSTILE, LONG, ROOT, TINY, build_site

sys.path.insert(0, str(ROOT / "plugins"))

# The suite's clock. Every command a test runs is as of BUILD_DATE unless the test says
# otherwise (`--build-date`, or removing this variable in the one test whose point is
# "defaults to today"), so no test reads the machine's date by accident.
os.environ["C2C_BUILD_DATE"] = BUILD_DATE

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def _build_once(tmp_path_factory, content: Path, name: str) -> Path:
    out = tmp_path_factory.mktemp(name) / "output"
    result = build_site(content, out)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"as of {BUILD_DATE}" in result.stdout
    return out


# Each content folder is built once per test session and shared read-only by every test
# module that needs it; a test that changes a site copies it first.
@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The sample content in content/, as of BUILD_DATE."""
    return _build_once(tmp_path_factory, ROOT / "content", "site")


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory) -> Path:
    """tests/fixtures/tiny: two organisations, one commitment in all six stages."""
    return _build_once(tmp_path_factory, TINY, "tiny")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory) -> Path:
    """tests/fixtures/hostile: valid content full of attacks, to be published safely."""
    return _build_once(tmp_path_factory, HOSTILE, "hostile")


@pytest.fixture(scope="session")
def long_site(tmp_path_factory) -> Path:
    """tests/fixtures/long: the tiny content plus a commitment of 25 wordy actions."""
    return _build_once(tmp_path_factory, LONG, "long")


@pytest.fixture(scope="session")
def paged_site(tmp_path_factory) -> Path:
    """The sample content with five items a page (tests/support/paged_site.py)."""
    return build_paged(tmp_path_factory.mktemp("paged"))


def _served(site: Path):
    url, server = serve(site)
    yield url
    server.shutdown()


# Each built site above, served over real HTTP for the session.
@pytest.fixture(scope="session")
def base_url(site):
    yield from _served(site)


@pytest.fixture(scope="session")
def tiny_url(tiny_site):
    yield from _served(tiny_site)


@pytest.fixture(scope="session")
def hostile_url(hostile_site):
    yield from _served(hostile_site)


@pytest.fixture(scope="session")
def long_url(long_site):
    yield from _served(long_site)


@pytest.fixture(scope="session")
def paged_url(paged_site):
    yield from _served(paged_site)


def pytest_collection_modifyitems(items):
    """Every test that starts Chromium (through the `browser` fixture, however indirectly)
    is marked `browser`, so `-m "not browser"` means it."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


class ClockedBrowser:
    """Chromium whose every new context is in the UK (en-GB, Europe/London) and reads the
    test's moment from its clock, never the machine's: pages built as of BUILD_DATE
    decide "open now", "overdue" and which alerts show by the browser's clock."""

    moment: datetime = uk_time(DEFAULT_MOMENT)

    def __init__(self, chromium):
        self._chromium = chromium

    def new_context(self, **options):
        options.setdefault("locale", "en-GB")
        options.setdefault("timezone_id", "Europe/London")
        context = self._chromium.new_context(**options)
        context.clock.set_fixed_time(self.moment)
        return context

    def __getattr__(self, name):
        return getattr(self._chromium, name)


@pytest.fixture(scope="session")
def chromium():
    playwright = pytest.importorskip("playwright.sync_api")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def browser(chromium, request):
    """Headless Chromium at the test's moment: `@pytest.mark.clock("YYYY-MM-DD HH:MM")`
    (UK time), or DEFAULT_MOMENT."""
    marker = request.node.get_closest_marker("clock")
    clocked = ClockedBrowser(chromium)
    clocked.moment = uk_time(marker.args[0] if marker else DEFAULT_MOMENT)
    return clocked
