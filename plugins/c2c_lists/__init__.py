"""Pelican plugin: more ways into the directory without JavaScript, and lists to print.

Pages: one plain listing per access fact and per language spoken (like the area and
stage listings), and a printable A4 list per area and per area and stage, for outreach
workers to hand to people with no phone or no data. A thin writer: what each page shows
comes from `SiteViews.directory` (c2c_views).
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from c2c_directory import write_listing
from c2c_views.site import write_page


class ListsGenerator(Generator):
    """Writes the access, language and printable pages; registered through `get_generators`."""

    def generate_output(self, writer) -> None:
        directory = self.settings["C2C_VIEWS"].directory

        def page(url: str, template: str, **context) -> None:
            write_page(writer, self.context, url, self.get_template(template), directory=directory, **context)

        for listing in directory.access:
            write_listing(page, listing, f"Services: {listing.term.name}")
        for listing in directory.languages:
            write_listing(page, listing, f"Services in {listing.term.name}")
        for lists in directory.prints.values():
            for plist in lists:
                page(plist.url, "directory_print", plist=plist, alerts=plist.alerts,
                     page_title=f"Printable list: {plist.title}")


def get_generators(pelican):
    return ListsGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
