"""The suite's folders mean what they say: every test under tests/browser/ starts Chromium
(uses the `browser` fixture, so it is marked `browser`) and no test elsewhere does, so
`-m "not browser"` deselects exactly that folder; no unit test uses a built site or a
server; and every test is in one of the three folders.

Checked on a real collection of the whole suite (`pytest --collect-only`), whatever this
run selected. tests/unit/conftest.py also stops a unit test that starts a program."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from support.project import ROOT

FOLDERS = ("tests/unit/", "tests/build/", "tests/browser/")
BUILT = {"site", "tiny_site", "hostile_site", "long_site", "paged_site", "base_url", "hostile_url", "long_url"}


def collect(*options: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                           *options], cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, **(env or {}),
                               "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "tests"),
                                                                           os.environ.get("PYTHONPATH")]))})


def ids(result: subprocess.CompletedProcess) -> set[str]:
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return {line for line in result.stdout.splitlines() if "::" in line}


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> dict[str, dict]:
    """Every test of the suite: {id: {"browser": marked, "fixtures": [...]}}."""
    report = tmp_path_factory.mktemp("collected") / "collected.json"
    ids(collect("-p", "support.collected", env={"C2C_COLLECTED": str(report)}))
    return json.loads(report.read_text("utf-8"))


def test_every_test_is_in_unit_build_or_browser(collected):
    assert len(collected) > 1000
    assert sorted(t for t in collected if not t.startswith(FOLDERS)) == []


def test_a_test_is_marked_browser_exactly_when_it_is_in_the_browser_folder(collected):
    in_folder = {t for t in collected if t.startswith("tests/browser/")}
    marked = {t for t, about in collected.items() if about["browser"]}
    assert sorted(marked - in_folder) == [], "tests that start Chromium belong in tests/browser/"
    assert sorted(in_folder - marked) == [], "tests in tests/browser/ start Chromium (use the browser fixture)"
    assert all("browser" in collected[t]["fixtures"] for t in marked)  # marked because they use it


def test_not_browser_deselects_exactly_the_browser_folder(collected):
    kept = ids(collect("-m", "not browser"))
    assert kept == {t for t in collected if not t.startswith("tests/browser/")}


def test_every_file_in_the_browser_folder_has_tests(collected):
    files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "tests" / "browser").glob("test_*.py")}
    assert files == {t.split("::")[0] for t in collected if t.startswith("tests/browser/")}


def test_no_unit_test_uses_a_built_site_or_a_server(collected):
    used = {t: sorted(BUILT & set(about["fixtures"])) for t, about in collected.items() if t.startswith("tests/unit/")}
    assert {t: f for t, f in used.items() if f} == {}, "a test that reads a built site belongs in tests/build/"
