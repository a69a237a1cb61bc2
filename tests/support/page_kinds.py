"""The site's page types, in one place, and helpers to read a built site.

Each page type maps to a glob (relative to the output folder) that matches the pages of
that type; the first match in sorted order is the representative the browser tests load.
A page type with no match in the build is an error, never a skip: add a page type here
when a new kind of page appears.
"""

from __future__ import annotations

import json
import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib

PAGE_TYPES: dict[str, str] = {
    "home": "index.html",
    "organisations index": "organisations/index.html",
    "organisation": "organisations/*/index.html",
    "pledges index": "pledges/index.html",
    "commitment": "pledges/*/index.html",
    "closed real-style plan": "pledges/severn-avon-housing-partnership-*/index.html",
    "stages index": "stages/index.html",
    "stage": "stages/*/index.html",
    "stage, a later page": "stages/*/page/*/index.html",  # paged by organisation
    "stage by area": "stages/*/areas/*/index.html",
    "stage by sector": "stages/*/sectors/*/index.html",
    "themes index": "themes/index.html",
    "theme": "themes/*/index.html",
    "area": "areas/*/index.html",
    "area, a later page": "areas/*/page/*/index.html",
    "sector": "sectors/*/index.html",
    "progress": "progress/index.html",
    "progress list": "progress/*/index.html",  # overdue, due soon, due for review (paged)
    "content page": "about/index.html",
    "404": "404.html",
    "cover your tracks": "cover-your-tracks/index.html",  # what the exit control clears
    # The services directory (plugins/c2c_directory).
    "directory index": "directory/index.html",
    "service": "directory/*/index.html",  # minus the directory's own folders, below
    "directory by area": "directory/areas/*/index.html",
    "directory by stage": "directory/stages/*/index.html",
    "shortlist": "directory/shortlist/index.html",
    # More ways in, and lists to print (plugins/c2c_directory).
    "directory by access": "directory/access/*/index.html",
    "directory by language": "directory/languages/*/index.html",
    "printable area list": "directory/areas/*/print/index.html",
    "printable area and stage list": "directory/areas/*/print/*/index.html",
    # Badges (plugins/c2c_badges).
    "badges index": "badges/index.html",
    "badge check": "badges/*/index.html",
    # Search (plugins/c2c_search).
    "search": "search/index.html",
    # Open data (plugins/c2c_data).
    "open data": "data/index.html",
    # Taking part (plugins/c2c_submit).
    "submit": "submit/index.html",
    "submit service": "submit/service/index.html",
}
# Matches of a glob above that belong to another page type.
NOT_OF_TYPE = {"service": re.compile(r"^directory/(areas|stages|shortlist|access|languages|page|data)/")}

# Page types whose pages are reached mainly through the directory: keyboard, filter and
# quick-exit checks run on these.
DIRECTORY_TYPES = ("directory index", "service", "directory by area", "directory by stage", "shortlist",
                   "directory by access", "directory by language", "printable area list")


def page_file(site: Path, page_type: str) -> Path | None:
    """The representative built file of a page type, or None when the build has none."""
    exclude = NOT_OF_TYPE.get(page_type)
    matches = sorted(m for m in site.glob(PAGE_TYPES[page_type])
                     if not (exclude and exclude.match(m.relative_to(site).as_posix())))
    return matches[0] if matches else None


def page_path(site: Path, page_type: str) -> str:
    """The URL path of a page type's representative page ('/organisations/x/')."""
    found = page_file(site, page_type)
    assert found is not None, (
        f"the built site has no '{page_type}' page (nothing matches {PAGE_TYPES[page_type]}); "
        "if the page type was renamed or moved, update tests/support/page_kinds.py"
    )
    rel = found.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def url_path_of(site: Path, file: Path) -> str:
    rel = file.relative_to(site).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


@cache
def parse(file: Path):
    """An ElementTree of one built page (html5lib, no namespaces)."""
    return html5lib.parse(file.read_bytes(), namespaceHTMLElements=False)


def resolve(site: Path, page_url_path: str, href: str) -> tuple[Path | None, str] | None:
    """Where an internal href points in the output: (file or None, fragment).
    Returns None for external links and non-http schemes (mailto:, tel:, data:)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:  # "#fragment" or "?query" on this page
        target = page_url_path
    elif path.startswith("/"):
        target = path
    else:
        target = posixpath.join(posixpath.dirname(page_url_path) + "/", path)
    target = posixpath.normpath(target) + ("/" if target.endswith("/") and target != "/" else "")
    rel = target.lstrip("/")
    candidate = site / rel
    if target.endswith("/") or rel == "":
        candidate = site / rel / "index.html"
    elif candidate.is_dir():
        candidate = candidate / "index.html"
    return (candidate if candidate.is_file() else None), parts.fragment


def ids_in(file: Path) -> set[str]:
    return {el.get("id") for el in parse(file).iter() if isinstance(el.tag, str) and el.get("id")}


def services_json(site: Path) -> dict:
    """The directory's services.json as the build wrote it."""
    return json.loads((site / "directory" / "services.json").read_text("utf-8"))
