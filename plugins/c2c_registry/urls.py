"""Every address on the site, formed in one place.

One object, one method per kind of page or file (in the spirit of Datasette's
`url_builder.py`). Generators, templates (the `urls` Jinja global), the browser's data
and the tests all ask it, so a path is spelt once and a change of URL scheme is one edit.

Methods return site-relative URLs with no leading slash ('' is the home page); templates
write `{{ SITEURL }}/{{ urls.organisation(org) }}`, so Pelican's RELATIVE_URLS still
works. `save_as` turns a URL into the file Pelican writes.

Pure and free of Pelican, so the validator can read off it which names the site's own
pages take (rules/names.py).
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

    def progress_list(self, list_name: str) -> str:
        """One of the progress page's long lists on pages of its own: overdue actions,
        actions due soon, commitments due for review."""
        if list_name not in PROGRESS_LISTS:
            raise ValueError(f"no progress list {list_name!r}; the lists are {', '.join(PROGRESS_LISTS)}")
        return f"{self.progress()}{list_name}/"

    @staticmethod
    def paged(url: str, number: int) -> str:
        """Page `number` of the list at `url` (a folder address); page 1 is `url` itself,
        so the first page keeps the address it always had."""
        if number < 1:
            raise ValueError(f"pages are numbered from 1, not {number}")
        return url if number == 1 else f"{url}page/{number}/"

    def page(self, slug: str) -> str:
        """A page from content/pages/ (Pelican's PAGE_URL)."""
        return f"{slug}/"

    # -- badges and logos -----------------------------------------------------------
    def badges(self) -> str:
        """What the C2C badge means, how to earn it, who holds it."""
        return "badges/"

    def badge(self, org: _Slugged | str) -> str:
        """An organisation's verification page: the page its badge links to."""
        return f"{self.badges()}{_slug(org)}/"

    def badge_image(self, org: _Slugged | str, kind: str) -> str:
        """The badge itself, at an address that never changes, so a badge embedded
        elsewhere shows the current status: `web` (PNG), `print` (PNG) or `svg`."""
        if kind not in BADGE_FILES:
            raise ValueError(f"no badge image {kind!r}; the kinds are {', '.join(BADGE_FILES)}")
        return f"{self.badge(org)}{BADGE_FILES[kind]}"

    def logo(self, org: _Slugged | str, size: int, image_format: str) -> str:
        """An organisation's logo, re-encoded at one of the fixed sizes (webp or png)."""
        if image_format not in LOGO_FORMATS:
            raise ValueError(f"logos are webp or png, not {image_format!r}")
        return f"{self.organisation(org)}logo-{size}.{image_format}"

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

    def directory_access(self, access_id: str) -> str:
        """Services with an access fact (step-free and so on): the way in without JavaScript."""
        return f"{self.directory()}access/{access_id}/"

    def directory_language(self, code: str) -> str:
        return f"{self.directory()}languages/{code}/"

    def directory_print(self, area_id: str, stage_id: str = "") -> str:
        """An area's services (perhaps in one stage) laid out to print on A4."""
        return f"{self.directory_area(area_id)}print/" + (f"{stage_id}/" if stage_id else "")

    def shortlist(self) -> str:
        return f"{self.directory()}shortlist/"

    def services_json(self) -> str:
        return f"{self.directory()}services.json"

    def directory_data(self, kind: str, scope: str) -> str:
        """Compact filter data for the browser (`kind` filters or text), split by `scope`:
        one area's services, or "all"; a filtered view downloads only its own part."""
        return f"{self.directory()}data/{kind}-{scope}.json"

    def directory_cards(self, number: int) -> str:
        """Service cards of one chunk of the directory (in directory order): their HTML,
        in JSON, for the filters to show when a match is not on the page already."""
        return f"{self.directory()}data/cards-{number}.json"

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

    # -- open data (plugins/c2c_data) -----------------------------------------------
    def data(self) -> str:
        """Every download, its licence, fields and size."""
        return "data/"

    def data_table(self, table: str, data_format: str) -> str:
        """One table of the register or the directory, as CSV or JSON."""
        if data_format not in DATA_FORMATS:
            raise ValueError(f"tables are {' or '.join(DATA_FORMATS)}, not {data_format!r}")
        return f"{self.data()}{table}.{data_format}"

    def datapackage(self) -> str:
        """The Frictionless data package describing the tables."""
        return f"{self.data()}datapackage.json"

    def hsds_services(self) -> str:
        """The whole directory in Open Referral (HSDS 3.0 / ORUK) shape: one array."""
        return f"{self.data()}hsds/services.json"

    def hsds_service(self, service_id: str) -> str:
        """One service in HSDS shape, named by its UUID like the HSDS API's /services/{id}."""
        return f"{self.data()}hsds/services/{service_id}.json"

    def hsds_page(self, number: int) -> str:
        """One page of the directory, shaped like the HSDS API's paged /services."""
        return f"{self.data()}hsds/pages/{number}.json"

    def data_schemas(self) -> str:
        return f"{self.data()}schemas/"

    def data_schema(self, name: str) -> str:
        """One of the project's JSON Schemas, or a vocabulary (vocabularies/<id>.yaml or .json)."""
        return f"{self.data_schemas()}{name}"

    def feed(self) -> str:
        """Atom feed of new and updated commitments."""
        return "feeds/commitments.atom"

    # -- taking part (plugins/c2c_submit) --------------------------------------------
    def submit(self) -> str:
        """How to take part, and the form that builds a commitment file."""
        return "submit/"

    def submit_service(self) -> str:
        """The form that builds a directory service file."""
        return f"{self.submit()}service/"

    def submit_from(self, item) -> str:
        """The commitment form, starting from a published pledge or action (its words in
        the query string, so the form needs nothing else to prefill)."""
        if hasattr(item, "pledge"):  # an action (a pledge may have a measure too, but no pledge)
            params = {"start": "action", "text": item.text, "measure": item.measure, "stage": item.stage}
        else:
            params = {"start": "pledge", "text": item.text, "stage": item.stage, "themes": ",".join(item.themes)}
        return f"{self.submit()}?{urlencode({k: v for k, v in params.items() if v})}"

    # -- files every site has -------------------------------------------------------
    def theme(self, path: str) -> str:
        """A file of the theme (CSS, scripts, images, vendored libraries)."""
        return f"{THEME_STATIC_DIR}/{path}"

    def not_found(self) -> str:
        return "404.html"

    def cover_your_tracks(self) -> str:
        """What the exit control clears from a phone, and what only its owner can."""
        return "cover-your-tracks/"

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
BADGE_FILES = {"web": "badge.png", "print": "badge-print.png", "svg": "badge.svg"}
LOGO_FORMATS = ("webp", "png")
DATA_FORMATS = ("csv", "json")
PROGRESS_LISTS = ("overdue", "due-soon", "review-due")


def save_as(url: str) -> str:
    """The file a URL is written to: folders get index.html."""
    path = url.split("#")[0].split("?")[0]
    return path + "index.html" if path.endswith("/") or not path else path


def pelican_url_settings() -> dict[str, str]:
    """Pelican's own URL settings, formed here so its pages follow the same map. A page's
    address is its `Slug:` or else its file name (Pelican's default would slugify the
    title), so the validator can check every page address before the build."""
    page = Urls().page("{slug}")
    return {"PAGE_URL": page, "PAGE_SAVE_AS": save_as(page), "THEME_STATIC_DIR": THEME_STATIC_DIR,
            "SLUGIFY_SOURCE": "basename"}

