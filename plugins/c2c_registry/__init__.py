"""The registry library, and the Pelican plugin for the build's first two stages.

The library (model, when, derive, urls, settings, markup, the reader and the checks) is
the bottom layer: it imports nothing of the page layer, and nothing of Pelican at
module level (`register` imports it), so `c2c validate` and the tests use it without
Pelican. `pipeline` describes the build's stages and the state they hand each other.

As a plugin it is the load and check stages: on `initialized` it reads and checks
every content file; if any is invalid the build stops here with the full report.
Every other c2c plugin reads what it found from the build state (`pipeline.build_state`).
"""

from __future__ import annotations

import os
from pathlib import Path

from .load.cache import cache_folder
from .load.registry import InvalidContent, load_registry
from .pipeline import LOAD, Declared, build_state, check_plugins, open_build
from .rules.problems import report
from .rules.quality import quality_warnings
from .settings import check_settings

__all__ = ["STAGE", "InvalidContent", "register", "start_build"]

STAGE = LOAD  # and check: the registry is handed on only once it is checked


def start_build(pelican) -> None:
    """The build's first receiver. Every c2c plugin connects it first in `register`, so
    whichever is listed first runs it (a receiver is connected once): it checks PLUGINS
    against the stages the plugins declare and the settings, then opens the build state."""
    check_plugins([Declared.of(module) for module in pelican.plugins])
    check_settings(pelican.settings)
    open_build(pelican.settings)


def load_and_check(pelican) -> None:
    settings = pelican.settings
    state = build_state(settings)
    registry, problems = load_registry(Path(settings["PATH"]), cache_dir=cache_folder(settings["C2C_PARSE_CACHE"]))
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    if problems:
        raise InvalidContent(problems, report(problems, github=github))
    assert registry is not None  # no problems means a registry
    state.registry = registry
    warnings = quality_warnings(registry, settings["C2C_TODAY"], settings["C2C_STALE_AFTER_DAYS"])
    state.warnings = warnings  # `c2c build` prints them; they never stop a build unless:
    if warnings and settings["C2C_WARNINGS_AS_ERRORS"]:
        raise InvalidContent(warnings, report(warnings, github=github)
                             + "\n(C2C_WARNINGS_AS_ERRORS is on, so these warnings stop the build.)")
    # The files as read (their data and where each value was) served the warnings; the
    # rest of the build reads the records. Let go: about 130 MB at the large benchmark
    # size, held while the render workers are forked, each of which would copy some.
    registry.sources = {}


def register() -> None:
    from pelican import signals

    signals.initialized.connect(start_build)
    signals.initialized.connect(load_and_check)
