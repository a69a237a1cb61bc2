"""The project's PLUGINS, and the same list with one plugin moved, for the pipeline tests."""

from __future__ import annotations

import importlib

PLUGINS: list[str] = importlib.import_module("pelicanconf").PLUGINS


def moved(name: str, after: str) -> list[str]:
    """The project's PLUGINS with `name` moved to just after `after`."""
    names = [n for n in PLUGINS if n != name]
    names.insert(names.index(after) + 1, name)
    return names
