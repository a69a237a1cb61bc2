"""Pelican plugin: the derived-views stage and the URL map, between the registry and
the pages.

Runs once per build, on `initialized`, right after `c2c_registry` has loaded and checked
the content (list it after `c2c_registry` in PLUGINS: Pelican calls receivers in plugin
order). Puts the `SiteViews` in `settings["C2C_VIEWS"]` for every page-writing plugin and
gives templates `views`, `urls` and the word helpers.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from c2c_registry.urls import pelican_url_settings

from .history import registry_history
from .templates import template_globals
from .views import SiteViews, build_views
from .words import uk_date
from .writing import queue_pages, write_queued

__all__ = ["SiteViews", "build_views", "register"]


def prepare(pelican) -> None:
    settings = pelican.settings
    if "C2C_REGISTRY" not in settings:
        raise RuntimeError("c2c_views needs the c2c_registry plugin listed before it in PLUGINS")
    settings.update(pelican_url_settings())
    registry = settings["C2C_REGISTRY"]
    history = registry_history(registry, Path(settings["PATH"]), settings["C2C_REPOSITORY_URL"])
    views = build_views(registry, settings, history)
    settings["C2C_VIEWS"] = views
    settings.setdefault("JINJA_GLOBALS", {}).update(template_globals(views, settings))
    settings.setdefault("JINJA_FILTERS", {})["uk_date"] = uk_date


def register() -> None:
    signals.initialized.connect(prepare)
    # Pages are rendered on every core once the generators have queued them all; this
    # runs first on `finalized` (plugin order), before the sitemap and headers are written.
    signals.all_generators_finalized.connect(queue_pages)
    signals.finalized.connect(write_queued)
