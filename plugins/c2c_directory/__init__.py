"""Pelican plugin: the homelessness services directory.

Pages: /directory/ (every service, with filters that the browser applies), one page per
service, plain listing pages per area and per stage (the way in without JavaScript),
and /directory/shortlist/. Files: /directory/services.json, which the browser's filters,
"open now" and shortlist read, and /sw.js, the service worker that keeps the directory
for use without signal.

A thin adapter: what a service shows comes from `present`, which services a listing
holds from `listing`, hours from `hours`, alerts from `alerts`, JSON-LD from `jsonld`.
"""

from __future__ import annotations

import json
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from c2c_registry.site import write_page

from . import listing
from .alerts import active_alerts, alerts_for
from .jsonld import script_json, service_jsonld
from .offline import service_worker
from .present import as_json, present_all


class DirectoryGenerator(Generator):
    """Writes the directory's pages; registered through `get_generators`."""

    def generate_output(self, writer) -> None:
        registry = self.settings["C2C_REGISTRY"]
        today = self.settings["C2C_TODAY"]
        views = present_all(registry, self.settings)
        _write_services_json(Path(self.output_path), views, today)
        shown, gone = listing.listed(views), listing.closed(views)
        alerts = active_alerts(registry.alerts.values(), today)
        areas = list(registry.vocab["areas"].values())
        stages = registry.stages
        counts = listing.facet_counts(views, {
            "stage": [t.id for t in stages],
            "area": [t.id for t in areas],
            "group": list(registry.vocab["client-groups"]),
        })
        browse = {
            "area_counts": [(t, counts["area"][t.id]) for t in areas],
            "stage_counts": [(t, counts["stage"][t.id]) for t in stages],
        }

        def page(url: str, template: str, **context) -> None:
            write_page(writer, self.context, url, self.get_template(template), **browse, **context)

        page("directory/", "directory", views=shown, closed_views=gone, counts=counts,
             alerts=alerts_for(alerts), page_title="Find a homelessness service")
        for term in areas:
            in_area = listing.area_listing(views, term.id)
            page(f"directory/areas/{term.id}/", "directory_listing", kind="areas", term=term,
                 views=listing.listed(in_area), closed_views=listing.closed(in_area),
                 regional=sum(1 for v in listing.listed(in_area) if term.id not in v.service.areas),
                 alerts=alerts_for(alerts, [term.id]), page_title=f"Services in {term.name}")
        for term in stages:
            at_stage = listing.stage_listing(views, term.id)
            page(f"directory/stages/{term.id}/", "directory_listing", kind="stages", term=term,
                 views=listing.listed(at_stage), closed_views=listing.closed(at_stage), regional=0,
                 alerts=alerts_for(alerts), page_title=f"Services: {term.name}")
        site_url = self.settings.get("SITEURL", "")
        for view in views:
            page(view.url, "directory_service", view=view, jsonld=script_json(service_jsonld(view, site_url)),
                 alerts=alerts_for(alerts, view.service.areas), page_title=view.service.name)
        page("directory/shortlist/", "directory_shortlist", alerts=alerts_for(alerts), page_title="Your shortlist")


def _write_services_json(out: Path, views, today) -> None:
    """The directory's data for the browser, in directory order, from the same views
    the pages were rendered from (so they cannot disagree)."""
    data = {"build_date": today.isoformat(), "services": [as_json(v) for v in views]}
    (out / "directory").mkdir(parents=True, exist_ok=True)
    (out / "directory" / "services.json").write_text(
        json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def write_files(pelican) -> None:
    """The service worker, last: its cache name hashes every page and services.json."""
    out = Path(pelican.output_path)
    (out / "sw.js").write_text(service_worker(out, pelican.settings["C2C_TODAY"].isoformat()), encoding="utf-8")


def get_generators(pelican):
    return DirectoryGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(write_files)
