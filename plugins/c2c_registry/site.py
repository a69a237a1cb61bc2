"""What every page-writing plugin shares: where things live on the site, how dates and
vocabulary ids are shown, and one way to write a page through Pelican's writer."""

from __future__ import annotations

from datetime import date
from typing import Any

from . import derive
from .markup import safe_url
from .model import Action, Commitment, Organisation, Pledge, Registry, Service

# /directory/<name>/ pages of the directory itself: no service may take these slugs.
RESERVED_SERVICE_SLUGS = ("areas", "stages", "shortlist")

DIMENSIONS = {  # url prefix -> vocabulary
    "stages": "stages",
    "themes": "themes",
    "areas": "areas",
    "sectors": "sectors",
}


def url_for(obj: Any) -> str:
    """Site-relative URL (no leading slash) of a registry record."""
    if isinstance(obj, Organisation):
        return f"organisations/{obj.slug}/"
    if isinstance(obj, Commitment):
        return f"pledges/{obj.slug}/"
    if isinstance(obj, Pledge):
        return f"pledges/{obj.commitment.slug}/#{obj.anchor}"
    if isinstance(obj, Action):
        return f"pledges/{obj.commitment.slug}/#{obj.anchor}"
    if isinstance(obj, Service):
        return f"directory/{obj.slug}/"
    raise TypeError(f"no page for {type(obj).__name__}")


def term_url(dimension: str, term: str) -> str:
    return f"{dimension}/{term}/"


def uk_date(value: date | None) -> str:
    """23 November 2026: the GOV.UK style, no leading zero."""
    return f"{value.day} {value:%B %Y}" if value else ""


def count(n: int, noun: str, plural: str = "") -> str:
    """'1 pledge', '2 pledges': numbers in sentences read properly."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def make_term_name(registry: Registry):
    def term_name(term: str, vocab: str) -> str:
        entry = registry.vocab.get(vocab, {}).get(term)
        return entry.name if entry else term
    return term_name


def template_helpers(registry: Registry, settings: dict[str, Any]) -> dict[str, Any]:
    """Jinja globals: links, names, and derived state for the build date."""
    today = settings["C2C_TODAY"]
    return {
        "url_for": url_for,
        "count": count,
        "term_url": term_url,
        "term_name": make_term_name(registry),
        "registry": registry,
        "today": today,
        "overdue": lambda action: derive.is_overdue(action, today),
        "due_soon": lambda action: derive.is_due_soon(action, today, settings["C2C_DUE_SOON_DAYS"]),
        "review_due": lambda commitment: derive.is_due_for_review(commitment, today),
        "stale": lambda service: derive.is_stale(service, today, settings["C2C_STALE_AFTER_DAYS"]),
        "has_badge": derive.has_badge,
        "safe_url": safe_url,
    }


def write_page(writer, settings: dict, url: str, template, **context: Any) -> None:
    """Write `url` (a folder URL like 'organisations/x/') as index.html via Pelican's
    writer, so content_written (sitemap) and RELATIVE_URLS see it."""
    name = url + "index.html" if url.endswith("/") or not url else url
    page_context = dict(settings)
    page_context.update(context)
    writer.write_file(name, template, page_context, relative_urls=settings.get("RELATIVE_URLS", False), url=url)
