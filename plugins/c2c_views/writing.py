"""The one way pages are written: queued by the writers, rendered on every core when the
build finalises, only where something they read changed.

Writers hand each page to `write_page` (url, template, context) while the generators
write; the pages wait in the build's `PageQueue` (made by the views stage, carried in
the build state). When the build finalises the queue asks `reuse.Reuse` which pages
changed since the build published last (`c2c build` passes where that is, as
C2C_PUBLISHED), renders those on every core, noting what each reads, and writes them in
the order they were queued. An unchanged page is not written at all: its published file
is this build's page (`site_file` says where each page is, for the service worker,
which reads a few), and `c2c build` publishes only the files written, keeps the
unchanged pages and removes the rest. The output is the same bytes whatever the number
of workers and whatever was reused.

For `c2c serve --watch`, the pages of the files just saved (`FirstPages`) are rendered
the moment they are queued and handed to the watch server, before the rest.

Files that are not pages (data, badges, the service worker...) are written with
`file_writer`: one the published site already has, byte for byte, is not written again
but kept, as an unchanged page is (a rebuild after one edit wrote some two thousand
identical data files and images at the medium benchmark size, each then compared with
its published copy and thrown away).

Pages are written here rather than through Pelican's writer (whose per-file work was a
tenth of rendering), with the signal it sends, `content_written`, so the sitemap still
sees every page; with RELATIVE_URLS a page goes through Pelican's writer, which must
render it itself.
"""

from __future__ import annotations

import hashlib
from collections import ChainMap
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from c2c_registry.load.files import display_path
from c2c_registry.pipeline import build_state
from c2c_registry.urls import save_as

from . import tracking
from .parallel import finish_background, forked_map
from .reuse import NoReuse, Records, Reuse


def write_page(writer, settings: dict, url: str, template, **context: Any) -> None:
    """Write the page at `url` through Pelican's writer, so content_written (the
    sitemap) and RELATIVE_URLS see it: queued until the build finalises, or at once
    with RELATIVE_URLS (which the writer must render itself)."""
    if settings.get("RELATIVE_URLS", False):
        writer.write_file(save_as(url), template, {**settings, **context}, relative_urls=True, url=url)
    else:
        build_state(settings).pages.add(writer, url, template, settings, context)


def page_writer(generator, writer, **shared: Any) -> Callable[..., None]:
    """`page(url, template_name, **context)`: `write_page` for one generator's pages, with
    its templates and context, and `shared` given to every page."""
    def page(url: str, template: str, **context: Any) -> None:
        write_page(writer, generator.context, url, generator.get_template(template), **shared, **context)
    return page


FileWrite = Callable[[str, bytes], int]  # `write(url, data)`, the bytes written: what `file_writer` gives


def file_writer(settings: dict) -> FileWrite:
    """`write(url, data)`: the one way a build writes a file that is not a page, into the
    staging folder, unless the published file is already `data` (then it is kept as it
    is, and publishing neither compares nor replaces it); the number of bytes."""
    state = build_state(settings)
    output = Path(settings["OUTPUT_PATH"])

    def write(url: str, data: bytes) -> int:
        name = save_as(url)
        if state.reuse.keep_file(name, data):
            state.pages.kept_files.add(name)
        else:
            path = output / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return len(data)
    return write


def _render(reuse: Reuse | NoReuse, name: str, template, base: dict, given: dict) -> tuple[str, set]:
    """What Pelican's writer renders for a page without relative URLs (writers.py), and
    what the page read in the views. The context is made here, in the worker, and let go
    with the page (made for every page before forking, they held about 80 MB at the large
    benchmark size in the parent, and again in the worker that rendered each)."""
    local = reuse.context(base, given)
    local["localsiteurl"] = local.get("localsiteurl", None)
    local["output_file"] = name
    with tracking.noting() as reads:
        html = template.render(local)
    return html, reads


@dataclass
class FirstPages:
    """For `c2c serve --watch` (c2c_cli/watch.py): the pages of the files just saved are
    rendered the moment their writer queues them, before the rest of the build, and
    written into `folder`, from which the watch server serves them at once; `shown(url)`
    tells it each is there. They are rendered again with every other page, so what is
    published never depends on them."""

    files: list[str]  # the saved files (absolute paths)
    folder: Path
    shown: Callable[[str], None]

    def urls(self, registry, urls, content: Path) -> set[str]:
        """The page of each record read from one of the files."""
        saved = {display_path(Path(f), content) for f in self.files}
        records = [*registry.organisations.values(), *registry.commitments.values(), *registry.services.values()]
        return {urls.record(r) for r in records if r.source in saved}

    def show(self, url: str, html: str) -> None:
        path = self.folder / save_as(url)
        path.parent.mkdir(parents=True, exist_ok=True)
        part = path.with_name(f".{path.name}.part")
        part.write_text(html, encoding="utf-8")
        part.replace(path)  # the server never sends half a page
        self.shown(url)


FEW_PAGES = 1000  # at most this many to render (a rebuild), they are rendered while the background work goes on


@dataclass
class Written:
    """What the queue did, for `c2c build` to say and to keep."""

    rendered: int
    kept: set[str]  # the files of the pages that did not change, in the published folder
    records: Records | None  # to keep beside the published site for the next build; None: nothing to keep


class PageQueue:
    """Pages waiting to be rendered, in the order the writers gave them."""

    def __init__(self, first: FirstPages | None = None, first_urls: Collection[str] = ()) -> None:
        # (writer, file name, template, the generator's context then, what the writer gave, url)
        self._pages: list[tuple[Any, str, Any, dict, dict, str]] = []
        self._first, self._first_urls = first, first_urls
        self.written: Written | None = None
        self._base: dict = {}
        self.kept_files: set[str] = set()  # files (not pages) the published site already has (`file_writer`)

    def add(self, writer, url: str, template, context: dict, given: dict) -> None:
        """Queue a page with the generator's context as it is now (a generator may add to
        it later), one copy shared by every page queued while it stays the same."""
        base = self._base
        if len(base) != len(context) or any(k not in base or base[k] is not v for k, v in context.items()):
            self._base = base = dict(context)
        self._pages.append((writer, save_as(url), template, base, given, url))
        if self._first is not None and url in self._first_urls:
            html, _ = _render(build_state(context).reuse, save_as(url), template, base, given)
            self._first.show(url, html)

    def write_all(self, settings: dict, explain: Callable[[str], None] | None = None) -> None:
        """Render the queued pages that changed on every core, then write every page in
        the order it was queued."""
        from pelican import signals

        queued, self._pages = self._pages, []
        reuse = build_state(settings).reuse
        owns = [reuse.own(template, base, given) for _, _, template, base, given, _ in queued]
        decisions = [reuse.decide(url, own) for (*_, url), own in zip(queued, owns, strict=True)]
        jobs = [partial(_render, reuse, name, template, base, given)
                for (_, name, template, base, given, _), decision in zip(queued, decisions, strict=True)
                if decision.render]
        if len(jobs) > FEW_PAGES:
            finish_background()  # many pages: the renderers get every core (and the memory) to themselves
        rendered = iter(forked_map(jobs))
        output = Path(settings["OUTPUT_PATH"])
        kept: set[str] = set()
        for (writer, name, _, base, given, url), own, decision in zip(queued, owns, decisions, strict=True):
            path = output / name
            if decision.render:
                html, reads = next(rendered)
                data = html.encode("utf-8")
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
                reuse.note(url, own, reads, hashlib.blake2b(data, digest_size=16).digest())
                if explain:
                    explain(f"rendered /{url}: {decision.reason}")
            else:
                reuse.note_kept(url, own)
                kept.add(name)
            writer._written_files.add(str(path))  # Pelican's check that no file is written twice
            signals.content_written.send(str(path), context=ChainMap(given, base))  # the sitemap reads `page`
        finish_background()  # a few pages were rendered beside it: the files written in the background are done
        self.written = Written(len(queued) - len(kept), kept, reuse.records)

    def site_file(self, settings: dict) -> Callable[[str], Path]:
        """Where this build's file for an address is: the one written, or, for a page
        or file that did not change, the published one."""
        output = Path(settings["OUTPUT_PATH"])
        published = Path(settings["C2C_PUBLISHED"]) if settings.get("C2C_PUBLISHED") else output
        kept = self.written.kept if self.written else set()

        def where(url: str) -> Path:
            name = save_as(url)
            return (published if name in kept or name in self.kept_files else output) / name
        return where
