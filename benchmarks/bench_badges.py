"""What badges and logos cost a build: with an empty image cache, with a full one, and
after one organisation changed.

    .venv/bin/python benchmarks/bench_badges.py --organisations 100

Prints the three `c2c build` times and the drawing cost per organisation (empty cache
minus full cache, divided by the organisations: each has a web PNG, a print PNG and an
SVG). Every organisation of the synthetic corpus (benchmarks/make_corpus.py) is awarded.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import write_corpus  # noqa: E402


def build(content: Path, output: Path, cache: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run([str(ROOT / ".venv/bin/c2c"), "build", "--content", str(content), "--output", str(output),
                             "--build-date", "2026-11-23", "--settings", str(ROOT / "pelicanconf.py")],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "C2C_IMAGE_CACHE": str(cache)})
    assert result.returncode == 0, result.stdout + result.stderr
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=100)
    args = parser.parse_args()
    n = args.organisations
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        content = work / "content"
        write_corpus(content, n)
        cold = build(content, work / "out", work / "cache")
        warm = build(content, work / "out", work / "cache")
        org = content / "organisations" / "org-0.yaml"
        org.write_text(org.read_text().replace("Synthetic Organisation 0", "Renamed Organisation 0"))
        one = build(content, work / "out", work / "cache")
    print(f"{n} organisations: empty cache {cold:.2f} s, full cache {warm:.2f} s, one changed {one:.2f} s; "
          f"drawing {(cold - warm) / n * 1000:.0f} ms per organisation")


if __name__ == "__main__":
    main()
