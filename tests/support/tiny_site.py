"""Small helpers for tests that change one file of the tiny fixture site."""

from __future__ import annotations

import shutil
from pathlib import Path

from c2c_registry.load.registry import load_registry
from c2c_registry.rules.problems import Problem

from support.project import TINY


def tiny_copy(tmp_path: Path) -> Path:
    content = tmp_path / "content"
    shutil.copytree(TINY, content)
    return content


def edit(content: Path, relpath: str, old: str, new: str) -> None:
    """Replace text in one content file; fails loudly if `old` is not there."""
    path = content / relpath
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {relpath}"
    path.write_text(text.replace(old, new, 1), "utf-8")


def problems_after(tmp_path: Path, relpath: str, old: str, new: str) -> list[Problem]:
    content = tiny_copy(tmp_path)
    edit(content, relpath, old, new)
    registry, problems = load_registry(content)
    assert (registry is None) == bool(problems)
    return problems
