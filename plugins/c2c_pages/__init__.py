"""Pelican plugin: the registry's pages — home, organisations, commitments, the cuts by
stage, theme, area and sector, and progress.

A thin writer: every figure and list comes from the `SiteViews` (c2c_views), every
address from the URL map, the markup from templates.
"""

from __future__ import annotations

from pelican import signals
from pelican.generators import Generator

from c2c_views.site import write_page


class RegistryPagesGenerator(Generator):
    """Writes every registry page; registered through `get_generators`."""

    def generate_output(self, writer) -> None:
        views = self.settings["C2C_VIEWS"]
        urls = views.urls

        def page(url: str, template: str, **context) -> None:
            write_page(writer, self.context, url, self.get_template(template), **context)

        page(urls.home(), "home", page_title="")
        page(urls.organisations(), "organisations", page_title="Organisations")
        for org in views.organisations:
            page(urls.organisation(org), "organisation", organisation=org, partners=views.partners[org.slug],
                 page_title=org.name)
        page(urls.commitments(), "commitments", page_title="Pledges and action plans")
        for commitment in views.commitments:
            page(urls.commitment(commitment), "commitment", commitment=commitment,
                 collaborators=views.collaborators[commitment.slug], page_title=commitment.display_title)
        for dimension, term_views in views.terms.items():
            page(urls.dimension(dimension), "terms", dimension=dimension, term_views=term_views,
                 page_title=views.dimension_titles[dimension])
            for view in term_views:
                for each in (view, *view.narrowed):
                    page(each.url, "term", view=each, page_title=each.title)
        page(urls.progress(), "progress", page_title="Progress")
        page(urls.not_found(), "404", page_title="Page not found")


def get_generators(pelican):
    return RegistryPagesGenerator


def register() -> None:
    signals.get_generators.connect(get_generators)
