"""Every test file is in tests/unit/, tests/build/ or tests/browser/ (pytest collects only
those, so a test file anywhere else would silently never run), tests/support/ holds no
tests, and no two test files share a name (pytest imports them by it). What each folder
may hold is checked on a real collection in tests/build/test_suite_layout.py."""

from __future__ import annotations

import tomllib
from collections import Counter

from support.project import ROOT

TESTS = ROOT / "tests"
FOLDERS = ("unit", "build", "browser")


def all_test_files() -> list[str]:
    return sorted(p.relative_to(TESTS).as_posix() for p in TESTS.rglob("test_*.py")
                  if "fixtures" not in p.relative_to(TESTS).parts)


def test_every_test_file_is_in_unit_build_or_browser():
    assert [f for f in all_test_files() if f.split("/")[0] not in FOLDERS or f.count("/") != 1] == []


def test_test_file_names_are_unique():
    names = Counter(f.rsplit("/", 1)[-1] for f in all_test_files())
    assert [name for name, n in names.items() if n > 1] == []


def test_pytest_collects_exactly_the_three_folders():
    options = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["pytest"]["ini_options"]
    assert options["testpaths"] == [f"tests/{folder}" for folder in FOLDERS]
