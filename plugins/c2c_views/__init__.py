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

from pathlib import Path

from c2c_registry import start_build
from c2c_registry.pipeline import VIEWS, build_state
from c2c_registry.urls import pelican_url_settings

from .history import registry_history
from .templates import template_globals
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
    state.pages = PageQueue()
    settings.setdefault("JINJA_FILTERS", {})["uk_date"] = uk_date


def give_templates(pelican) -> None:
    state = build_state(pelican.settings)
    pelican.settings.setdefault("JINJA_GLOBALS", {}).update(template_globals(state.views, state.csp, pelican.settings))


def render_pages(pelican) -> None:
    build_state(pelican.settings).pages.write_all()


def register() -> None:
    from pelican import signals

    signals.initialized.connect(start_build)
    signals.initialized.connect(build)
    signals.get_generators.connect(give_templates)
    # First on `finalized` (PLUGINS order): the sitemap and the service worker read what it writes.
    signals.finalized.connect(render_pages)
