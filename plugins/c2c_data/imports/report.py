"""What an import did, for the officer who ran it and for a machine.

`as_text` is a summary to read at the terminal: how many services came in, were
updated, stayed the same or were skipped and why, and what was repaired, left out or
guessed, counted by kind with the services it happened to. `as_json` has every record.
Text from the feed is printed on one line with invisible characters escaped, so a feed
cannot write to the terminal; staff fields (`pc_…`) are named, never quoted.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field

from c2c_registry.rules.problems import one_line

from .repair import Note

RESULTS = ("created", "updated", "unchanged", "not-chosen", "skipped")
KINDS = {
    "repaired": "Repaired (check nothing was lost)",
    "left-out": "Left out (the directory could not use the value)",
    "guessed": "Guessed (set these by hand, or say them in a mapping file)",
    "cut": "Cut to fit the directory's limits",
    "converted": "Converted",
    "default": "Set from the mapping file's defaults",
}
SHOWN = 5  # services named per line of the summary


@dataclass
class Outcome:
    """What happened to one record of the feed."""

    position: int  # 1 for the feed's first record
    id: str
    name: str
    result: str  # one of RESULTS
    file: str = ""
    reason: str = ""  # why it was skipped or not chosen, or what clashed
    notes: list[Note] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # fields an update changed

    @property
    def label(self) -> str:
        slug = self.file.rsplit("/", 1)[-1].rsplit(".", 1)[0] if self.file else ""
        return slug or f"record {self.position}"


@dataclass
class Report:
    feed: str
    source: str
    date: str
    dry_run: bool = False
    pages: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    gone: list[tuple[str, str]] = field(default_factory=list)  # (record id, file) no longer in the feed
    clashes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unused: Counter = field(default_factory=Counter)  # field name -> records that have it

    def count(self, result: str) -> int:
        return sum(1 for o in self.outcomes if o.result == result)


def _names(outcomes: list[Outcome]) -> str:
    shown = ", ".join(o.label for o in outcomes[:SHOWN])
    more = len(outcomes) - SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def _n(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def as_text(report: Report) -> str:
    would = "Would bring in" if report.dry_run else "Brought in"
    lines = [f"{'Dry run (nothing was written): ' if report.dry_run else ''}import of feed "
             f"{one_line(report.feed, 100)} as of {report.date}: {_n(len(report.outcomes), 'record')}"
             f" in {_n(report.pages, 'page')}.", ""]
    rows = [(would, "created", "new service files in content/services/"),
            ("Would update" if report.dry_run else "Updated", "updated", "files from records the feed changed"),
            ("Unchanged", "unchanged", "files (the feed has not changed these records)"),
            ("Not chosen", "not-chosen", "records the filters left out"),
            ("Skipped", "skipped", "records that could not be brought in")]
    width = max(len(r[0]) for r in rows) + 1
    lines += [f"{label + ':':<{width}} {report.count(result):>6,} {what}" for label, result, what in rows]
    skipped = [o for o in report.outcomes if o.result == "skipped"]
    if skipped:
        lines += ["", "Skipped, and why:"]
        lines += [f"  record {o.position}{_id(o)} {one_line(o.name, 60)!s}: {one_line(o.reason, 200)}"
                  if o.name else f"  record {o.position}{_id(o)}: {one_line(o.reason, 200)}" for o in skipped]
    if report.gone:
        lines += ["", "No longer in the feed (the files are kept; check whether these services have closed):"]
        lines += [f"  {one_line(path, 200)} (id {one_line(key, 60)})" for key, path in report.gone]
    if report.clashes:
        lines += ["", "Name clashes (given a distinct name; no other file was touched):"]
        lines += [f"  {one_line(c, 300)}" for c in report.clashes]
    for kind, title in KINDS.items():
        groups: dict[tuple[str, str], list[Outcome]] = {}
        for o in report.outcomes:
            if o.result in ("created", "updated"):
                for key in dict.fromkeys((n.field, n.what) for n in o.notes if n.kind == kind):
                    groups.setdefault(key, []).append(o)
        if groups:
            lines += ["", f"{title}:"]
            lines += [f"  {f}: {what}: {_n(len(found), 'service')} ({_names(found)})"
                      for (f, what), found in sorted(groups.items(), key=lambda g: (-len(g[1]), g[0]))]
    if report.unused:
        names = ", ".join(f"{one_line(k, 40)} ({n:,})" for k, n in sorted(report.unused.items()))
        lines += ["", f"Fields in the feed the directory does not use (never copied into a file): {names}"]
    for warning in report.warnings:
        lines += ["", one_line(warning, 400)]
    lines += ["", "Next: look over the new and changed files (git diff), run `c2c validate`, and commit them."
              if not report.dry_run else "Run again without --dry-run to write the files."]
    return "\n".join(lines)


def _id(o: Outcome) -> str:
    return f" (id {one_line(o.id, 60)})" if o.id else ""


def as_json(report: Report) -> str:
    data = {
        "feed": report.feed, "source": report.source, "date": report.date, "dry_run": report.dry_run,
        "pages": report.pages,
        "counts": {"records": len(report.outcomes), **{r: report.count(r) for r in RESULTS},
                   "gone": len(report.gone)},
        "records": [{**{k: v for k, v in asdict(o).items() if k != "notes"},
                     "notes": [asdict(n) for n in o.notes]} for o in report.outcomes],
        "gone": [{"id": key, "file": path} for key, path in report.gone],
        "clashes": report.clashes,
        "unused_fields": dict(sorted(report.unused.items())),
        "warnings": report.warnings,
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"
