"""Pelican plugin: search across organisations, commitments, pledges, actions, discussion
points and services.

The documents come from the views stage (`c2c_views.search`); `bundle` builds the split
lunr index and its manifest with the `lunr` Python package; the search page
(/search/, `theme/templates/search.html`) loads them with lunr.js in the browser.

Building the index is the one heavy step, so it starts as soon as the views exist (on
`initialized`, list this plugin after `c2c_views`) in a second process when the machine
has a second core, while Pelican renders the pages; its files are written on
`finalized`, before the directory's service worker (which keeps the files the
directory's search needs) is written: list this plugin before `c2c_directory`.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from c2c_registry.urls import save_as
from c2c_views.search import KINDS, search_documents
from c2c_views.site import write_page

from .bundle import Vocabulary, search_files
from .synonyms import load_glossary

_pending: dict[str, Future] = {}  # output folder -> the files being built for it


def start(pelican) -> None:
    settings = pelican.settings
    if "C2C_VIEWS" not in settings:
        raise RuntimeError("c2c_search needs the c2c_views plugin listed before it in PLUGINS")
    views = settings["C2C_VIEWS"]
    vocab = Vocabulary(*([(t.id, t.name) for t in views.vocab[name].values()] for name in ("stages", "areas", "sectors")))
    args = (search_documents(views), vocab, load_glossary(), views.urls)
    _pending[str(pelican.output_path)] = _submit(*args)


def _submit(*args) -> Future:
    """Build in a second process when there is a second core (fork keeps it cheap);
    otherwise build here, now."""
    if (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
        pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
        submitted = pool.submit(search_files, *args)
        pool.shutdown(wait=False)  # the worker finishes its one job, then exits
        return submitted
    done: Future = Future()
    done.set_result(search_files(*args))
    return done


def write_files(pelican) -> None:
    out = Path(pelican.output_path)
    files = _pending.pop(str(pelican.output_path)).result()
    for url, body in files.items():
        path = out / save_as(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)


class SearchPageGenerator(Generator):
    """Writes /search/: the form, its facets and the way to browse without JavaScript."""

    def generate_output(self, writer) -> None:
        views = self.settings["C2C_VIEWS"]
        write_page(writer, self.context, views.urls.search(), self.get_template("search"), kinds=KINDS,
                   page_title="Search")


def get_generators(pelican):
    return SearchPageGenerator


def register() -> None:
    signals.initialized.connect(start)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(write_files)
