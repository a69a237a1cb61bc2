"""Pelican plugin: load and check the registry before anything is built.

The validation core. Every other c2c plugin reads `settings["C2C_REGISTRY"]` (or the
views built from it), set here once per build; if any content file is invalid the
build stops here with the full report. Nothing in this package imports the page layer.
"""

from __future__ import annotations

import os
from pathlib import Path

from pelican import signals

from .load.cache import cache_folder
from .load.registry import InvalidContent, load_registry
from .rules.problems import report
from .rules.quality import quality_warnings
from .settings import check_settings

__all__ = ["InvalidContent", "register"]


def load(pelican) -> None:
    settings = pelican.settings
    check_settings(settings)
    registry, problems = load_registry(Path(settings["PATH"]), cache_dir=cache_folder(settings["C2C_PARSE_CACHE"]))
    if problems:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        raise InvalidContent(problems, report(problems, github=github))
    assert registry is not None  # no problems means a registry
    settings["C2C_REGISTRY"] = registry
    warnings = quality_warnings(registry, settings["C2C_TODAY"], settings["C2C_STALE_AFTER_DAYS"])
    settings["C2C_WARNINGS"] = warnings  # `c2c build` prints them; they never stop a build unless:
    if warnings and settings["C2C_WARNINGS_AS_ERRORS"]:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        raise InvalidContent(warnings, report(warnings, github=github)
                             + "\n(C2C_WARNINGS_AS_ERRORS is on, so these warnings stop the build.)")


def register() -> None:
    signals.initialized.connect(load)
