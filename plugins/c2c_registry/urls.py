"""Every address on the site, formed in one place.

One object, one method per kind of page or file (in the spirit of Datasette's
`url_builder.py`). Generators, templates (the `urls` Jinja global), the browser's data
and the tests all ask it, so a path is spelt once and a change of URL scheme is one edit.

Methods return site-relative URLs with no leading slash ('' is the home page); templates
write `{{ SITEURL }}/{{ urls.organisation(org) }}`, so Pelican's RELATIVE_URLS still
works. `save_as` turns a URL into the file Pelican writes.

Pure and free of Pelican, so the validator can ask it which service slugs are taken by
the directory's own pages.
"""

from __future__ import annotations

from typing import Protocol
from urllib.parse import urlencode

DIMENSIONS = ("stages", "themes", "areas", "sectors")  # the registry's cuts, each a URL prefix
NARROWING = ("areas", "sectors")  # how a stage page can be narrowed


class _Slugged(Protocol):
    slug: str


def _slug(record: _Slugged | str) -> str:
    return record if isinstance(record, str) else record.slug


class Urls:
    """Where each page and file of the site lives."""

    def __init__(self, site_url: str = ""):
        self.site_url = site_url.rstrip("/")

    # -- the registry ---------------------------------------------------------------
    def home(self) -> str:
        return ""

    def organisations(self) -> str:
        return "organisations/"

    def organisation(self, org: _Slugged | str) -> str:
        return f"{self.organisations()}{_slug(org)}/"

    def commitments(self) -> str:
        return "pledges/"

    def commitment(self, commitment: _Slugged | str) -> str:
        return f"{self.commitments()}{_slug(commitment)}/"

    def pledge(self, pledge) -> str:
        """A pledge has no page of its own: its place on its commitment's page."""
        return f"{self.commitment(pledge.commitment)}#{pledge.anchor}"

    def action(self, action) -> str:
        return f"{self.commitment(action.commitment)}#{action.anchor}"

    def discussion_item(self, item) -> str:
        """A discussion point's place on its commitment's page."""
        return f"{self.commitment(item.commitment)}#{self.discussion_anchor(item)}"

    @staticmethod
    def discussion_anchor(item) -> str:
        """The id of a discussion point on its commitment's page: its place in the log
        (found by identity, since two points may read the same)."""
        number = next(n for n, d in enumerate(item.commitment.discussion, 1) if d is item)
        return f"discussion-{number}"

    def dimension(self, dimension: str) -> str:
        """The index of one cut: stages/, themes/, areas/ or sectors/."""
        if dimension not in DIMENSIONS:
            raise ValueError(f"no pages for {dimension!r}; the cuts are {', '.join(DIMENSIONS)}")
        return f"{dimension}/"

    def term(self, dimension: str, term_id: str) -> str:
        return f"{self.dimension(dimension)}{term_id}/"

    def stage_narrowed(self, stage_id: str, by: str, term_id: str) -> str:
        """One stage's page narrowed to an area or a sector: a page, so it needs no JavaScript."""
        if by not in NARROWING:
            raise ValueError(f"a stage page is narrowed by {' or '.join(NARROWING)}, not {by!r}")
        return f"{self.term('stages', stage_id)}{by}/{term_id}/"

    def progress(self) -> str:
        return "progress/"

    def page(self, slug: str) -> str:
        """A page from content/pages/ (Pelican's PAGE_URL)."""
        return f"{slug}/"

    # -- the services directory -----------------------------------------------------
    def directory(self, **filters: str | list[str]) -> str:
        """/directory/, or with filters in its query string (?area=coventry)."""
        query = urlencode({k: v for k, v in filters.items() if v}, doseq=True)
        return "directory/" + (f"?{query}" if query else "")

    def service(self, service: _Slugged | str) -> str:
        return f"{self.directory()}{_slug(service)}/"

    def directory_area(self, area_id: str) -> str:
        return f"{self.directory()}areas/{area_id}/"

    def directory_stage(self, stage_id: str) -> str:
        return f"{self.directory()}stages/{stage_id}/"

    def shortlist(self) -> str:
        return f"{self.directory()}shortlist/"

    def services_json(self) -> str:
        return f"{self.directory()}services.json"

    def service_worker(self) -> str:
        """At the root, so its scope can cover the directory."""
        return "sw.js"

    # -- search ---------------------------------------------------------------------
    def search(self, **params: str | list[str]) -> str:
        """/search/, or a search in its query string (?q=night+shelter&type=service)."""
        query = urlencode({k: v for k, v in params.items() if v}, doseq=True)
        return "search/" + (f"?{query}" if query else "")

    def search_manifest(self) -> str:
        """What the search page loads first: the shard list, term map and side tables."""
        return f"{self.search()}manifest.json"

    def search_shard(self, name: str) -> str:
        """One part of the split index (its name carries a hash of its bytes)."""
        return f"{self.search()}{name}.json"

    # -- files every site has -------------------------------------------------------
    def theme(self, path: str) -> str:
        """A file of the theme (CSS, scripts, images, vendored libraries)."""
        return f"{THEME_STATIC_DIR}/{path}"

    def not_found(self) -> str:
        return "404.html"

    def robots(self) -> str:
        return "robots.txt"

    def headers(self) -> str:
        return "_headers"

    def sitemap(self) -> str:
        return "sitemap.xml"

    # -- helpers --------------------------------------------------------------------
    def record(self, record) -> str:
        """The page of any registry record, whatever its kind."""
        kind = type(record).__name__
        method = _RECORD_PAGES.get(kind)
        if method is None:
            raise TypeError(f"no page for {kind}")
        return getattr(self, method)(record)

    def absolute(self, url: str) -> str:
        """For places that need a full address: emails, JSON-LD, the sitemap."""
        return f"{self.site_url}/{url}"


_RECORD_PAGES = {
    "Organisation": "organisation",
    "Commitment": "commitment",
    "Pledge": "pledge",
    "Action": "action",
    "DiscussionItem": "discussion_item",
    "Service": "service",
}

THEME_STATIC_DIR = "theme"


def save_as(url: str) -> str:
    """The file a URL is written to: folders get index.html."""
    path = url.split("#")[0].split("?")[0]
    return path + "index.html" if path.endswith("/") or not path else path


def pelican_url_settings() -> dict[str, str]:
    """Pelican's own URL settings, formed here so its pages follow the same map."""
    page = Urls().page("{slug}")
    return {"PAGE_URL": page, "PAGE_SAVE_AS": save_as(page), "THEME_STATIC_DIR": THEME_STATIC_DIR}


def _directory_own_pages() -> tuple[str, ...]:
    """The folders under /directory/ that are the directory's own pages, not services."""
    urls = Urls()
    prefix = urls.directory()
    own = (urls.directory_area("x"), urls.directory_stage("x"), urls.shortlist())
    return tuple(sorted({url[len(prefix):].split("/")[0] for url in own}))


# /directory/<name>/ pages of the directory itself: no service may take these slugs.
RESERVED_SERVICE_SLUGS = _directory_own_pages()
