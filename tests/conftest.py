"""Shared fixtures: real builds, a real HTTP server, real headless Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import subprocess
import sys
import threading
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from watch import Watcher

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

BUILD_DATE = "2026-11-23"
LONDON = ZoneInfo("Europe/London")
# The suite's clock. Every command a test runs is as of BUILD_DATE unless the test says
# otherwise (`--build-date`, or removing this variable in the one test whose point is
# "defaults to today"), so no test reads the machine's date by accident.
os.environ["C2C_BUILD_DATE"] = BUILD_DATE
# And every browser page is at this moment, the build date at 10:00 UK time, unless its
# test names another with `@pytest.mark.clock("2026-07-01 21:30")` (UK time) or sets
# `page.clock` itself: the site is built as of BUILD_DATE, so its pages must be read then.
DEFAULT_MOMENT = f"{BUILD_DATE} 10:00"


def uk_time(moment: str) -> datetime:
    """'2026-11-23 21:30' as that wall-clock time in the UK (GMT or BST as it falls)."""
    return datetime.fromisoformat(moment).replace(tzinfo=LONDON)

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


# The `c2c` command, run by the interpreter running the tests (whatever its environment).
C2C = [sys.executable, "-m", "c2c_cli"]


def build_site(content: Path, output: Path, build_date: str = BUILD_DATE) -> subprocess.CompletedProcess:
    """Run the real `c2c build` (a subprocess, as a reviewer or CI runs it)."""
    return subprocess.run(
        [*C2C, "build", "--content", str(content), "--output", str(output),
         "--build-date", build_date, "--settings", str(ROOT / "pelicanconf.py")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )


def validate(content: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*C2C, "validate", "--content", str(content)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )


FIXTURES = ROOT / "tests" / "fixtures"
TINY = FIXTURES / "tiny"
HOSTILE = FIXTURES / "hostile"
LONG = FIXTURES / "long"


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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


def serve(directory: Path):
    """A real HTTP server on a free loopback port; returns (base_url, server)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


@pytest.fixture(scope="session")
def base_url(site):
    url, server = serve(site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def hostile_url(hostile_site):
    url, server = serve(hostile_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def long_url(long_site):
    url, server = serve(long_site)
    yield url
    server.shutdown()


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


@pytest.fixture
def page(browser):
    context = browser.new_context()
    pg = context.new_page()
    yield pg
    context.close()


@pytest.fixture
def open_page(browser):
    """Pages in fresh UK-set contexts, each with a Watcher (console errors, failed
    requests, CSP reports; axe on demand); closed after the test."""
    contexts = []

    def opener(base_url: str, width: int = 1024, axe: bool = False, height: int = 800, **options):
        context = browser.new_context(viewport={"width": width, "height": height}, **options)
        contexts.append(context)
        watcher = Watcher(context, base_url, axe=axe)
        return context.new_page(), watcher

    yield opener
    for context in contexts:
        context.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
