"""Pelican plugin: the homelessness services directory, its one writer.

Pages (`pages`): /directory/ in pages (every service, with filters the browser
applies), one page per service, the plain listings by area, stage, access fact and
language (the ways in without JavaScript), printable A4 lists per area and per area and
stage for outreach workers, and the shortlist. Files (`files`): services.json, the
compact filter files and the card chunks the filters fetch. Last, the service worker
(`offline`), which keeps the directory for use without signal.

A thin writer: what each page and file holds comes from `SiteViews.directory`
(c2c_views.directory), every address from the URL map.
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from c2c_registry import start_build
from c2c_registry.pipeline import WRITE, build_state
from c2c_views.writing import file_writer, page_writer

from .files import write_data
from .offline import write_service_worker
from .pages import write_pages

STAGE = WRITE
AFTER = {"c2c_search": "the service worker keeps the directory's search files, which c2c_search writes first"}


class DirectoryGenerator(Generator):
    """Queues the directory's pages, then writes its data files; registered through `get_generators`."""

    def generate_output(self, writer) -> None:
        state = build_state(self.settings)
        views, reuse = state.views, state.reuse
        cards = self.get_template("directory_cards")

        def render_cards(items: list) -> str:  # kept from the last build when nothing they show changed
            return reuse.memo("cards", (reuse.template_digest(cards), items),
                              lambda: cards.render({**self.context, "services": items}))
        write_pages(page_writer(self, writer, directory=views.directory), views)  # first: see pages.py
        write_data(file_writer(self.settings), views, render_cards)


def write_worker(pelican) -> None:
    """The service worker, last: its cache name hashes the shell it keeps."""
    settings = pelican.settings
    state = build_state(settings)
    write_service_worker(file_writer(settings), state.pages.site_file(settings), state.views,
                         settings["C2C_OFFLINE_BUDGET_KB"], settings["C2C_OFFLINE_VISITED_LIMIT"])


def get_generators(pelican):
    return DirectoryGenerator


def register() -> None:
    signals.initialized.connect(start_build)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(write_worker)
