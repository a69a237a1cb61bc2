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
import traceback
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from c2c_registry.pipeline import WRITE as STAGE  # noqa: F401  (its place in the build: c2c_registry/pipeline.py)
from c2c_registry.urls import save_as
from c2c_views.search import KINDS, search_documents
from c2c_views.writing import write_page

from .bundle import Vocabulary, search_files
from .synonyms import load_glossary

_pending: dict[str, _Job] = {}  # output folder -> the files being built for it


def build_files(views, glossary: list[list[str]]) -> dict[str, bytes]:
    """Every search file, from the views: documents, shards, manifest."""
    vocab = Vocabulary(*([(t.id, t.name) for t in views.vocab[name].values()] for name in ("stages", "areas", "sectors")))
    return search_files(search_documents(views), vocab, glossary, views.urls)


def start(pelican) -> None:
    settings = pelican.settings
    if "C2C_VIEWS" not in settings:
        raise RuntimeError("c2c_search needs the c2c_views plugin listed before it in PLUGINS")
    glossary = load_glossary()  # here, so a mistake in it stops the build at once
    _pending[str(pelican.output_path)] = _Job(settings["C2C_VIEWS"], glossary)


class _Job:
    """`build_files` in a forked second process when the machine has a second core (the
    child has the views already, so nothing is copied to it but the files coming back);
    otherwise in this process, when the result is asked for."""

    def __init__(self, views, glossary: list[list[str]]):
        self.args = (views, glossary)
        self.process = None
        if (os.cpu_count() or 1) > 1 and "fork" in multiprocessing.get_all_start_methods():
            context = multiprocessing.get_context("fork")
            self.receive, send = context.Pipe(duplex=False)
            self.process = context.Process(target=_child, args=(send, *self.args), daemon=True)
            self.process.start()
            send.close()

    def result(self) -> dict[str, bytes]:
        if self.process is None:
            return build_files(*self.args)
        try:
            ok, value = self.receive.recv()
        except EOFError:
            ok, value = False, f"the process building the search index stopped (exit code {self.process.exitcode})"
        self.process.join()
        if not ok:
            raise RuntimeError(f"building the search index failed: {value}")
        return value


def _child(send, views, glossary) -> None:
    try:
        send.send((True, build_files(views, glossary)))
    except BaseException:  # reported by the parent, which stops the build
        send.send((False, traceback.format_exc()))
    finally:
        send.close()


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
