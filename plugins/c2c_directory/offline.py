"""The service worker that keeps the directory usable without signal, and light.

On install it keeps only the shell: the theme files the directory needs, the directory's
first page and its data, the shortlist page and (when the site has search, c2c_search,
which writes its files first) the search page with what a search of services needs.
These are taken in that order while they fit in `C2C_OFFLINE_BUDGET_KB` (gzip bytes, what
a phone downloads), so a large registry never makes a first visit download megabytes.
Every other page is kept as it is visited, up to `C2C_OFFLINE_VISITED_LIMIT` addresses
(the least recently kept go first), or when the shortlist's "save for offline" asks for
it (service-worker.js).

`service-worker.js` next to this module is the worker; the build writes it where the
URL map says (the site root, so its scope can cover the directory) with its constants
put in front. The cache name carries the build date and a hash of the shell, so a new
build (even two on one day) installs a new worker that fetches the new shell and drops
the old one.

Why not Workbox (`workbox-build`)? It would make Node a dependency of every build (today
only `make install` needs it), add its runtime (tens of KB) to a first visit or a
third-party request, and still need our own code for the budgeted shell and the
shortlist's message; the strategies it would give (network first, stale while
revalidate, precache with clean-up) are the few lines below.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable
from pathlib import Path

from c2c_registry.urls import Urls, save_as
from c2c_views.views import SiteViews
from c2c_views.writing import FileWrite

SOURCE = Path(__file__).with_name("service-worker.js")
ASSETS = ("css/app.css", "js/site.js", "js/directory.js", "js/quick-exit.js",
          "js/directory-filters.js", "js/directory-phone.js", "js/directory-shortlist.js", "js/directory-report.js", "vendor/qrcode.js",
          "js/search.js", "js/search-stem.js", "js/search-core.js", "js/search-index.js", "js/search-directory.js",
          "images/favicon.svg")  # in the theme
VISITED = "c2c-visited"  # pages kept as they are visited: one cache, refreshed on each visit
SAVED = "c2c-saved"  # services saved for offline use from the shortlist


Site = Path | Callable[[str], Path]  # the built site: its folder, or where each address's file is


def _file(site: Site, url: str) -> Path:
    return site / save_as(url) if isinstance(site, Path) else site(url)


def shell_candidates(site: Site, urls: Urls) -> list[str]:
    """What the worker would keep on install, most needed first: the assets, the
    directory's first page and its compact filter data, the shortlist's data and page,
    the directory's search, then the cards the filters show (directory order)."""
    chunks = 0
    while _file(site, urls.directory_cards(chunks + 1)).is_file():
        chunks += 1
    searching = search_files(site, urls)  # the search box's engine; without it, the box reads text-all
    wanted = [*(urls.theme(a) for a in ASSETS), urls.directory(), urls.directory_data("filters", "all"),
              *([] if searching else [urls.directory_data("text", "all")]), urls.services_json(), urls.shortlist(),
              *searching, *(urls.directory_cards(n) for n in range(1, chunks + 1))]
    return [f for f in dict.fromkeys(wanted) if _file(site, f).is_file()]


def precache_list(site: Site, urls: Urls, budget_kb: int) -> list[str]:
    """The shell: candidates in order while their gzip bytes fit in the budget; one
    that does not fit is left for the visit (a later, smaller one may still fit)."""
    chosen, used = [], 0
    for url in shell_candidates(site, urls):
        size = len(gzip.compress(_file(site, url).read_bytes(), compresslevel=6, mtime=0))
        if used + size <= budget_kb * 1024:
            chosen.append(url)
            used += size
    return chosen


def search_files(site: Site, urls: Urls) -> list[str]:
    """What the directory's search needs without signal (the search page, its manifest
    and the services' files), as the search's manifest lists them; none without search."""
    manifest = _file(site, urls.search_manifest())
    return json.loads(manifest.read_text("utf-8"))["offline"] if manifest.is_file() else []


def cache_name(site: Site, precache: list[str], build_date: str) -> str:
    digest = hashlib.sha256()
    for url in precache:
        digest.update(url.encode() + b"\0" + _file(site, url).read_bytes() + b"\0")
    return f"c2c-directory-{build_date}-{digest.hexdigest()[:10]}"


def service_worker(site: Site, urls: Urls, build_date: str, budget_kb: int, visited_limit: int) -> str:
    precache = precache_list(site, urls, budget_kb)
    header = (
        f"// Written by the c2c_directory plugin for the build of {build_date}; source: plugins/c2c_directory/service-worker.js\n"
        f"const CACHE = {json.dumps(cache_name(site, precache, build_date))};\n"
        f"const VISITED = {json.dumps(VISITED)};\n"
        f"const SAVED = {json.dumps(SAVED)};\n"
        f"const VISITED_LIMIT = {int(visited_limit)};\n"
        f"const PRECACHE = {json.dumps(precache, indent=0)};\n"
        f"const FALLBACK_PATH = {json.dumps(urls.directory())};\n"
        f"const THEME_PATH = {json.dumps(urls.theme(''))};\n"
    )
    return header + SOURCE.read_text(encoding="utf-8")


def write_service_worker(write: FileWrite, site: Site, views: SiteViews, budget_kb: int, visited_limit: int) -> None:
    """Written last, once every file it may keep is in the site (`site`: where each
    address's file is, a page unchanged since the last build in the published folder)."""
    worker = service_worker(site, views.urls, views.today.isoformat(), budget_kb, visited_limit)
    write(views.urls.service_worker(), worker.encode("utf-8"))
