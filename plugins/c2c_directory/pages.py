"""Every page of the directory, in a fixed order: each service first (so `c2c serve
--watch` shows a saved service's page without waiting for the listings), then
/directory/ page by page, the listings by area and by stage, the shortlist, the listings
by access fact and by language and the printable lists.

`page(url, template, **context)` writes one page (c2c_views.writing, through Pelican's
writer); what each page shows comes from `SiteViews.directory`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from c2c_views.directory.jsonld import service_jsonld
from c2c_views.directory.listings import Listing
from c2c_views.directory.services import hours_json, near_me_json
from c2c_views.templates import script_json
from c2c_views.views import SiteViews

Page = Callable[..., None]


def write_pages(page: Page, views: SiteViews) -> None:
    directory, urls = views.directory, views.urls

    def own_data(services: list[dict[str, Any]]):
        """The page's own "open now" data: only its services, so it downloads nothing else."""
        return script_json({"window": list(directory.window), "services": services})

    for view in directory.services:
        page(view.url, "directory_service", view=view, jsonld=script_json(service_jsonld(view, urls)),
             own_data=own_data([hours_json(view)]), alerts=directory.service_alerts[view.slug],
             page_title=view.service.name)
    for each in directory.pages:
        page(each.url, "directory", page=each, alerts=directory.alerts,
             own_data=own_data([near_me_json(v) for v in each.items]),
             page_title=f"Find a homelessness service{each.title_suffix}")
    for listing in directory.areas:
        write_listing(page, listing, f"Services in {listing.term.name}", own_data)
    for listing in directory.stages:
        write_listing(page, listing, f"Services: {listing.term.name}", own_data)
    page(urls.shortlist(), "directory_shortlist", alerts=directory.alerts, page_title="Your shortlist")
    for listing in directory.access:
        write_listing(page, listing, f"Services: {listing.term.name}", own_data)
    for listing in directory.languages:
        write_listing(page, listing, f"Services in {listing.term.name}", own_data)
    for lists in directory.prints.values():
        for plist in lists:
            page(plist.url, "directory_print", plist=plist, alerts=plist.alerts,
                 own_data=own_data([hours_json(v) for v in plist.services]),
                 page_title=f"Printable list: {plist.title}")


def write_listing(page: Page, listing: Listing, title: str, own_data: Callable[[list[dict[str, Any]]], Any]) -> None:
    """Every page of one plain listing (an area, a stage, an access fact, a language),
    each with its own services' "open now" data, so none downloads the whole directory's."""
    for each in listing.pages:
        page(each.url, "directory_listing", listing=listing, page=each, alerts=listing.alerts,
             own_data=own_data([hours_json(v) for v in each.items]), page_title=f"{title}{each.title_suffix}")
