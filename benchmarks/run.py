"""Time the registry's commands at each size against vanilla Pelican, and print the table.

    .venv/bin/python benchmarks/run.py --size large --runs 5

Per size (benchmarks/generate.py), each measured `--runs` times in this one run, on
this machine, as separate processes, reporting the median and the peak memory (maximum
resident set of the process and its children, from wait4):

- validate: `c2c validate` of the whole registry;
- cold build: `c2c build` with an empty output folder and empty caches;
- rebuild: `c2c build` again after one service file changed (caches kept, as `make
  serve --watch` and a daily build on a runner with a cache do);
- search index: building every search file from the views, in one process;
- vanilla Pelican: `pelican` 4.12 with its default theme on as many plain Markdown
  articles as the cold build wrote pages, about as long as a commitment's text.

Ratios: cold build / vanilla (target at most 0.5), rebuild / cold build (target at most
0.25), and validate against its 3 s target. The machine is shared with other work, so
a noisy run should be repeated; each median is printed with its range.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import SIZES, Text, write_registry  # noqa: E402

PYTHON = str(ROOT / ".venv" / "bin" / "python")
BUILD_DATE = "2026-11-23"
SEARCH_ONLY = """
import sys, time
from pathlib import Path
from c2c_registry.load.registry import load_registry
from c2c_registry.settings import check_settings
from c2c_search import build_files, load_glossary
from c2c_views import build_views
registry, problems = load_registry(Path(sys.argv[1]))
settings = {"C2C_BUILD_DATE": sys.argv[2], "SITEURL": ""}
check_settings(settings)
views = build_views(registry, settings)
start = time.perf_counter()
build_files(views, load_glossary())
print(time.perf_counter() - start)
"""
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


CODE = ROOT  # the project folder whose plugins and settings are measured (--code)


def env(cache: Path) -> dict[str, str]:
    """The environment of every measured command: the measured plugins, caches in `cache`."""
    return {**os.environ, "PYTHONPATH": str(CODE / "plugins"), "C2C_PARSE_CACHE": str(cache / "parsed"),
            "C2C_IMAGE_CACHE": str(cache / "images")}


def timed(cmd: list[str], environ: dict[str, str], cwd: Path | None = None) -> tuple[float, float, str]:
    """(wall seconds, peak resident MB of the process tree, stdout) of one command."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd or CODE, env=environ, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        text = out.read().decode()
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{text}\n{err.read().decode()}")
    return seconds, usage.ru_maxrss / 1024, text  # ru_maxrss is in KB on Linux


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


def measure(size: str, work: Path, runs: int) -> dict[str, list[tuple[float, float]]]:
    content, output, cache = work / size / "content", work / size / "output", work / size / "cache"
    write_registry(content, size)
    results: dict[str, list[tuple[float, float]]] = {k: [] for k in
                                                      ("validate", "cold build", "rebuild", "search index", "vanilla")}
    changed = content / "services" / "service-1.yaml"
    original = changed.read_text()
    pages = 0
    for run in range(runs):
        results["validate"].append(timed(c2c("validate", "--content", str(content)), env(cache))[:2])
        shutil.rmtree(output, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        build = c2c("build", "--content", str(content), "--output", str(output), "--build-date", BUILD_DATE)
        results["cold build"].append(timed(build, env(cache))[:2])
        pages = sum(1 for _ in output.rglob("*.html"))
        changed.write_text(original.replace("summary: ", f"summary: Changed in run {run}. ", 1))
        results["rebuild"].append(timed(build, env(cache))[:2])
        changed.write_text(original)
        seconds, peak, text = timed([PYTHON, "-c", SEARCH_ONLY, str(content), BUILD_DATE], env(cache))
        results["search index"].append((float(text.split()[-1]), peak))
    vanilla_corpus(work / size / "vanilla" / "content", pages)
    for _ in range(runs):
        out = work / size / "vanilla" / "output"
        shutil.rmtree(out, ignore_errors=True)
        settings = work / size / "vanilla" / "pelicanconf.py"
        settings.write_text(VANILLA_SETTINGS)
        cmd = [str(ROOT / ".venv" / "bin" / "pelican"), str(work / size / "vanilla" / "content"), "-o", str(out),
               "-s", str(settings), "-q"]
        results["vanilla"].append(timed(cmd, {**os.environ, "PYTHONPATH": ""}, cwd=work / size / "vanilla")[:2])
    results["pages"] = [(float(pages), 0.0)]
    return results


def summary(size: str, results: dict[str, list[tuple[float, float]]]) -> str:
    med = {k: statistics.median(s for s, _ in v) for k, v in results.items()}
    lines = [f"\n{size}: {'/'.join(str(n) for n in SIZES[size])} organisations/commitments/services, "
             f"{int(med['pages'])} pages, {len(results['validate'])} runs each",
             f"{'':14} {'median s':>9} {'min-max s':>13} {'peak MB':>8}"]
    for key in ("validate", "cold build", "rebuild", "search index", "vanilla"):
        times = [s for s, _ in results[key]]
        peak = max(p for _, p in results[key])
        lines.append(f"{key:14} {med[key]:9.2f} {min(times):6.2f}-{max(times):<6.2f} {peak:8.0f}")
    lines += [
        f"cold build / vanilla Pelican: {med['cold build'] / med['vanilla']:.2f} (target <= 0.5)",
        f"rebuild / cold build:         {med['rebuild'] / med['cold build']:.2f} (target <= 0.25)",
        f"validate:                     {med['validate']:.2f} s (target <= 3 s on large)",
        f"peak memory of a build:       {max(p for _, p in results['cold build'] + results['rebuild']):.0f} MB "
        "(target <= 1024)",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=[*SIZES, "all"], default="small")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, help="folder for the corpora and outputs (default: a temporary one)")
    parser.add_argument("--code", type=Path, default=ROOT,
                        help="measure another copy of the project (its plugins/, pelicanconf.py, theme/), "
                             "e.g. an older commit from `git archive`; the generator and this script stay these")
    args = parser.parse_args()
    global CODE
    CODE = args.code.resolve()
    sizes = list(SIZES) if args.size == "all" else [args.size]
    with tempfile.TemporaryDirectory(prefix="c2c-bench-") as tmp:
        work = args.work or Path(tmp)
        print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start", flush=True)
        for size in sizes:
            print(summary(size, measure(size, work, args.runs)), flush=True)
        print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
