"""The service worker that keeps the directory usable without signal.

`sw.js` next to this module is the worker; the build writes it to the site root as
/sw.js with two constants put in front: the cache name and the files to keep. The cache
name carries the build date and a hash of those files, so a new build (even two on one
day) installs a new worker that fetches the new pages and drops the old cache.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

SOURCE = Path(__file__).with_name("sw.js")
ASSETS = ("theme/css/app.css", "theme/js/site.js", "theme/js/directory.js", "theme/js/directory-exit.js",
          "theme/js/directory-filters.js", "theme/js/directory-shortlist.js", "theme/vendor/qrcode.js")


def precache_list(output: Path) -> list[str]:
    """Site-relative URLs of every directory page, its data and its assets that exist
    in `output`, sorted so the worker (and so its bytes) is the same for the same site."""
    pages = sorted(p.parent.relative_to(output).as_posix() + "/"
                   for p in (output / "directory").rglob("index.html"))
    files = ["directory/services.json", *ASSETS]
    return pages + [f for f in files if (output / f).is_file()]


def cache_name(output: Path, urls: list[str], build_date: str) -> str:
    digest = hashlib.sha256()
    for url in urls:
        path = output / (url + "index.html" if url.endswith("/") else url)
        digest.update(url.encode() + b"\0" + path.read_bytes() + b"\0")
    return f"c2c-directory-{build_date}-{digest.hexdigest()[:10]}"


def service_worker(output: Path, build_date: str) -> str:
    urls = precache_list(output)
    header = (
        f"// Written by the c2c_directory plugin for the build of {build_date}; source: plugins/c2c_directory/sw.js\n"
        f"const CACHE = {json.dumps(cache_name(output, urls, build_date))};\n"
        f"const PRECACHE = {json.dumps(urls, indent=0)};\n"
    )
    return header + SOURCE.read_text(encoding="utf-8")
