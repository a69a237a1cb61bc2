"""The one way pages are written: through Pelican's writer, rendered on every core.

Writers hand each page to `write_page` (url, template, context) while the generators
write; the pages wait in the build's `PageQueue` (made by the views stage, carried in
the build state) and are rendered on every core when the build finalises, then written
in the order they were queued, so the output is the same bytes whatever the number of
workers.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from c2c_registry.pipeline import build_state
from c2c_registry.urls import save_as

from .parallel import forked_map


def write_page(writer, settings: dict, url: str, template, **context: Any) -> None:
    """Write the page at `url` through Pelican's writer, so content_written (the
    sitemap) and RELATIVE_URLS see it: queued until the build finalises, or at once
    with RELATIVE_URLS (which the writer must render itself)."""
    page_context = dict(settings)
    page_context.update(context)
    if settings.get("RELATIVE_URLS", False):
        writer.write_file(save_as(url), template, page_context, relative_urls=True, url=url)
    else:
        build_state(settings).pages.add(writer, url, template, page_context)


def page_writer(generator, writer, **shared: Any) -> Callable[..., None]:
    """`page(url, template_name, **context)`: `write_page` for one generator's pages, with
    its templates and context, and `shared` given to every page."""
    def page(url: str, template: str, **context: Any) -> None:
        write_page(writer, generator.context, url, generator.get_template(template), **shared, **context)
    return page


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


class PageQueue:
    """Pages waiting to be rendered, in the order the writers gave them."""

    def __init__(self) -> None:
        self._pages: list[tuple[Any, str, Any, dict, str]] = []  # (writer, file name, template, context, url)

    def add(self, writer, url: str, template, context: dict) -> None:
        self._pages.append((writer, save_as(url), template, context, url))

    def write_all(self) -> None:
        """Render the queued pages on every core, then write them in the order they were
        queued through Pelican's writer (so the sitemap and the overwrite check see them)."""
        queued, self._pages = self._pages, []
        jobs = [partial(_render, name, template, context) for _, name, template, context, _ in queued]
        for (writer, name, _, context, url), html in zip(queued, forked_map(jobs), strict=True):
            writer.write_file(name, _Rendered(html), context, relative_urls=False, url=url)
