"""Measure the search against its budgets on a synthetic registry and print the figures.

    .venv/bin/python benchmarks/bench_search.py                      # generate.py's large registry
    .venv/bin/python benchmarks/bench_search.py --corpus pagefind    # the 41,500-document registry Pagefind was measured on
    .venv/bin/python benchmarks/bench_search.py --size small         # a quick look

Budgets (issue 28), for every query of a fixed set (common and rare words, phrases, a
typo, a language): the first query on a cold page downloads at most 250 KB (what
travels: gzip bodies and headers, the page, its styles and scripts included) and shows
its results within 1 s on a 10 Mbit/s line with 40 ms latency (Chromium's own
throttling, CDP `Network.emulateNetworkConditions`); building the index stays far below
Pagefind's 15-25 s and 1.5-2.3 GB. Prints:
- the registry and the search files, raw and gzip bytes, by kind;
- building every search file from the views, in its own process: seconds and the
  process's peak memory (reading the registry and the views included);
- per query, in headless Chromium on the built site served with gzip: bytes and time
  to results for the query on a cold page (the page opened at /search/?q=...), then for
  a second query typed into the same page.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import mimetypes
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

BUILD_DATE = "2026-11-23"
# Common and rare words, phrases, a place, a typo and a language. Each is also typed as
# the second query after the one before it in the list.
QUERIES = ["night shelter", "young people", "tenancy", "debt advice", "hospital discharge",
           "night shelter coventry", "care leavers", "sheltr", "eviction notice", "organisation 134",
           "polski", "food bank"]
BUDGET_BYTES = 250 * 1024
BUDGET_MS = 1000
THROTTLE = {"offline": False, "latency": 40, "downloadThroughput": 10_000_000 / 8,
            "uploadThroughput": 10_000_000 / 8}
PAGEFIND = ["--organisations", "500", "--commitments", "2", "--pledges", "10", "--actions", "15",
            "--discussion", "12", "--services", "6", "--extra-words", "6000"]
INDEX_ONLY = """
import json, resource, sys, time
from pathlib import Path
from c2c_registry.load.registry import load_registry
from c2c_registry.settings import check_settings
from c2c_search import build_files, load_glossary
from c2c_views import build_views
registry, problems = load_registry(Path(sys.argv[1]))
settings = {"C2C_BUILD_DATE": sys.argv[2], "SITEURL": ""}
check_settings(settings)
views = build_views(registry, settings)
start, cpu = time.perf_counter(), time.process_time()
files = build_files(views, load_glossary())
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu, "files": len(files),
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def env() -> dict[str, str]:
    import os
    return {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}


def write_content(corpus: str, size: str, content: Path) -> str:
    if corpus == "pagefind":
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "make_corpus.py"), *PAGEFIND, "--out", str(content)],
                       check=True, capture_output=True)
        return "make_corpus.py " + " ".join(PAGEFIND)
    from generate import write_registry
    counts = write_registry(content, size)
    return (f"generate.py --size {size}: {counts['organisations']} organisations, {counts['commitments']} "
            f"commitments, {counts['services']} services")


def build(content: Path, out: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "c2c_cli", "build", "--content", str(content), "--output", str(out),
                             "--build-date", BUILD_DATE, "--settings", str(ROOT / "pelicanconf.py")],
                            cwd=ROOT, capture_output=True, text=True, env=env())
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    return time.perf_counter() - start


def index_alone(content: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", INDEX_ONLY, str(content), BUILD_DATE],
                            cwd=ROOT, capture_output=True, text=True, env=env(), check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def file_kinds(out: Path) -> dict[str, list[int]]:
    """Kind of search file -> [files, raw bytes, gzip bytes, largest gzip]."""
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for path in (out / "search").rglob("*.json"):
        rel = path.relative_to(out / "search").parts
        name = rel[-1]
        kind = ("manifest" if name == "manifest.json" else f"{rel[1]} terms" if name.startswith("t")
                else f"{rel[1]} vocabularies" if name.startswith("v") else f"{rel[1]} glossary lists"
                if name.startswith("g") else "rows" if name[0] == "r" else name.removesuffix(".json"))
        raw = path.read_bytes()
        packed = len(gzip.compress(raw, compresslevel=6, mtime=0))
        entry = kinds[kind]
        entry[0] += 1
        entry[1] += len(raw)
        entry[2] += packed
        entry[3] = max(entry[3], packed)
    return dict(kinds)


class Gzipped(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host does: gzip for text, keep-alive connections."""

    protocol_version = "HTTP/1.1"
    packed: dict[str, bytes] = {}
    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")

    def log_message(self, *args):
        pass

    def do_GET(self):  # noqa: N802 (http.server's name)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        zipped = "gzip" in self.headers.get("Accept-Encoding", "") and path.suffix in self.TEXT
        if zipped:
            key = str(path)
            if key not in self.packed:
                self.packed[key] = gzip.compress(body, compresslevel=6, mtime=0)
            body = self.packed[key]
        self.send_response(200)
        self.send_header("Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


ANSWERED = "() => performance.getEntriesByName('c2c-search-answered').length > {n}"


def measure(out: Path, queries: list[str], repeat: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Gzipped, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        for n, q in enumerate(queries):
            second = queries[(n + 1) % len(queries)]
            runs = []
            for _ in range(repeat):
                context = browser.new_context(service_workers="block", locale="en-GB", timezone_id="Europe/London")
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.emulateNetworkConditions", THROTTLE)
                received: dict[str, float] = {}
                urls: dict[str, str] = {}
                cdp.on("Network.requestWillBeSent", lambda e, urls=urls: urls.__setitem__(e["requestId"],
                                                                                           e["request"]["url"]))
                cdp.on("Network.loadingFinished", lambda e, received=received: received.__setitem__(
                    e["requestId"], e["encodedDataLength"]))
                page.goto(f"{base}/search/?q={q.replace(' ', '+')}")
                page.wait_for_function(ANSWERED.format(n=0), timeout=60_000)
                first_ms = page.evaluate("performance.getEntriesByName('c2c-search-answered')[0].startTime")
                status = page.locator(".js-search-status").inner_text()
                page.wait_for_timeout(300)  # anything still arriving (facet counts' tables) is counted too
                first_bytes, first_files = sum(received.values()), len(received)
                before = set(received)
                page.fill("#search-q", second)
                started = page.evaluate("performance.now()")
                page.press("#search-q", "Enter")
                page.wait_for_function(ANSWERED.format(n=1), timeout=60_000)
                second_ms = page.evaluate("performance.getEntriesByName('c2c-search-answered')[1].startTime") - started
                page.wait_for_timeout(300)
                added = set(received) - before
                runs.append({"q": q, "second": second, "first_bytes": first_bytes, "first_files": first_files,
                             "first_ms": first_ms, "second_bytes": sum(received[r] for r in added),
                             "second_files": len(added), "second_ms": second_ms, "status": status,
                             "index_bytes": sum(v for r, v in received.items()
                                                if r in urls and "/search/" in urls[r] and urls[r].endswith(".json")
                                                and r not in added)})
                context.close()
            rows.append(min(runs, key=lambda r: r["first_ms"]) | {"all_ms": [r["first_ms"] for r in runs]})
        browser.close()
    server.shutdown()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", choices=("generate", "pagefind"), default="generate",
                        help="generate.py's registry, or make_corpus.py's as Pagefind was measured on")
    parser.add_argument("--size", default="large", help="generate.py's size: small, medium or large")
    parser.add_argument("--keep", type=Path, help="keep the registry and the built site here (reused if there)")
    parser.add_argument("--repeat", type=int, default=3, help="cold runs of each query; the fastest is shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        content, out = work / "content", work / "output"
        if content.is_dir() and (out / "search" / "manifest.json").is_file():
            print(f"registry and site reused from {work}")
            built = None
        else:
            print(f"registry: {write_content(args.corpus, args.size, content)}")
            built = build(content, out)
        indexed = index_alone(content)
        manifest = json.loads((out / "search" / "manifest.json").read_text("utf-8"))
        documents = sum(k[4] for k in manifest["kinds"])
        print(f"documents indexed: {documents:,}" + (f"; c2c build {built:.1f} s" if built else ""))
        print(f"building every search file alone: {indexed['seconds']:.2f} s ({indexed['cpu']:.2f} s CPU), "
              f"{indexed['files']:,} files; peak memory of that process {indexed['peak_mb']:.0f} MB "
              "(reading the registry and the views included)")
        print(f"\n{'search files':<22} {'files':>6} {'raw bytes':>12} {'gzip bytes':>12} {'largest gzip':>13}")
        for kind, (files, raw, packed, largest) in sorted(file_kinds(out).items()):
            print(f"{kind:<22} {files:>6,} {raw:>12,} {packed:>12,} {largest:>13,}")
        queries = list(QUERIES)
        if args.corpus == "pagefind":  # and one of its rarer made-up words
            from make_corpus import made_up_words
            queries = [*QUERIES, made_up_words(6000)[0]]
        rows = measure(out, queries, args.repeat)
        print("\nthrottled: 10 Mbit/s, 40 ms latency; cold page, service worker blocked; bytes as they travel "
              "(gzip bodies and headers)")
        print(f"{'first query':<24} {'KB':>7} {'files':>5} {'index KB':>8} {'ms':>6}   "
              f"{'then':<24} {'KB':>6} {'files':>5} {'ms':>5}   results")
        worst_bytes = worst_ms = 0.0
        for r in rows:
            worst_bytes, worst_ms = max(worst_bytes, r["first_bytes"]), max(worst_ms, r["first_ms"])
            print(f"{r['q']:<24} {r['first_bytes'] / 1024:>7.1f} {r['first_files']:>5} {r['index_bytes'] / 1024:>8.1f} "
                  f"{r['first_ms']:>6.0f}   {r['second']:<24} {r['second_bytes'] / 1024:>6.1f} {r['second_files']:>5} "
                  f"{r['second_ms']:>5.0f}   {r['status']}")
        print(f"\nworst first query: {worst_bytes / 1024:.1f} KB (budget {BUDGET_BYTES / 1024:.0f} KB) "
              f"{'met' if worst_bytes <= BUDGET_BYTES else 'MISSED'}; {worst_ms:.0f} ms to results "
              f"(budget {BUDGET_MS} ms) {'met' if worst_ms <= BUDGET_MS else 'MISSED'}")


if __name__ == "__main__":
    main()
