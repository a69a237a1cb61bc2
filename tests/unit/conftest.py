"""Unit tests run in this process only: pure functions, and the library on small content
folders. Any attempt to start a program (a subprocess, a fork) fails the test with where
it belongs instead; tests/build/ is for tests that run real commands, builds and servers."""

from __future__ import annotations

import os
import subprocess

import pytest


def _refuse(*args, **kwargs):
    raise AssertionError("a unit test starts no program (no subprocess, no fork): "
                         "a test that runs a command or a build belongs in tests/build/")


@pytest.fixture(autouse=True)
def in_process_only(monkeypatch):
    monkeypatch.setattr(subprocess.Popen, "__init__", _refuse)
    monkeypatch.setattr(os, "fork", _refuse)
    monkeypatch.setattr(os, "posix_spawn", _refuse)
    monkeypatch.setattr(os, "system", _refuse)
