"""Time a cold build, a warm build and a rebuild at each size against vanilla Pelican.

    .venv/bin/python benchmarks/run.py --size medium --size large --runs 3

Per size (benchmarks/generate.py), each measured `--runs` times in this one run, on this
machine, each command as its own process, reporting the median wall time and its range,
the median processor time (user and system, the build's forked workers included: less
moved by other work on a shared machine than the wall time) and the peak memory of the
command's whole process tree:

- cold build: `c2c build` into an empty output folder with empty caches (parse cache,
  badge and logo images, prepared font), as a CI or publish run without a kept cache;
- warm build: `c2c build` into an empty output folder with the caches the cold build
  left, as a publish run that restored them;
- rebuild: `c2c build` again after one service file changed, output and caches kept, as
  `c2c serve --watch` does on a save;
- vanilla: Pelican 4.12 with its default theme on as many plain Markdown articles as
  the cold build wrote HTML pages, about as long as a commitment's text;
- validate: `c2c validate` of the whole registry after the rebuild (parse cache warm).

The machine is shared with other work, so the load average is printed at the start and
the end, and each median with its range: repeat a noisy run.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import SIZES, Text, write_registry  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
BUILD_DATE = "2026-11-23"
ROWS = ("cold build", "warm build", "rebuild", "vanilla", "validate")
VANILLA_SETTINGS = """
AUTHOR = "Bench"
SITENAME = "Vanilla"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = 10
"""
SAMPLE_EVERY = 0.05  # seconds between two readings of the process tree's memory

CODE = ROOT  # the project folder whose plugins and settings are measured (--code)


def env(cache: Path) -> dict[str, str]:
    """The environment of every measured command: the measured plugins, caches in `cache`."""
    return {**os.environ, "PYTHONPATH": str(CODE / "plugins"), "C2C_PARSE_CACHE": str(cache / "parsed"),
            "C2C_IMAGE_CACHE": str(cache / "images")}


def _children() -> dict[int, list[int]]:
    """Every process's children, from /proc."""
    tree: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        tree.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    return tree


def _memory(pid: int) -> int:
    """The process's proportional set size in kB: its resident pages, each page shared
    with other processes (a forked worker and its parent) counted in proportion."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_memory(root: int) -> int:
    """kB of memory the process and all its descendants hold now."""
    tree, total, todo = _children(), 0, [root]
    while todo:
        pid = todo.pop()
        total += _memory(pid)
        todo += tree.get(pid, [])
    return total


def timed(cmd: list[str], environ: dict[str, str], cwd: Path | None = None) -> tuple[float, float, float]:
    """(wall seconds, processor seconds, peak MB) of one command and the processes it
    started; stops on a failure."""
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd or CODE, env=environ, stdout=out, stderr=subprocess.STDOUT)
        peak = [0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(SAMPLE_EVERY):
                peak[0] = max(peak[0], tree_memory(proc.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            out.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out.read().decode()}")
    # ru_maxrss (kB): the largest single process, in case it peaked between two samples
    return seconds, usage.ru_utime + usage.ru_stime, max(peak[0], usage.ru_maxrss) / 1024


def c2c(*args: str) -> list[str]:
    return [PYTHON, "-m", "c2c_cli", *args]


def vanilla_corpus(folder: Path, pages: int) -> None:
    """`pages` plain Markdown articles of about a commitment's length."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    t = Text(7)
    for i in range(pages):
        (folder / f"article-{i}.md").write_text(
            f"Title: Article {i} {t.words(4)}\nDate: 2026-{1 + i % 12:02d}-{1 + i % 28:02d}\n"
            f"Category: {t.rng.choice(('housing', 'health', 'advice'))}\nTags: {t.words(1)}, {t.words(1)}\n\n"
            f"{t.paragraphs(5)}\n")


def measure(size: str, work: Path, runs: int) -> tuple[dict[str, list[tuple[float, float, float]]], int]:
    content, output, cache = work / size / "content", work / size / "output", work / size / "cache"
    write_registry(content, size)
    results: dict[str, list[tuple[float, float, float]]] = {row: [] for row in ROWS}
    changed = content / "services" / "service-1.yaml"
    original = changed.read_text()
    build = c2c("build", "--content", str(content), "--output", str(output), "--build-date", BUILD_DATE)
    pages = 0
    for run in range(runs):
        shutil.rmtree(output, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        results["cold build"].append(timed(build, env(cache)))
        pages = sum(1 for _ in output.rglob("*.html"))
        shutil.rmtree(output)
        results["warm build"].append(timed(build, env(cache)))
        changed.write_text(original.replace("summary: ", f"summary: Changed in run {run}. ", 1))
        results["rebuild"].append(timed(build, env(cache)))
        results["validate"].append(timed(c2c("validate", "--content", str(content)), env(cache)))
        changed.write_text(original)
    vanilla = work / size / "vanilla"
    vanilla_corpus(vanilla / "content", pages)
    settings = vanilla / "pelicanconf.py"
    settings.write_text(VANILLA_SETTINGS)
    for _ in range(runs):
        shutil.rmtree(vanilla / "output", ignore_errors=True)
        cmd = [str(ROOT / ".venv" / "bin" / "pelican"), str(vanilla / "content"), "-o", str(vanilla / "output"),
               "-s", str(settings), "-q"]
        results["vanilla"].append(timed(cmd, {**os.environ, "PYTHONPATH": ""}, cwd=vanilla))
    return results, pages


def summary(size: str, results: dict[str, list[tuple[float, float, float]]], pages: int) -> str:
    med = {row: statistics.median(s for s, _, _ in results[row]) for row in ROWS}
    cpu = {row: statistics.median(c for _, c, _ in results[row]) for row in ROWS}
    peak = {row: max(p for _, _, p in results[row]) for row in ROWS}
    lines = [f"\n{size}: {'/'.join(str(n) for n in SIZES[size])} organisations/commitments/services, "
             f"{pages} HTML pages, {len(results['cold build'])} runs each",
             f"{'':12} {'median s':>9} {'min-max s':>15} {'cpu s':>7} {'peak MB':>8}"]
    for row in ROWS:
        times = [s for s, _, _ in results[row]]
        lines.append(f"{row:12} {med[row]:9.2f} {min(times):7.2f}-{max(times):<7.2f} {cpu[row]:7.1f} {peak[row]:8.0f}")
    lines += [
        f"cold build / vanilla:  {med['cold build'] / med['vanilla']:.2f} (target <= 1.0, then 0.5)",
        f"warm build / vanilla:  {med['warm build'] / med['vanilla']:.2f}",
        f"rebuild / cold build:  {med['rebuild'] / med['cold build']:.2f} (target <= 0.25)",
        f"rebuild / warm build:  {med['rebuild'] / med['warm build']:.2f} (target <= 0.5)",
        f"peak memory of a build: {max(peak['cold build'], peak['warm build'], peak['rebuild']):.0f} MB "
        "(target <= 1024 at large)",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=[*SIZES, "all"], action="append",
                        help="small, medium, large or all; repeat for several (default: medium)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, help="folder for the corpora and outputs (default: a temporary one)")
    parser.add_argument("--code", type=Path, default=ROOT,
                        help="measure another copy of the project (its plugins/, pelicanconf.py, theme/), "
                             "e.g. an older commit from `git archive`; the generator and this script stay these")
    args = parser.parse_args()
    global CODE
    CODE = args.code.resolve()
    chosen = args.size or ["medium"]
    sizes = list(SIZES) if "all" in chosen else [s for s in SIZES if s in chosen]
    with tempfile.TemporaryDirectory(prefix="c2c-bench-") as tmp:
        work = args.work or Path(tmp)
        print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start", flush=True)
        for size in sizes:
            print(summary(size, *measure(size, work, args.runs)), flush=True)
        print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
