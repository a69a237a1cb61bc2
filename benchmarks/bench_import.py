"""What `c2c import-hsds` costs on a large council feed: a first import, a second one (the
same feed: nothing to write), and a validation of what was written.

    .venv/bin/python benchmarks/bench_import.py --records 10000

Generates a feed in the older ORUK list shape live council APIs serve, as a folder of
pages of 100: HTML descriptions with entities, `&nbsp;`, empty paragraphs, `<h4>`
headings and nested lists, repairable phone numbers and e-mail addresses, invisible
characters, `pc_` staff fields, weekly schedules one day at a time, a place per service.
Each command is its own process: wall-clock time, CPU time (user and system; on a busy
machine the fairer figure) and peak memory, the largest resident set (all from wait4).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
C2C = [sys.executable, "-m", "c2c_cli"]
AREAS = [("Sandwell", "E08000028", "B69"), ("Dudley", "E08000027", "DY1"), ("Walsall", "E08000030", "WS1"),
         ("Wolverhampton", "E08000031", "WV1"), ("Birmingham", "E08000025", "B1"), ("Coventry", "E08000026", "CV1")]
TERMS = ["Homelessness", "Housing advice", "Debt advice", "Domestic abuse", "Young people", "Leisure", "Health"]
WORDS = ("advice support housing tenancy rent benefits debt family young people safe home help drop-in "
         "appointment referral council team worker service local free confidential").split()


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def description(rng: random.Random) -> str:
    paragraphs = "".join(f"<p>{sentence(rng, rng.randint(8, 30))}&nbsp;{sentence(rng, 12)}</p><p><br></p>"
                         for _ in range(rng.randint(1, 5)))
    items = "".join(f"<li>{sentence(rng, 5)}<ul><li>Rent &amp; arrears</li></ul></li>" for _ in range(3))
    return (f"<h4>What we offer</h4>{paragraphs}<ul>{items}</ul>"
            f"<p>See <a href=\"https://council.example.gov.uk/s/{rng.randint(1, 10**6)}\">our page</a>.</p>")


def record(n: int, rng: random.Random) -> dict:
    area, gss, district = rng.choice(AREAS)
    return {
        "id": str(100000 + n), "name": f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} service {n}",
        "description": description(rng), "url": f"www.service{n}.example.org",
        "email": f"team{n}@example.org{'.' if n % 7 == 0 else ''}", "status": "active",
        "assured_date": "2026-09-01T10:00:00Z",
        "organization": {"id": f"org-{n % 400}", "name": f"{area} Organisation {n % 400}", "url": ""},
        "contacts": [{"phones": [{"number": f"0121-{rng.randint(200, 999)}-{rng.randint(1000, 9999)}"}]}],
        "regular_schedules": [{"weekday": day, "opens_at": "09:00:00", "closes_at": "17:00:00", "freq": "WEEKLY"}
                              for day in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")],
        "service_areas": [{"service_area": area, "uri": f"https://statistics.data.gov.uk/id/statistical-geography/{gss}"}],
        "service_at_locations": [{"location": {"name": f"Centre {n}", "latitude": 52.5, "longitude": -1.9,
                                               "physical_addresses": [{"address_1": f"{n} High\u200b Street",
                                                                       "city": area, "postal_code": f"{district} 1AA"}]}}],
        "eligibilitys": [{"eligibility": "<p>Anyone living in the area&nbsp;</p>", "minimum_age": 16}],
        "service_taxonomys": [{"taxonomy": {"id": f"T{i}", "name": TERMS[i], "vocabulary": "council"}}
                              for i in rng.sample(range(len(TERMS)), 2)],
        "pc_assured_by": "Officer", "pc_assured_by_email": "officer@council.example.gov.uk",
    }


def write_feed(folder: Path, records: int, per_page: int = 100) -> None:
    rng = random.Random(29)
    folder.mkdir(parents=True)
    pages = -(-records // per_page)
    for page in range(1, pages + 1):
        content = [record(n, rng) for n in range((page - 1) * per_page, min(records, page * per_page))]
        document = {"totalElements": records, "totalPages": pages, "number": page, "size": per_page,
                    "first": page == 1, "last": page == pages, "content": content}
        (folder / f"page-{page}.json").write_text(json.dumps(document), encoding="utf-8")


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """(wall seconds, CPU seconds, peak resident MB, output) of one command as its own
    process. CPU time is what to compare on a busy machine: wall time includes waiting."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=env)
    output = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{output[-2000:]}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="c2c-bench-import-"))
    try:
        feed, content = work / "feed", work / "content"
        write_feed(feed, args.records)
        (content / "services").mkdir(parents=True)
        size = sum(p.stat().st_size for p in feed.iterdir()) / 1_000_000
        print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}; {args.records:,} records in "
              f"{len(list(feed.iterdir()))} pages, {size:.1f} MB of JSON")
        rows = []
        env = {**os.environ, "C2C_PARSE_CACHE": str(work / "parse-cache")}  # not the project's own cache
        for label, cmd in (("first import", [*C2C, "import-hsds", str(feed), "--content", str(content), "--feed", "bench",
                                             "--date", "2026-11-23"]),
                           ("second import", [*C2C, "import-hsds", str(feed), "--content", str(content), "--feed",
                                              "bench", "--date", "2026-11-24"]),
                           ("validate", [*C2C, "validate", "--content", str(content)])):
            seconds, cpu, peak, output = timed(cmd, env)
            rows.append((label, seconds, cpu, peak))
            if label == "first import":
                written = len(list((content / "services").glob("*.yaml")))
                print(f"  wrote {written:,} service files ({written / seconds:,.0f} a second)")
            if label == "validate" and "No problems found" not in output:
                raise SystemExit(f"the imported files do not validate:\n{output[-2000:]}")
        print(f"{'':<14}{'wall s':>9}{'CPU s':>9}{'peak MB':>9}")
        for label, seconds, cpu, peak in rows:
            print(f"{label:<14}{seconds:>9.1f}{cpu:>9.1f}{peak:>9.0f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
