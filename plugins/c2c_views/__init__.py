"""Pelican plugin: the views stage, between the checked registry and the writers.

On `initialized`, right after c2c_registry (PLUGINS order; the pipeline checks it):
the URL map goes into Pelican's settings, the git history is read (its own step,
`history.registry_history`), the views are built from the registry and that history
(`build_views`, pure), and the page queue is opened; all three go into the build state
(c2c_registry.pipeline). Templates get `views`, `urls`, the CSP and the word helpers
once every start-up receiver has run (`get_generators`, before any template loads).
When the build finalises, this plugin renders the queued pages first, before the
sitemap and the service worker read the output.

Importing this package needs no Pelican (`register` imports it): tests and benchmarks
use `build_views` on their own.
"""

from __future__ import annotations

import os
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

from c2c_registry import start_build
from c2c_registry.load.cache import cache_folder
from c2c_registry.pipeline import VIEWS, build_state
from c2c_registry.urls import pelican_url_settings

from . import tracking
from .history import registry_history
from .reuse import NoReuse, Reuse, incremental
from .templates import TRACKED_GLOBALS, template_globals
from .views import SiteViews, build_views
from .words import uk_date
from .writing import PageQueue

__all__ = ["STAGE", "SiteViews", "build_views", "register"]

STAGE = VIEWS


def build(pelican) -> None:
    settings = pelican.settings
    state = build_state(settings)
    settings.update(pelican_url_settings())
    state.history = registry_history(state.registry, Path(settings["PATH"]), settings["C2C_REPOSITORY_URL"])
    state.views = build_views(state.registry, settings, state.history)
    first = settings.get("C2C_FIRST")  # `c2c serve --watch`: the saved files' pages, shown first
    state.pages = PageQueue(first, first.urls(state.registry, state.views.urls, Path(settings["PATH"])) if first else ())
    settings.setdefault("JINJA_FILTERS", {})["uk_date"] = uk_date
    settings["JINJA_ENVIRONMENT"] = {"bytecode_cache": compiled_templates(settings), **settings["JINJA_ENVIRONMENT"]}


def compiled_templates(settings: dict) -> FileSystemBytecodeCache:
    """Templates compiled once and kept beside the parse cache: every Pelican generator
    has its own Jinja environment, and each compiled every template it used again, in
    every build. Keyed by the template's name and checked against its source by Jinja."""
    folder = cache_folder(settings["C2C_PARSE_CACHE"]).parent / "c2c-templates"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


def give_templates(pelican) -> None:
    """The templates' globals, then the comparison with the last build, which needs
    them (their digest is part of the build key) and is needed by the writers' memos."""
    settings = pelican.settings
    state = build_state(settings)
    settings.setdefault("JINJA_GLOBALS", {}).update(template_globals(state.views, state.csp, settings,
                                                                     tracked=incremental()))
    if incremental():
        tracking.note_references(True)  # from here on: the views are built
        published = Path(settings["C2C_PUBLISHED"]) if settings.get("C2C_PUBLISHED") else None
        state.reuse = Reuse(settings, state.views, state.registry, TRACKED_GLOBALS, published)
    else:
        state.reuse = NoReuse()


def render_pages(pelican) -> None:
    settings = pelican.settings
    explain = print if settings.get("C2C_EXPLAIN") or os.environ.get("C2C_EXPLAIN") not in (None, "", "0") else None
    try:
        build_state(settings).pages.write_all(settings, explain)
    finally:
        tracking.note_references(False)


def register() -> None:
    from pelican import signals

    signals.initialized.connect(start_build)
    signals.initialized.connect(build)
    signals.get_generators.connect(give_templates)
    # First on `finalized` (PLUGINS order): the sitemap and the service worker read what it writes.
    signals.finalized.connect(render_pages)
