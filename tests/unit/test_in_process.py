"""The unit folder's promise, checked: a unit test that tries to start a program is
stopped with where it belongs (tests/unit/conftest.py), so a slow or system-dependent
test cannot settle in here by accident."""

from __future__ import annotations

import os
import subprocess

import pytest


@pytest.mark.parametrize("start", [
    lambda: subprocess.run(["true"]),
    lambda: subprocess.check_output(["git", "--version"]),
    lambda: os.system("true"),
], ids=["run", "check_output", "system"])
def test_a_unit_test_cannot_start_a_program(start):
    with pytest.raises(AssertionError, match="belongs in tests/build/"):
        start()
