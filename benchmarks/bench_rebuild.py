"""A rebuild after one changed file against a cold build and a full build with warm
caches, and the bytes the rebuild leaves against a full build's.

    .venv/bin/python benchmarks/bench_rebuild.py --size medium --runs 3

For one size of `generate.py`'s registries, each command its own process:

- cold build: `c2c build` into a folder that does not exist, every cache empty (the
  parse cache, the badge and logo images, the compiled templates);
- full build, caches warm: `c2c build` into a new folder, so every page is rendered;
- rebuild: one service's summary changed, `c2c build` into the same folder again
  (`--runs` times, a different change each time);
- then a full build of the changed content into another folder with nothing reused
  (C2C_INCREMENTAL=0), and the two folders compared file by file.

Prints the median and range of each, the peak memory of each process tree (from
wait4), how many pages each rebuild rendered, and the ratios the issue sets: a rebuild
at most 0.25 x the cold build and 0.5 x the full build with warm caches, with the same
bytes. `benchmarks/run.py` times the same cold build and rebuild beside vanilla Pelican.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import SIZES, write_registry  # noqa: E402
from run import BUILD_DATE, c2c, env, timed  # noqa: E402


def different_files(a: Path, b: Path) -> list[str]:
    """Files only in one folder, or with other bytes."""
    names = {str(p.relative_to(a)) for p in a.rglob("*") if p.is_file()}
    others = {str(p.relative_to(b)) for p in b.rglob("*") if p.is_file()}
    return sorted((names ^ others) | {n for n in names & others if not filecmp.cmp(a / n, b / n, shallow=False)})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=list(SIZES), default="medium")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, help="folder for the registry, outputs and caches (default: temporary)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="c2c-rebuild-") as tmp:
        work = args.work or Path(tmp)
        content, cache = work / "content", work / "cache"
        for folder in (content, cache, work / "site", work / "full", work / "check"):
            shutil.rmtree(folder, ignore_errors=True)
        for leftover in work.glob(".site-*"):
            shutil.rmtree(leftover) if leftover.is_dir() else leftover.unlink()
        write_registry(content, args.size)
        environ = {**env(cache), "C2C_EXPLAIN": "1"}

        def build(output: str, **extra: str) -> tuple[float, float, str]:
            return timed(c2c("build", "--content", str(content), "--output", str(work / output),
                             "--build-date", BUILD_DATE), {**environ, **extra})

        print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start", flush=True)
        cold = build("site")
        pages = int(re.search(r"Built (\d+) pages", cold[2]).group(1))
        full = build("full")
        changed = content / "services" / "service-1.yaml"
        original = changed.read_text()
        rebuilds = []
        for run in range(args.runs):
            changed.write_text(original.replace("summary: ", f"summary: Changed in run {run}. ", 1))
            seconds, peak, said = build("site")
            rebuilds.append((seconds, peak, len(re.findall(r"^rendered /", said, re.M))))
        build("check", C2C_INCREMENTAL="0")
        differ = different_files(work / "site", work / "check")

        times = [s for s, _, _ in rebuilds]
        rebuild = statistics.median(times)
        print(f"\n{args.size}: {'/'.join(str(n) for n in SIZES[args.size])} organisations/commitments/services, "
              f"{pages} pages")
        print(f"{'':26} {'median s':>9} {'min-max s':>13} {'peak MB':>8}")
        print(f"{'cold build':26} {cold[0]:9.2f} {'':>13} {cold[1]:8.0f}")
        print(f"{'full build, caches warm':26} {full[0]:9.2f} {'':>13} {full[1]:8.0f}")
        print(f"{'rebuild, one file changed':26} {rebuild:9.2f} {min(times):6.2f}-{max(times):<6.2f} "
              f"{max(p for _, p, _ in rebuilds):8.0f}")
        print(f"pages rendered by each rebuild: {[n for _, _, n in rebuilds]} of {pages}")
        print(f"rebuild / cold build:              {rebuild / cold[0]:.2f} (target <= 0.25)")
        print(f"rebuild / full build, caches warm: {rebuild / full[0]:.2f} (target <= 0.5)")
        print(f"bytes: {'the same as a full build' if not differ else f'{len(differ)} files differ: {differ[:5]}'}")
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
        changed.write_text(original)


if __name__ == "__main__":
    main()
