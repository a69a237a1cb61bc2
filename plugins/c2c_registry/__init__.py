"""Pelican plugin: load and check the registry before anything is built.

Every other c2c plugin reads `settings["C2C_REGISTRY"]`, set here once per build; if any
content file is invalid the build stops here with the full report.
"""

from __future__ import annotations

import os
from pathlib import Path

from pelican import signals

from .problems import report
from .registry import InvalidContent, load_registry
from .settings import check_settings
from .site import template_helpers, uk_date

__all__ = ["InvalidContent", "register"]


def load(pelican) -> None:
    settings = pelican.settings
    check_settings(settings)
    registry, problems = load_registry(Path(settings["PATH"]))
    if problems:
        github = os.environ.get("GITHUB_ACTIONS") == "true"
        raise InvalidContent(problems, report(problems, github=github))
    assert registry is not None  # no problems means a registry
    settings["C2C_REGISTRY"] = registry
    settings.setdefault("JINJA_GLOBALS", {}).update(template_helpers(registry, settings))
    settings.setdefault("JINJA_FILTERS", {})["uk_date"] = uk_date


def register() -> None:
    signals.initialized.connect(load)
