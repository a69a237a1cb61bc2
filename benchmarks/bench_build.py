"""Time validation and a full build over synthetic corpora and print the figures.

    .venv/bin/python benchmarks/bench_build.py --sizes 100 1000

Prints, per size: files, validate seconds (load_registry: read, parse, schema, checks),
build seconds (`c2c build`, including validation), pages written and output size.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import write_corpus  # noqa: E402

from c2c_registry.registry import load_registry  # noqa: E402


def measure(size: int, work: Path) -> dict[str, float]:
    content = work / f"c{size}" / "content"
    write_corpus(content, size)
    files = sum(1 for p in content.rglob("*") if p.is_file())
    start = time.perf_counter()
    registry, problems = load_registry(content)
    validate_s = time.perf_counter() - start
    assert not problems, problems[:3]
    out = work / f"c{size}" / "output"
    start = time.perf_counter()
    result = subprocess.run([str(ROOT / ".venv/bin/c2c"), "build", "--content", str(content), "--output",
                             str(out), "--build-date", "2026-11-23", "--settings", str(ROOT / "pelicanconf.py")],
                            cwd=ROOT, capture_output=True, text=True)
    build_s = time.perf_counter() - start
    assert result.returncode == 0, result.stdout + result.stderr
    pages = sum(1 for _ in out.rglob("*.html"))
    size_mb = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
    return {"files": files, "validate_s": validate_s, "build_s": build_s, "pages": pages, "output_mb": size_mb}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    args = parser.parse_args()
    print(f"{'orgs':>6} {'files':>6} {'validate s':>11} {'files/s':>8} {'build s':>8} {'pages':>6} {'output MB':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            m = measure(size, Path(tmp))
            print(f"{size:>6} {m['files']:>6} {m['validate_s']:>11.2f} {m['files'] / m['validate_s']:>8.0f} "
                  f"{m['build_s']:>8.2f} {m['pages']:>6} {m['output_mb']:>10.1f}")


if __name__ == "__main__":
    main()
