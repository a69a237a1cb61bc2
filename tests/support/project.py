"""The checkout, its fixture sites, and the `c2c` command as the tests run it: the real
command in a subprocess, run by the interpreter running the tests (whatever its
environment), as a reviewer or CI runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support.clock import BUILD_DATE

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
TINY = FIXTURES / "tiny"  # two organisations, one commitment in all six stages
HOSTILE = FIXTURES / "hostile"  # valid content full of attacks, to be published safely
LONG = FIXTURES / "long"  # the tiny content plus a commitment of 25 wordy actions

C2C = [sys.executable, "-m", "c2c_cli"]


def build_site(content: Path, output: Path, build_date: str = BUILD_DATE,
               settings: Path = ROOT / "pelicanconf.py") -> subprocess.CompletedProcess:
    """Run the real `c2c build` (with the project's settings unless a test gives others)."""
    return subprocess.run(
        [*C2C, "build", "--content", str(content), "--output", str(output),
         "--build-date", build_date, "--settings", str(settings)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )


def run_c2c(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """Run `c2c ARGS` as a person runs it at a terminal: outside GitHub Actions (a test
    that wants the annotations passes env={"GITHUB_ACTIONS": "true"})."""
    return subprocess.run([*C2C, *args], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "GITHUB_ACTIONS": "false", **(env or {})})


def validate(content: Path) -> subprocess.CompletedProcess:
    """Run the real `c2c validate`."""
    return subprocess.run(
        [*C2C, "validate", "--content", str(content)],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
    )
