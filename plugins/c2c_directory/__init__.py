"""Pelican plugin: the homelessness services directory.

Pages: /directory/ (every service, with filters that the browser applies), one page per
service, plain listing pages per area and per stage (the way in without JavaScript),
and the shortlist. Files: services.json, which the browser's filters, "open now" and
shortlist read, and the service worker that keeps the directory for use without signal.

A thin writer: what each page shows comes from `SiteViews.directory` (c2c_views), where
every address comes from the URL map; JSON-LD from `jsonld`, the worker from `offline`.
"""

from __future__ import annotations

import json
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from c2c_views.services import as_json, hours_json, near_me_json
from c2c_views.site import write_page

from .compact import write_filter_data
from .jsonld import script_json, service_jsonld
from .offline import service_worker


class DirectoryGenerator(Generator):
    """Writes the directory's pages; registered through `get_generators`."""

    def generate_output(self, writer) -> None:
        views = self.settings["C2C_VIEWS"]
        urls, directory = views.urls, views.directory
        _write_services_json(Path(self.output_path), views)
        cards = self.get_template("directory_cards")
        write_filter_data(Path(self.output_path), views, lambda items: cards.render(
            {**self.context, "services": items}))

        def page(url: str, template: str, **context) -> None:
            write_page(writer, self.context, url, self.get_template(template), directory=directory, **context)

        for each in directory.pages:
            page(each.url, "directory", page=each, alerts=directory.alerts,
                 own_data=script_json({"window": list(directory.window),
                                       "services": [near_me_json(v) for v in each.items]}),
                 page_title=f"Find a homelessness service{each.title_suffix}")
        for listing in directory.areas:
            write_listing(page, listing, f"Services in {listing.term.name}")
        for listing in directory.stages:
            write_listing(page, listing, f"Services: {listing.term.name}")
        for view in directory.services:
            page(view.url, "directory_service", view=view, jsonld=script_json(service_jsonld(view, urls)),
                 own_data=script_json({"window": list(directory.window), "services": [hours_json(view)]}),
                 alerts=directory.service_alerts[view.slug], page_title=view.service.name)
        page(urls.shortlist(), "directory_shortlist", alerts=directory.alerts, page_title="Your shortlist")


def write_listing(page, listing, title: str) -> None:
    """Every page of one plain listing (an area, a stage, an access fact, a language)."""
    for each in listing.pages:
        page(each.url, "directory_listing", listing=listing, page=each, alerts=listing.alerts,
             page_title=f"{title}{each.title_suffix}")


def _write_services_json(out: Path, views) -> None:
    """The directory's data for the browser, in directory order, from the same views
    the pages were rendered from (so they cannot disagree)."""
    data = {"build_date": views.today.isoformat(), "window": list(views.directory.window),
            "services": [as_json(v) for v in views.directory.services]}
    path = out / views.urls.services_json()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def write_files(pelican) -> None:
    """The service worker, last: its cache name hashes the shell it keeps."""
    views = pelican.settings["C2C_VIEWS"]
    out = Path(pelican.output_path)
    worker = service_worker(out, views.urls, views.today.isoformat(), pelican.settings["C2C_OFFLINE_BUDGET_KB"],
                            pelican.settings["C2C_OFFLINE_VISITED_LIMIT"])
    (out / views.urls.service_worker()).write_text(worker, encoding="utf-8")


def get_generators(pelican):
    return DirectoryGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(write_files)
