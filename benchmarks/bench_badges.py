"""What badges and logos cost: the drawing time per organisation in one process, and
three builds (empty image cache, full cache, one organisation changed).

    .venv/bin/python benchmarks/bench_badges.py --organisations 100
    .venv/bin/python benchmarks/bench_badges.py --organisations 100 --code /tmp/main --code . --rounds 5

Drawing: each badge's layout, web PNG, print PNG and SVG, timed in a process of their
own for every copy of the project given with `--code` (default: this one), the copies
taking turns `--rounds` times so that a change of load on a shared machine falls on
each alike; CPU and wall milliseconds per organisation, medians over the rounds. The
first badge of each process is drawn before timing (it prepares the fonts).

Builds: `c2c build` of this copy with the parse cache filled, and the drawing cost per
organisation (empty image cache minus full, divided by the organisations; wall time, on
every core). Every organisation of the synthetic corpus (benchmarks/make_corpus.py) is
awarded.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_corpus import write_corpus  # noqa: E402

PARTS = ("layout", "web PNG", "print PNG", "SVG")
DRAW = """
import json, sys, time
from pathlib import Path
from c2c_registry.load.registry import load_registry
from c2c_registry.settings import check_settings
from c2c_views import build_views
from c2c_badges.draw import draw_png
from c2c_badges.fonts import FontSet
from c2c_badges.layout import WIDTHS, badge_layout
from c2c_badges.svg import draw_svg
registry, _ = load_registry(Path(sys.argv[1]), cache_dir=Path(sys.argv[2]) / "parsed")
settings = {"C2C_BUILD_DATE": "2026-11-23", "SITEURL": ""}
check_settings(settings)
views = list(build_views(registry, settings).badges.by_slug.values())
fonts = FontSet(prepared_dir=Path(sys.argv[2]) / "fonts")
steps = [
    ("layout", lambda v, _: badge_layout(v.organisation.name, v.status_line, v.state, v.holds, fonts, False)),
    ("web PNG", lambda v, layout: draw_png(layout, fonts, WIDTHS["web"], None)),
    ("print PNG", lambda v, layout: draw_png(layout, fonts, WIDTHS["print"], None)),
    ("SVG", lambda v, layout: draw_svg(layout, fonts, v.alt, None)),
]
cpu = {name: 0.0 for name, _ in steps}
wall = dict(cpu)
for i, view in enumerate(views):
    layout = None
    for name, step in steps:
        c, w = time.process_time(), time.perf_counter()
        result = step(view, layout)
        if i:  # the first badge prepares the fonts: not timed
            cpu[name] += time.process_time() - c
            wall[name] += time.perf_counter() - w
        layout = result if name == "layout" else layout
print(json.dumps({"cpu": cpu, "wall": wall, "badges": len(views) - 1}))
"""


def draw_times(code: Path, content: Path, cache: Path) -> dict[str, dict[str, float]]:
    """ms per organisation of each part, CPU and wall, drawn by the copy of the project at `code`."""
    result = subprocess.run([str(ROOT / ".venv/bin/python"), "-c", DRAW, str(content), str(cache)], cwd=code,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(code / "plugins")})
    assert result.returncode == 0, result.stdout + result.stderr
    data = json.loads(result.stdout)
    return {kind: {part: data[kind][part] * 1000 / data["badges"] for part in PARTS} for kind in ("cpu", "wall")}


def build(content: Path, output: Path, cache: Path) -> float:
    start = time.perf_counter()
    result = subprocess.run([str(ROOT / ".venv/bin/c2c"), "build", "--content", str(content), "--output", str(output),
                             "--build-date", "2026-11-23", "--settings", str(ROOT / "pelicanconf.py")],
                            cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, "C2C_IMAGE_CACHE": str(cache / "images"),
                                 "C2C_PARSE_CACHE": str(cache / "parsed")})
    assert result.returncode == 0, result.stdout + result.stderr
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=100)
    parser.add_argument("--code", type=Path, action="append",
                        help="a copy of the project whose drawing to time (repeat to compare); default: this one")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-builds", action="store_true", help="time the drawing only")
    args = parser.parse_args()
    n = args.organisations
    codes = [c.resolve() for c in args.code or [ROOT]]
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} at the start", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        content = work / "content"
        write_corpus(content, n)
        times: dict[Path, list[dict[str, dict[str, float]]]] = {code: [] for code in codes}
        for _ in range(args.rounds):
            for i, code in enumerate(codes):
                times[code].append(draw_times(code, content, work / f"draw-cache-{i}"))
        print(f"\nDrawing one badge, ms per organisation ({n} organisations, median of {args.rounds} rounds; "
              "CPU / wall):")
        print(f"{'':32}" + "".join(f"{part:>16}" for part in (*PARTS, "all")))
        for code in codes:
            med = {kind: {part: statistics.median(t[kind][part] for t in times[code]) for part in PARTS}
                   for kind in ("cpu", "wall")}
            cells = [f"{med['cpu'][p]:7.1f} /{med['wall'][p]:6.1f}" for p in PARTS]
            cells.append(f"{sum(med['cpu'].values()):7.1f} /{sum(med['wall'].values()):6.1f}")
            print(f"{str(code)[-32:]:32}" + "".join(f"{c:>16}" for c in cells))
        if not args.no_builds:
            cache = work / "cache"
            subprocess.run([str(ROOT / ".venv/bin/c2c"), "validate", "--content", str(content)], cwd=ROOT,
                           capture_output=True, env={**os.environ, "C2C_PARSE_CACHE": str(cache / "parsed")})
            cold = build(content, work / "out", cache)  # the parse cache filled, the image cache empty
            warm = build(content, work / "out", cache)
            org = content / "organisations" / "org-0.yaml"
            org.write_text(org.read_text().replace("Synthetic Organisation 0", "Renamed Organisation 0"))
            one = build(content, work / "out", cache)
            print(f"\nBuilds of {ROOT}: empty image cache {cold:.2f} s, full {warm:.2f} s, one changed {one:.2f} s; "
                  f"drawing {(cold - warm) / n * 1000:.0f} ms per organisation (wall, on every core)")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
