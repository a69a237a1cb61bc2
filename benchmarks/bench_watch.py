"""How long `c2c serve --watch` takes from saving a file to serving the changed page.

    .venv/bin/python benchmarks/bench_watch.py --size sample --edits 5
    .venv/bin/python benchmarks/bench_watch.py --size medium --edits 5

Starts `c2c serve --watch` on a copy of the sample content (or a synthetic registry of
`generate.py`'s size), waits for its first build, then, `--edits` times, changes one
service's summary and asks for that service's page over HTTP every 10 ms until it shows
the change. Prints each time from the save to the page served (the saved file's page is
shown before the rest of the site is built), and to the whole rebuild published (its
"Rebuilt in" line seen), their medians, and how many pages each rebuild rendered (from
C2C_EXPLAIN). Targets for the page served: within 1 s on the sample, within 2 s at the
medium size. The machine's load is printed before and after: on a
shared machine the times move with it.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import SIZES, write_registry  # noqa: E402

from c2c_registry.urls import Urls  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
BUILD_DATE = "2026-11-23"


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode()
    except OSError:
        return ""


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def measure(content: Path, service: str, work: Path, edits: int) -> list[tuple[float, float, int]]:
    port = free_port()
    log = work / "serve.log"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "C2C_EXPLAIN": "1",
           "C2C_PARSE_CACHE": str(work / "cache" / "parsed"), "C2C_IMAGE_CACHE": str(work / "cache" / "images")}
    proc = subprocess.Popen([PYTHON, "-m", "c2c_cli", "serve", "--watch", "--content", str(content), "--output",
                             str(work / "output"), "--port", str(port), "--build-date", BUILD_DATE,
                             "--settings", str(ROOT / "pelicanconf.py")],
                            cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/{Urls().service(service)}"
    path = content / "services" / f"{service}.yaml"
    original = path.read_text()
    results = []
    try:
        deadline = time.monotonic() + 1800
        while "Serving" not in log.read_text() or not fetch(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("c2c serve --watch did not start:\n" + log.read_text())
            time.sleep(0.2)
        for n in range(1, edits + 1):
            time.sleep(1.5)  # let the last rebuild's files settle
            marker = f"Edited for the benchmark, {n}."
            before = log.read_text()
            path.write_text(original.replace("summary: ", f"summary: {marker} ", 1))
            saved = time.perf_counter()
            while marker not in fetch(url):
                if time.perf_counter() - saved > 600:
                    raise SystemExit("the edit was never served:\n" + log.read_text()[-3000:])
                time.sleep(0.01)
            served = time.perf_counter() - saved
            while log.read_text().count("Rebuilt in") <= before.count("Rebuilt in"):
                time.sleep(0.01)
            published = time.perf_counter() - saved
            rendered = len(re.findall(r"^rendered /", log.read_text()[len(before):], re.M))
            results.append((served, published, rendered))
            print(f"  edit {n}: page served after {served:.2f} s, the whole rebuild published after {published:.2f} s, "
                  f"{rendered} pages rendered", flush=True)
    finally:
        path.write_text(original)
        proc.terminate()
        proc.wait(timeout=60)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=["sample", *SIZES], default="sample")
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument("--work", type=Path, help="folder for the content, output and caches (default: temporary)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="c2c-watch-") as tmp:
        work = args.work or Path(tmp)
        content = work / "content"
        shutil.rmtree(content, ignore_errors=True)
        if args.size == "sample":
            shutil.copytree(ROOT / "content", content)
            service = "canal-street-day-centre"
        else:
            write_registry(content, args.size)
            service = "service-1"
        print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start; {args.size} content",
              flush=True)
        results = measure(content, service, work, args.edits)
        for what, times in (("page served", [s for s, _, _ in results]),
                            ("whole rebuild published", [p for _, p, _ in results])):
            print(f"save to {what}: median {statistics.median(times):.2f} s, {min(times):.2f}-{max(times):.2f} s "
                  f"over {len(times)} edits")
        print(f"pages rendered per edit: {sorted({r for _, _, r in results})}")
        print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
