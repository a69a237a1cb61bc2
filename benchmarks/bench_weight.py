"""What a phone downloads on a first visit, against the page-weight budgets.

    .venv/bin/python benchmarks/bench_weight.py                    # the large synthetic registry
    .venv/bin/python benchmarks/bench_weight.py --content content  # any content folder
    .venv/bin/python benchmarks/bench_weight.py --site output      # a site already built

By default it writes the large synthetic registry (500 organisations, 1,000 commitments,
3,000 services, with `make_corpus.py`), builds it with `c2c build`, serves the output
over a real HTTP server and opens each page in headless Chromium with an empty cache.
The server counts every response it sends, as gzip bytes (what a server that
compresses sends a phone): HTML, CSS, JS and data the page fetches. The service
worker's first visit is /directory/ with the worker allowed, so it counts everything
the worker pre-caches on install. Last, the largest HTML file in the output, gzipped.

Before issue 17 (commit cdd150f, the large registry, KB gzip against the budget):
/directory/ 401.4 (100), largest service page 219.7 (40), /progress/ 222.1 (100),
/organisations/ 35.7, /pledges/ 33.0, largest stage page 131.0, theme 19.8, area 190.0,
sector 129.2 (100 each), the service worker's first visit 11,610 in 3,043 requests
(500), largest HTML file /progress/ 203.7 (100); 16 of 5,140 HTML files over 100 KB.
After paging the lists, service pages' own hours and the shell-only worker: service page
29.0, /progress/ 30.6, /organisations/ 22.3, /pledges/ 21.2, the worker's first visit
463.4 in 17 requests; /directory/ (401.7) and the stage, area and sector pages are next.
After paging the directory's results, its listings and the stage, theme, area and sector
pages, and the directory's compact split filter data (fetched only once a filter is on),
`PYTHONPATH=plugins .venv/bin/python benchmarks/bench_weight.py --site <the large build>`:
/directory/ 44.7 in 9 requests, largest service page 33.0, /progress/ 32.2, largest
stage page 25.0, theme 21.0, area 23.3, sector 23.3, the worker's first visit 300.7 in
22 requests, largest HTML file 20.5 (an area's printable list); 0 of 8,533 HTML files
over 100 KB. `benchmarks/check_filters.py` checks that one area and "open now" show the
same services as the build says on the large registry.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import shlex
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import write_corpus  # noqa: E402

from c2c_registry.rules.names import RESERVED_SERVICE_SLUGS  # noqa: E402
from c2c_registry.urls import DIMENSIONS, Urls, save_as  # noqa: E402

BUILD_DATE = "2026-11-23"
CHROMIUM = "/usr/bin/chromium"
KB = 1024
BUDGETS = {  # gzip KB, from issue 17 (listing: issue 27)
    "directory": 100, "service": 40, "progress": 100, "term": 100, "sw": 500, "html": 100, "index": 100,
    "listing": 100,
}


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


class _Counting(http.server.SimpleHTTPRequestHandler):
    """Serves the site and notes the gzip size of every body it sends."""

    def copyfile(self, source, outputfile) -> None:
        data = source.read()
        with self.server.lock:  # type: ignore[attr-defined]
            self.server.sent.append((self.path, gzip_size(data)))  # type: ignore[attr-defined]
        outputfile.write(data)

    def log_message(self, *args) -> None:
        pass


class Server:
    def __init__(self, site: Path):
        handler = functools.partial(_Counting, directory=str(site))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.sent = []  # type: ignore[attr-defined]
        self.httpd.lock = threading.Lock()  # type: ignore[attr-defined]
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def take(self) -> list[tuple[str, int]]:
        with self.httpd.lock:  # type: ignore[attr-defined]
            sent, self.httpd.sent = self.httpd.sent, []  # type: ignore[attr-defined]
        return sent


@dataclass
class Row:
    name: str
    url: str
    budget: str
    gzip_bytes: int
    requests: int


def first_visit(browser, server: Server, url: str, worker: bool = False) -> tuple[int, int]:
    """(gzip bytes, responses) sent for one visit with an empty cache."""
    context = browser.new_context(service_workers="allow" if worker else "block", viewport={"width": 360, "height": 740})
    try:
        server.take()
        page = context.new_page()
        page.goto(server.base + url, wait_until="load", timeout=120_000)
        if worker:
            page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=600_000)
        page.wait_for_load_state("networkidle", timeout=120_000)
        sent = server.take()
    finally:
        context.close()
    return sum(size for _, size in sent), len(sent)


def html_sizes(site: Path) -> dict[str, int]:
    """gzip bytes of every HTML file, by site-relative URL."""
    sizes = {}
    for path in site.rglob("*.html"):
        rel = path.relative_to(site).as_posix()
        sizes[rel[: -len("index.html")] if rel.endswith("index.html") else rel] = gzip_size(path.read_bytes())
    return sizes


def pages_to_measure(site: Path, sizes: dict[str, int]) -> list[tuple[str, str, str]]:
    """(name, url, budget key): the directory, its largest service page, progress, and
    the largest page of each cut."""
    urls = Urls()
    prefix = urls.directory()
    services = [u for u in sizes if u.startswith(prefix) and u.count("/") == 2
                and u[len(prefix):].split("/")[0] not in RESERVED_SERVICE_SLUGS]
    chosen = [("/directory/", urls.directory(), "directory")]
    if services:
        chosen.append(("largest service page", max(services, key=sizes.__getitem__), "service"))
    chosen.append(("/progress/", urls.progress(), "progress"))
    chosen.append(("/organisations/", urls.organisations(), "index"))
    chosen.append(("/pledges/", urls.commitments(), "index"))
    for dimension in DIMENSIONS:
        top = urls.dimension(dimension)
        terms = [u for u in sizes if u.startswith(top) and u.count("/") == 2]
        if terms:
            chosen.append((f"largest {dimension[:-1]} page", max(terms, key=sizes.__getitem__), "term"))
    # The directory's listings: each kind's largest first page and largest later page;
    # then the largest printable list.
    prints = []
    for kind, url_of in (("area", urls.directory_area), ("stage", urls.directory_stage),
                         ("access", urls.directory_access), ("language", urls.directory_language)):
        prefix = url_of("x")[: -len("x/")]
        first, later = [], []
        for u in sizes:
            if not u.startswith(prefix):
                continue
            term = u[len(prefix):].split("/")[0]
            if u.startswith(urls.directory_print(term)):
                prints.append(u)
            elif u == url_of(term):
                first.append(u)
            elif u.startswith(urls.paged(url_of(term), 2)[: -len("2/")]):
                later.append(u)
        for name, found in ((f"largest {kind} listing", first), (f"largest {kind} listing, page 2+", later)):
            if found:
                chosen.append((name, max(found, key=sizes.__getitem__), "listing"))
    if prints:
        chosen.append(("largest printable list", max(prints, key=sizes.__getitem__), "listing"))
    return [c for c in chosen if (site / save_as(c[1])).is_file()]


def measure(site: Path) -> tuple[list[Row], dict[str, int]]:
    from playwright.sync_api import sync_playwright

    sizes = html_sizes(site)
    server = Server(site)
    rows = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--no-first-run",
                                              "--disable-background-networking", "--disable-component-update"])
            for name, url, budget in pages_to_measure(site, sizes):
                total, count = first_visit(browser, server, url)
                rows.append(Row(name, "/" + url, budget, total, count))
            if (site / Urls().service_worker()).is_file():
                total, count = first_visit(browser, server, Urls().directory(), worker=True)
                rows.append(Row("service worker's first visit", "/" + Urls().directory(), "sw", total, count))
            browser.close()
    finally:
        server.httpd.shutdown()
    return rows, sizes


def report(rows: list[Row], sizes: dict[str, int], command: str) -> bool:
    print(f"$ {command}\n")
    print(f"{'what':<30} {'url':<46} {'requests':>8} {'KB gzip':>9} {'budget':>7}  ok")
    ok = True
    for row in rows:
        budget = BUDGETS[row.budget]
        fits = row.gzip_bytes <= budget * KB
        ok &= fits
        print(f"{row.name:<30} {row.url[:46]:<46} {row.requests:>8} {row.gzip_bytes / KB:>9.1f} {budget:>7}  "
              f"{'yes' if fits else 'NO'}")
    largest = max(sizes, key=sizes.__getitem__)
    over = sum(1 for s in sizes.values() if s > BUDGETS["html"] * KB)
    fits = sizes[largest] <= BUDGETS["html"] * KB
    ok &= fits
    print(f"{'largest HTML file':<30} {('/' + largest)[:46]:<46} {'':>8} {sizes[largest] / KB:>9.1f} "
          f"{BUDGETS['html']:>7}  {'yes' if fits else 'NO'}")
    print(f"\n{len(sizes)} HTML files; {over} over {BUDGETS['html']} KB gzip. KB = 1,024 bytes, gzip level 6.")
    return ok


def build(content: Path, output: Path) -> None:
    result = subprocess.run([str(ROOT / ".venv/bin/c2c"), "build", "--content", str(content), "--output",
                             str(output), "--build-date", BUILD_DATE, "--settings", str(ROOT / "pelicanconf.py")],
                            cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(result.stdout + result.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--content", type=Path, help="build this content folder instead of the synthetic one")
    source.add_argument("--site", type=Path, help="measure a site already built")
    parser.add_argument("--organisations", type=int, default=500)
    parser.add_argument("--commitments", type=int, default=2, help="per organisation")
    parser.add_argument("--services", type=int, default=6, help="per organisation")
    parser.add_argument("--work", type=Path, help="keep the corpus and output here (default: a temporary folder)")
    args = parser.parse_args()
    command = "PYTHONPATH=plugins .venv/bin/python benchmarks/bench_weight.py " + shlex.join(sys.argv[1:])
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        site = args.site
        if site is None:
            content = args.content
            if content is None:
                content = work / "content"
                write_corpus(content, args.organisations, commitments=args.commitments, services=args.services)
            site = work / "output"
            build(content, site)
        rows, sizes = measure(site)
    sys.exit(0 if report(rows, sizes, command.strip()) else 1)


if __name__ == "__main__":
    main()
