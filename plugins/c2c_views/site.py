"""What templates get, and the one way pages are written.

Templates see the `SiteViews` (`views`), the URL map (`urls`) and small helpers that
turn values into words; they never see the registry itself.
"""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from c2c_registry import derive
from c2c_registry.markup import safe_url
from c2c_registry.urls import save_as
from c2c_registry.when import When

from . import plans
from .parallel import forked_map

if TYPE_CHECKING:
    from .views import SiteViews


def uk_date(value: date | When | None) -> str:
    """23 November 2026: the GOV.UK style, no leading zero; a month as "April 2008",
    "Ongoing" in words."""
    if isinstance(value, When):
        return value.words()
    return f"{value.day} {value:%B %Y}" if value else ""


def file_size(n: int) -> str:
    """'980 bytes', '12.3 KB', '1.4 MB': sizes as people read them."""
    if n < 1000:
        return f"{n} bytes"
    return f"{n / 1000:.1f} KB" if n < 1_000_000 else f"{n / 1_000_000:.1f} MB"


def count(n: int, noun: str, plural: str = "") -> str:
    """'1 pledge', '2 pledges': numbers in sentences read properly."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


class _State:
    """Derived state of one record for the build date, as template helpers: the rules
    stay in `derive`, bound here to the build's date and settings."""

    def __init__(self, settings: dict[str, Any]):
        self.today: date = settings["C2C_TODAY"]
        self.due_soon_days: int = settings["C2C_DUE_SOON_DAYS"]
        self.stale_days: int = settings["C2C_STALE_AFTER_DAYS"]

    def overdue(self, action) -> bool:
        return derive.is_overdue(action, self.today)

    def due_soon(self, action) -> bool:
        return derive.is_due_soon(action, self.today, self.due_soon_days)

    def review_due(self, commitment) -> bool:
        return derive.is_due_for_review(commitment, self.today)

    def not_completed(self, action) -> bool:
        return derive.not_completed(action, self.today)

    def closed(self, commitment) -> bool:
        return derive.is_closed(commitment, self.today)

    def milestone(self, milestone, commitment) -> str:
        return derive.milestone_state(milestone, commitment, self.today)


def _once() -> Any:
    """`once(macro, record, *args, siteurl=SITEURL)`: a macro's markup for a registry
    record, rendered once per build. An action or a pledge appears on a dozen pages (its
    commitment, organisation, stage, theme, area and sector pages) with the same markup,
    and rendering those records was most of a build's time. The record is kept with its
    markup, so its id cannot be reused by another object during the build."""
    kept: dict[tuple, tuple[Any, Any]] = {}

    def once(macro, record, *args, siteurl: str = ""):
        key = (macro.name, id(record), siteurl, *args)
        if key not in kept:
            kept[key] = (record, macro(record, *args))
        return kept[key][1]
    return once


def template_globals(views: SiteViews, settings: dict[str, Any]) -> dict[str, Any]:
    """Jinja globals: the views, the URL map, and words for values."""
    state = _State(settings)

    def term_name(term_id: str, vocab: str) -> str:
        entry = views.vocab.get(vocab, {}).get(term_id)
        return entry.name if entry else term_id

    return {
        "views": views,
        "urls": views.urls,
        "count": count,
        "file_size": file_size,
        "term_name": term_name,
        "today": views.today,
        "overdue": state.overdue,
        "due_soon": state.due_soon,
        "review_due": state.review_due,
        "not_completed": state.not_completed,
        "plan_closed": state.closed,
        "milestone_state": state.milestone,
        "award": lambda org: views.badges[org.slug],
        "logo": lambda org: views.logos.get(org.slug),
        "safe_url": safe_url,
        "changed": lambda record: views.changes.get(record.source),
        "by_pledge": plans.by_pledge,
        "plan_groups": plans.plan_groups,
        "partners_of": lambda names: plans.partner_names(names, views.organisations_by_slug),
        "status_tags": plans.STATUS_TAGS,
        "milestone_tags": plans.MILESTONE_TAGS,
        "once": _once(),
    }


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
