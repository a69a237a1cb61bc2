"""Pelican plugin: the registry's pages — home, organisations, commitments, the cuts by
stage, theme, area and sector, and progress.

A thin writer: every figure and list comes from the `SiteViews` (c2c_views), every
address from the URL map, the markup from templates.
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from c2c_registry import start_build
from c2c_registry.pipeline import WRITE, build_state
from c2c_views.writing import page_writer

STAGE = WRITE
PROGRESS_HEADINGS = {"overdue": "Overdue actions", "due-soon": "Actions due soon",
                     "review-due": "Commitments due for review"}


class RegistryPagesGenerator(Generator):
    """Writes every registry page; registered through `get_generators`."""

    def generate_output(self, writer) -> None:
        views = build_state(self.settings).views
        urls, register, progress = views.urls, views.register, views.progress
        page = page_writer(self, writer)
        page(urls.home(), "home", page_title="")
        for each in register.lists["organisations"]:
            page(each.url, "organisations", page=each, page_title=f"Organisations{each.title_suffix}")
        for org in views.organisations:
            page(urls.organisation(org), "organisation", organisation=org, partners=register.partners[org.slug],
                 page_title=org.name)
        for each in register.lists["commitments"]:
            page(each.url, "commitments", page=each, page_title=f"Pledges and action plans{each.title_suffix}")
        for commitment in views.commitments:
            page(urls.commitment(commitment), "commitment", commitment=commitment,
                 collaborators=register.collaborators[commitment.slug], page_title=commitment.display_title)
        for dimension, term_views in register.terms.items():
            page(urls.dimension(dimension), "terms", dimension=dimension, term_views=term_views,
                 page_title=register.dimension_titles[dimension])
            for view in term_views:
                for cut in (view, *view.narrowed):
                    for part in cut.pages:
                        page(part.url, "term", view=cut, page=part, page_title=f"{cut.title}{part.title_suffix}")
        page(urls.progress(), "progress", page_title="Progress")
        for list_name, heading in PROGRESS_HEADINGS.items():
            for each in progress.lists[list_name]:
                page(each.url, "progress_list", page=each, list_name=list_name, heading=heading,
                     page_title=f"{heading}{each.title_suffix}")
        page(urls.not_found(), "404", page_title="Page not found")
        page(urls.cover_your_tracks(), "cover_your_tracks", page_title="Cover your tracks")


def get_generators(pelican):
    return RegistryPagesGenerator


def register() -> None:
    signals.initialized.connect(start_build)
    signals.get_generators.connect(get_generators)
