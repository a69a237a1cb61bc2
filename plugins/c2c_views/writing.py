"""The one way pages are written: through Pelican's writer, rendered on every core.

Writers hand each page to `write_page` (url, template, context); while a build writes
its output the pages are queued, rendered on every core once the generators are done,
and written in the order they were queued, so the output is the same bytes whatever
the number of workers.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from c2c_registry.urls import save_as

from .parallel import forked_map


def write_page(writer, settings: dict, url: str, template, **context: Any) -> None:
    """Write the page at `url` through Pelican's writer, so content_written (the
    sitemap) and RELATIVE_URLS see it. While a build writes its output, pages are
    queued and rendered on every core when the generators are done (`write_queued`)."""
    page_context = dict(settings)
    page_context.update(context)
    relative = settings.get("RELATIVE_URLS", False)
    if _queue is not None and not relative:
        _queue.append((writer, save_as(url), template, page_context, url))
        return
    writer.write_file(save_as(url), template, page_context, relative_urls=relative, url=url)


_queue: list[tuple] | None = None  # pages waiting to be rendered, while a build writes


def queue_pages(*_: Any) -> None:
    global _queue
    _queue = []


class _Rendered:
    """Stands in for a template whose page a worker process has already rendered."""

    def __init__(self, html: str):
        self.html = html

    def render(self, _context: dict) -> str:
        return self.html


def _render(name: str, template, context: dict) -> str:
    """What Pelican's writer renders for a page without relative URLs (writers.py)."""
    local = context.copy()
    local["localsiteurl"] = local.get("localsiteurl", None)
    local["output_file"] = name
    return template.render(local)


def write_queued(*_: Any) -> None:
    """Render the queued pages on every core, then write them in the order they were
    queued through Pelican's writer (so the sitemap and the overwrite check see them)."""
    global _queue
    queued, _queue = _queue or [], None
    jobs = [partial(_render, name, template, context) for _, name, template, context, _ in queued]
    for (writer, name, _, context, url), html in zip(queued, forked_map(jobs), strict=True):
        writer.write_file(name, _Rendered(html), context, relative_urls=False, url=url)
