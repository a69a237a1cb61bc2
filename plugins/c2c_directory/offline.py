"""The service worker that keeps the directory usable without signal.

It keeps every directory page and, when the site has search (c2c_search, which writes
its files first), the search page with what the directory's search needs, so a search
of services works offline too; the worker's scope is the whole site for that reason.

`service-worker.js` next to this module is the worker; the build writes it where the
URL map says (the site root, so its scope can cover the directory) with three constants
put in front: the cache name, the files to keep and the page to fall back to. The cache
name carries the build date and a hash of those files, so a new build (even two on one
day) installs a new worker that fetches the new pages and drops the old cache.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from c2c_registry.urls import Urls, save_as

SOURCE = Path(__file__).with_name("service-worker.js")
ASSETS = ("css/app.css", "js/site.js", "js/directory.js", "js/directory-exit.js",
          "js/directory-filters.js", "js/directory-shortlist.js", "js/directory-report.js", "vendor/qrcode.js",
          "js/search.js", "js/search-core.js", "vendor/lunr.js", "images/favicon.svg")  # in the theme


def precache_list(output: Path, urls: Urls) -> list[str]:
    """Site-relative URLs of every directory page, its data and its assets that exist
    in `output`, sorted so the worker (and so its bytes) is the same for the same site."""
    folder = output / save_as(urls.directory())
    pages = sorted(p.parent.relative_to(output).as_posix() + "/" for p in folder.parent.rglob("index.html"))
    files = [urls.services_json(), *search_files(output, urls), *(urls.theme(a) for a in ASSETS)]
    return pages + [f for f in files if (output / save_as(f)).is_file()]


def search_files(output: Path, urls: Urls) -> list[str]:
    """What the directory's search needs without signal (the search page, its manifest
    and the service shards), as the search's manifest lists them; none without search."""
    manifest = output / save_as(urls.search_manifest())
    return json.loads(manifest.read_text("utf-8"))["offline"] if manifest.is_file() else []


def cache_name(output: Path, precache: list[str], build_date: str) -> str:
    digest = hashlib.sha256()
    for url in precache:
        digest.update(url.encode() + b"\0" + (output / save_as(url)).read_bytes() + b"\0")
    return f"c2c-directory-{build_date}-{digest.hexdigest()[:10]}"


def service_worker(output: Path, urls: Urls, build_date: str) -> str:
    precache = precache_list(output, urls)
    header = (
        f"// Written by the c2c_directory plugin for the build of {build_date}; source: plugins/c2c_directory/service-worker.js\n"
        f"const CACHE = {json.dumps(cache_name(output, precache, build_date))};\n"
        f"const PRECACHE = {json.dumps(precache, indent=0)};\n"
        f"const FALLBACK_PATH = {json.dumps(urls.directory())};\n"
    )
    return header + SOURCE.read_text(encoding="utf-8")
