"""Where a build's time goes: each step of one `c2c build`, cold and warm.

    .venv/bin/python benchmarks/bench_phases.py --size medium

Writes generate.py's registry of `--size`, then builds it twice, each build in a process
of its own, as `run.py` does: cold (empty parse and image caches) and warm (the caches
the cold build left, an empty output folder). Each step is printed with the second it
started at, counted from the build's start, the wall seconds it took and the processor
seconds of the build's own process. Work done by forked workers (drawing badges,
rendering pages) shows as wall time beyond that processor time. A step inside another
is indented under it.
"""

from __future__ import annotations

import argparse
import functools
import importlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import SIZES, write_registry  # noqa: E402

BUILD_DATE = "2026-11-23"
# (module, attribute, what it is): module-level functions the build looks up when it calls them
STEPS = (
    ("c2c_registry", "load_registry", "content read and checked"),
    ("c2c_views", "build_views", "views"),
    ("c2c_badges", "write_images", "badge and logo images"),
    ("c2c_badges.subsets", "load", "prepared font cuts"),
    ("c2c_cli.build", "publish", "publish"),
)


def _timed(marks: list, start: float, label: str, func):
    @functools.wraps(func)
    def timed(*args, **kwargs):
        began, cpu = time.perf_counter(), time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            marks.append((began - start, time.perf_counter() - began, time.process_time() - cpu, label))
    return timed


def one_build(work: Path) -> None:
    """Build `work`/content once, with timing marks; print them as JSON."""
    from pelican import signals

    from c2c_cli import build
    from c2c_views.writing import PageQueue

    start, marks = time.perf_counter(), []
    for module_name, attribute, label in STEPS:
        module = importlib.import_module(module_name)
        setattr(module, attribute, _timed(marks, start, label, getattr(module, attribute)))
    PageQueue.write_all = _timed(marks, start, "pages rendered and written", PageQueue.write_all)

    def time_writer(generator) -> None:  # each plugin's generator, as Pelican makes it
        kind = type(generator)
        if kind.__module__.startswith("c2c_") and "generate_output" in vars(kind):
            generator.generate_output = _timed(marks, start, kind.__name__, generator.generate_output)

    signals.generator_init.connect(time_writer)
    parser = argparse.ArgumentParser()
    build.arguments(parser)
    args = parser.parse_args(["--content", str(work / "content"), "--output", str(work / "output"),
                              "--build-date", BUILD_DATE])
    code = build.run(args)
    total = time.perf_counter() - start
    print(json.dumps({"code": code, "total": total, "cpu": time.process_time(), "marks": sorted(marks)}))


def measured(work: Path) -> dict:
    environ = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "C2C_PARSE_CACHE": str(work / "cache" / "parsed"),
               "C2C_IMAGE_CACHE": str(work / "cache" / "images")}
    shutil.rmtree(work / "output", ignore_errors=True)
    result = subprocess.run([sys.executable, __file__, "--one", str(work)], cwd=ROOT, env=environ,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"the build failed:\n{result.stdout}{result.stderr}")
    data = json.loads(result.stdout.splitlines()[-1])
    if data["code"] != 0:
        raise SystemExit(f"c2c build exited {data['code']}:\n{result.stdout}")
    return data


def table(name: str, data: dict) -> str:
    lines = [f"\n{name} build: {data['total']:.2f} s, {data['cpu']:.2f} s of processor time in the build's process",
             f"{'step':44} {'at s':>7} {'wall s':>7} {'cpu s':>7}"]
    open_steps: list[float] = []  # ends of the steps the next one may be inside
    for at, wall, cpu, label in data["marks"]:
        while open_steps and at >= open_steps[-1]:
            open_steps.pop()
        lines.append(f"{'  ' * len(open_steps) + label:44} {at:7.2f} {wall:7.2f} {cpu:7.2f}")
        open_steps.append(at + wall)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=list(SIZES), default="medium")
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)  # the measured build, in its own process
    args = parser.parse_args()
    if args.one:
        one_build(args.one)
        return
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        write_registry(work / "content", args.size)
        print(f"{args.size}: {'/'.join(str(n) for n in SIZES[args.size])} organisations/commitments/services")
        print(table("cold", measured(work)))
        print(table("warm", measured(work)))
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
