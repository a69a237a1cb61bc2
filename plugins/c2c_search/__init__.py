"""Pelican plugin: search across organisations, commitments, pledges, actions, discussion
points and services.

The documents come from the views stage (`c2c_views.search`); `bundle` splits the index
by word (`index` weighs it with lunr's BM25, `text` analyses words as lunr.js would);
the search page (/search/, `theme/templates/search.html`) and the directory's search
box read it with `search-core.js`.

One generator does it all: it checks the glossary and the languages file when the build
starts (a mistake stops the build at once), then writes the page and the index files
while the other plugins write theirs, before the directory's service worker (which keeps
the files a search of services needs, on `finalized`) is written. List this plugin after
`c2c_views` and before `c2c_directory` (the pipeline checks both).
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from c2c_registry import start_build
from c2c_registry.pipeline import WRITE, build_state
from c2c_registry.urls import save_as
from c2c_views.directory.languages import NAMES
from c2c_views.parallel import finish_background, in_background
from c2c_views.search import KINDS, search_documents
from c2c_views.writing import write_page

from .bundle import Language, Vocabulary, search_files
from .synonyms import Phrase, load_glossary, load_language_names

STAGE = WRITE

__all__ = ["Vocabulary", "build_files", "languages_of", "load_glossary", "search_documents", "search_files"]


def languages_of(views, names: dict[str, list[Phrase]] | None = None) -> dict[str, Language]:
    """Every language with its names, the directory's listing and how many services speak it."""
    names = load_language_names(NAMES) if names is None else names
    listings = {listing.term.id: listing for listing in views.directory.languages}
    return {code: Language(code, NAMES[code], phrases,
                           listings[code].url if code in listings else "",
                           len(listings[code].listed) if code in listings else 0)
            for code, phrases in names.items()}


def build_files(views, glossary, names: dict[str, list[Phrase]] | None = None) -> dict[str, bytes]:
    """Every search file, from the views: {site-relative URL: bytes}."""
    stages, areas, sectors = ([(t.id, t.name) for t in views.vocab[name].values()] for name in ("stages", "areas", "sectors"))
    vocab = Vocabulary(stages, areas, sectors, [t.name for t in views.vocab["client-groups"].values()])
    return search_files(search_documents(views), vocab, glossary, languages_of(views, names), views.urls,
                        tuple(views.directory.window))


class SearchGenerator(Generator):
    """Writes /search/ (the form, its facets, the way to browse without JavaScript) and
    the index it reads."""

    def generate_context(self) -> None:
        self.views = build_state(self.settings).views  # an error naming the views stage if it did not run
        self.glossary = load_glossary()  # here, so a mistake in either file stops the build at once
        self.language_names = load_language_names(NAMES)

    def generate_output(self, writer) -> None:
        views = self.views
        write_page(writer, self.context, views.urls.search(), self.get_template("search"), kinds=KINDS,
                   page_title="Search")
        out = Path(self.output_path)

        def write_files() -> None:
            for url, body in build_files(views, self.glossary, self.language_names).items():
                path = out / save_as(url)
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(body)
        # Indexing every document is the longest step of a rebuild: it runs beside the
        # other writers, and is waited for before the pages are rendered.
        in_background(write_files, "the search index")


def get_generators(pelican):
    return SearchGenerator


def _finish(pelican) -> None:
    finish_background()  # the service worker, next, keeps some of the index's files


def register() -> None:
    signals.initialized.connect(start_build)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(_finish)
