"""Pelican plugin: the registry's pages — home, organisations, commitments, the cuts by
stage, theme, area and sector, and progress.

A thin adapter: the figures come from `c2c_registry.derive`, the markup from templates.
"""

from __future__ import annotations

from datetime import datetime, time

from pelican import signals
from pelican.generators import Generator

from c2c_registry.derive import cut, everything, progress
from c2c_registry.site import DIMENSIONS, term_url, url_for, write_page

from .charts import bar_chart, stacked_bar_chart

LATEST_COMMITMENTS = 6


class RegistryPagesGenerator(Generator):
    """Writes every registry page; registered through `get_generators`."""

    def generate_output(self, writer) -> None:
        registry = self.settings["C2C_REGISTRY"]
        today = self.settings["C2C_TODAY"]

        def page(url: str, template: str, **context) -> None:
            write_page(writer, self.context, url, self.get_template(template), **context)

        commitments = sorted(registry.commitments.values(), key=lambda c: (c.approved, c.slug), reverse=True)
        orgs = sorted(registry.organisations.values(), key=lambda o: o.name.lower())
        page("", "home", commitments=commitments[:LATEST_COMMITMENTS], all=everything(registry),
             organisations=orgs, page_title="")
        page("organisations/", "organisations", organisations=orgs, page_title="Organisations")
        for org in orgs:
            page(url_for(org), "organisation", organisation=org, page_title=org.name)
        page("pledges/", "commitments", commitments=commitments, page_title="Pledges and action plans")
        for commitment in commitments:
            page(url_for(commitment), "commitment", commitment=commitment, page_title=commitment.display_title)
        for dimension, vocab_name in DIMENSIONS.items():
            terms = list(registry.vocab[vocab_name].values())
            slices = {t.id: cut(registry, dimension, t.id) for t in terms}
            page(f"{dimension}/", "terms", dimension=dimension, terms=terms, slices=slices,
                 page_title=_DIMENSION_TITLES[dimension])
            for term in terms:
                counts = _filter_counts(registry, slices[term.id]) if dimension == "stages" else {}
                page(term_url(dimension, term.id), "term", dimension=dimension, term=term,
                     slice=slices[term.id], filter_by=None, filter_counts=counts, page_title=term.name)
                for by, term_id in counts:
                    narrowed_to = registry.vocab[by][term_id]
                    page(f"stages/{term.id}/{by}/{term_id}/", "term", dimension="stages", term=term,
                         slice=slices[term.id].where(by, term_id), filter_by=(by, narrowed_to),
                         filter_counts=counts, page_title=f"{term.name}: {narrowed_to.name}")
        figures = progress(registry, today, self.settings["C2C_DUE_SOON_DAYS"])
        page("progress/", "progress", progress=figures, charts=_charts(registry, figures),
             page_title="Progress")
        writer.write_file("404.html", self.get_template("404"), dict(self.context, page_title="Page not found"))


def _filter_counts(registry, stage_slice) -> dict[tuple[str, str], int]:
    """Items of one stage in each area and sector that has any: the stage page's filter
    links, each a page of its own so filtering needs no JavaScript."""
    counts = {}
    for by in ("areas", "sectors"):
        for term_id in registry.vocab[by]:
            narrowed = stage_slice.where(by, term_id)
            n = len(narrowed.pledges) + len(narrowed.actions) + len(narrowed.discussion)
            if n:
                counts[(by, term_id)] = n
    return counts


_DIMENSION_TITLES = {
    "stages": "Pathway stages",
    "themes": "Themes",
    "areas": "Areas",
    "sectors": "Sectors",
}


def _charts(registry, figures) -> dict[str, str]:
    stages = registry.vocab["stages"]
    return {
        "by_status": bar_chart(
            "Actions by status", [(s.replace("-", " ").capitalize(), n) for s, n in figures.by_status.items()]
        ),
        "by_stage": stacked_bar_chart(
            "Actions by stage and status",
            [(stages[st].name, counts) for st, counts in figures.by_stage.items()],
        ),
        "upstream": stacked_bar_chart(
            "Prevention, crisis and after crisis",
            [(kind.capitalize(), counts) for kind, counts in figures.upstream.items()],
        ),
    }


def get_generators(pelican):
    return RegistryPagesGenerator


def pin_sitemap_date(pelican) -> None:
    """The sitemap plugin stamps pages without a date with the clock; use the build date
    so the same content and build date give the same bytes."""
    try:
        from pelican.plugins.sitemap import sitemap
    except ImportError:  # pragma: no cover - the sitemap plugin is optional
        return
    sitemap.generator.now = datetime.combine(pelican.settings["C2C_TODAY"], time())


def register() -> None:
    signals.get_generators.connect(get_generators)
    signals.get_generators.connect(pin_sitemap_date)
