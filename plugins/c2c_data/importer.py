"""`c2c import-hsds SOURCE`: a council's Open Referral feed in, valid service files out.

SOURCE is a JSON file (one HSDS 3.0 service, an array, an API page, or a page of the
older ORUK list shape), a folder of page files, or an http(s) URL followed page by
page. Each record is mapped (`hsds_in`), chosen or not (`imports.mapping`), checked
with the validator's own rules (`imports.gate`) and written to content/services/ in
the schema's field order, with `imported_from` saying which feed and record it came
from; a re-import of the same feed updates those files and no others
(`imports.folder`). Then a summary says what was done (`imports.report`). The command
line is `add_arguments` and `run`; `import_feed` is the same with keyword options.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any

MAX_MB = 100


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The import's own options (the command adds the shared `--content`)."""
    parser.add_argument("source", help="the feed: a JSON file, a folder of page files, or an http(s) address "
                                       "(followed page by page)")
    parser.add_argument("--feed", help="the feed's name, recorded in each file so a re-import updates only its own "
                                       "files (default: the mapping file's feed, the address, or the file's name)")
    parser.add_argument("--mapping", metavar="FILE", help="YAML file: the feed's taxonomy as our stages, client groups, "
                                                          "themes and areas, and which records to keep")
    parser.add_argument("--taxonomy", action="append", default=[], metavar="TERM",
                        help="keep only records with this taxonomy term (name, code or id); repeat for more")
    parser.add_argument("--word", action="append", default=[], metavar="WORD",
                        help="keep only records with this word in the name or description; repeat for more")
    parser.add_argument("--area", action="append", default=[], metavar="AREA",
                        help="keep only services covering this area (an id such as sandwell); repeat for more")
    parser.add_argument("--postcode", action="append", default=[], metavar="DISTRICT",
                        help="keep only services with a place in this postcode district (B70) or area (WS)")
    parser.add_argument("--date", help="the import date recorded in the files, YYYY-MM-DD (default: C2C_BUILD_DATE, "
                                       "else today, UK time)")
    parser.add_argument("--with-closed", action="store_true",
                        help="also bring in services the feed says have closed for good (by default only a "
                             "service imported before is updated to closed)")
    parser.add_argument("--dry-run", action="store_true", help="say what would happen and write no service file")
    parser.add_argument("--report", metavar="FILE", help="also write the whole report as JSON to FILE")
    parser.add_argument("--max-size", type=float, default=MAX_MB, metavar="MB",
                        help=f"refuse a file or page larger than this (default: {MAX_MB})")


def run(args: argparse.Namespace) -> int:
    """The command: 0 when the import ran (whatever it skipped), 2 when it could not."""
    try:
        report = import_feed(
            args.source, Path(args.content), feed=args.feed, mapping_file=Path(args.mapping) if args.mapping else None,
            taxonomy=args.taxonomy, words=args.word, areas=args.area, postcodes=args.postcode, date=args.date,
            with_closed=args.with_closed, dry_run=args.dry_run, report_file=Path(args.report) if args.report else None,
            max_bytes=int(args.max_size * 1_000_000), progress=sys.stderr.isatty())
    except ImportProblem as err:
        print(f"c2c: {err}", file=sys.stderr)
        return 2
    from .imports.report import as_text

    print(as_text(report))
    return 0


class ImportProblem(Exception):
    """The import cannot run; the message says why and what to do."""


def import_feed(source: str, content: Path, *, feed: str | None = None, mapping_file: Path | None = None,
                taxonomy: list[str] = (), words: list[str] = (), areas: list[str] = (),  # type: ignore[assignment]
                postcodes: list[str] = (), date: str | None = None,  # type: ignore[assignment]
                with_closed: bool = False, dry_run: bool = False,
                report_file: Path | None = None, max_bytes: int = MAX_MB * 1_000_000, progress: bool = False) -> Any:
    """Import one feed into `content`; the Report, or ImportProblem."""
    from c2c_registry.load.registry import load_vocabularies
    from c2c_registry.package_data import schema_dir
    from c2c_registry.settings import SettingsError, build_date

    from .imports import mapping as chosen
    from .imports.folder import Folder, UnsafeFolder
    from .imports.report import Report, as_json
    from .imports.sources import Limits, SourceProblem, feed_name, is_url, read_pages, shown

    try:
        today = build_date(date).isoformat()
    except SettingsError as err:
        raise ImportProblem(str(err).replace("C2C_BUILD_DATE", "--date")) from None
    if not content.is_dir():
        raise ImportProblem(f"there is no content folder at {content}")
    vocab, problems = load_vocabularies(schema_dir() / "vocabularies")
    if problems:
        raise ImportProblem("the vocabularies in schemas/vocabularies could not be read; run `c2c validate`")
    try:
        mapping = chosen.load_mapping(mapping_file, vocab) if mapping_file else chosen.Mapping()
    except chosen.MappingError as err:
        raise ImportProblem(f"the mapping file cannot be used:\n{err}") from None
    _add_filters(mapping.keep, taxonomy, words, areas, postcodes, vocab)
    name = feed or mapping.feed or feed_name(source)
    try:
        folder = Folder(content, name)
    except UnsafeFolder as err:
        raise ImportProblem(str(err)) from None
    report = Report(feed=name, source=shown(source) if is_url(source) else source, date=today, dry_run=dry_run)
    limits = Limits(max_bytes=max_bytes)
    bar = _Progress(progress)
    records: list[Any] = []
    try:
        for page in read_pages(source, limits, bar.page):
            report.pages += 1
            records += page.records
            if len(records) > limits.max_records:
                raise ImportProblem(f"the feed holds more than {limits.max_records:,} records, the limit for one "
                                    "import; import it in parts (a folder of some of its pages)")
    except SourceProblem as err:
        raise ImportProblem(str(err)) from None
    finally:
        bar.done()
    _import_records(records, folder, mapping, vocab, today, report, dry_run, with_closed, _Progress(progress))
    if report_file:
        try:
            report_file.write_text(as_json(report), encoding="utf-8")
        except OSError as err:
            raise ImportProblem(f"could not write the report to {report_file}: {err.strerror or err}") from None
    return report


def _add_filters(keep, taxonomy, words, areas, postcodes, vocab) -> None:
    import re

    unknown = [a for a in areas if a not in vocab["areas"]]
    if unknown:
        raise ImportProblem(f"--area {unknown[0]}: not one of our areas; use an id from schemas/vocabularies/areas.yaml")
    bad = [p for p in postcodes if not re.fullmatch(r"[A-Za-z]{1,2}([0-9][0-9A-Za-z]?)?", p)]
    if bad:
        raise ImportProblem(f"--postcode {bad[0]}: give a postcode district such as B70, or an area such as WS")
    keep.taxonomy += list(taxonomy)
    keep.words += list(words)
    keep.areas += list(areas)
    keep.postcodes += list(postcodes)


def _organisations(content: Path) -> dict[str, str]:
    """Registry organisations by their HSDS id (as our export makes it) and by name."""
    from c2c_registry.load.files import read_content_file, walk

    from .hsds import organisation_id

    found: dict[str, str] = {}
    folder = content / "organisations"
    for path, what in walk(folder) if folder.is_dir() else []:
        if what == "file" and path.suffix in (".yaml", ".yml") and path.parent == folder:
            found[organisation_id(path.stem)] = path.stem
            data = read_content_file("organisation", path, content).data
            if isinstance(data, dict) and isinstance(data.get("name"), str):
                found.setdefault(" ".join(data["name"].split()).lower(), path.stem)
    return found


def _import_records(records, folder, mapping, vocab, today, report, dry_run, with_closed, bar) -> None:
    import dataclasses

    from .hsds_in import Context, from_hsds
    from .imports.folder import changed_fields, fingerprint, merged, service_yaml
    from .imports.gate import admit
    from .imports.prose import identifier, one_line
    from .imports.repair import Note
    from .imports.report import Outcome
    from .imports.shapes import as_hsds3, unused_fields

    ctx = Context(vocab, _organisations(folder.content), mapping, today)
    choices = (dataclasses.asdict(mapping), ctx.organisations, with_closed)
    seen: dict[str, int] = {}
    bar.start(len(records))
    for position, record in enumerate(records, 1):
        bar.advance()
        if not isinstance(record, dict):
            report.outcomes.append(Outcome(position, "", "", "skipped", reason="it is not a service record"))
            continue
        report.unused.update(unused_fields(record))
        key = identifier(record.get("id")) if isinstance(record.get("id"), (str, int)) else ""
        name = one_line(record.get("name")) if isinstance(record.get("name"), str) else ""
        outcome = Outcome(position, key, name, "skipped")
        report.outcomes.append(outcome)
        if key and key in seen:
            outcome.reason = f"it has the same id as record {seen[key]}, which was used"
            continue
        if key:
            seen[key] = position
        stamp = fingerprint(record, *choices)
        existing = folder.ours.get(key)
        if existing is not None and existing.fingerprint == stamp:
            outcome.result, outcome.file = "unchanged", folder.shown(existing.path)
            continue
        mapped = from_hsds(as_hsds3(record), ctx)
        if mapped.skip:
            outcome.reason = mapped.skip
            continue
        data = mapped.data
        refused = mapping.keep.refuses(mapped.terms, f"{data['name']} {record.get('description') or ''}",
                                       data["areas"], [loc["postcode"] for loc in data.get("locations", [])])
        if refused:
            outcome.result, outcome.reason = "not-chosen", refused
            continue
        data, dropped, why = admit(data, vocab)
        outcome.notes = mapped.notes + dropped
        if why:
            outcome.reason = f"the validator would refuse it: {why}"
            continue
        if not key:
            key = outcome.id = f"name:{data['name']}"
            outcome.notes.append(Note("guessed", "imported_from.id", "no id in the feed; matched by name on a "
                                      "re-import"))
            if key in seen:
                outcome.reason = f"it has no id and the same name as record {seen[key]}, which was used"
                continue
            seen[key] = position
        existing = folder.ours.get(key)
        if existing is None and data.get("status") == "closed" and not with_closed:
            outcome.reason = ("the feed says it has closed for good (defunct); --with-closed brings such services in")
            continue
        origin = {"feed": folder.feed, "id": key, "imported": today, "fingerprint": stamp}
        if existing is not None:
            outcome.file = folder.shown(existing.path)
            new, more, why = admit(merged(existing.data, data, mapped.guessed), vocab)
            outcome.notes += more
            old = {k: v for k, v in existing.data.items() if k != "imported_from"}
            if why or new == old:
                outcome.result = "unchanged"
                continue
            outcome.result, outcome.changed = "updated", changed_fields(old, new)
            if not dry_run:
                folder.write(existing.path, service_yaml({**new, "imported_from": origin}))
            continue
        slug = folder.name_for(mapped.slug)
        path = folder.path_for(slug)
        if slug != mapped.slug:
            report.clashes.append(f"{data['name']} (id {key}): {folder.holder(mapped.slug)}; written as "
                                  f"{folder.shown(path)}")
        outcome.result, outcome.file = "created", folder.shown(path)
        if not dry_run:
            folder.write(path, service_yaml({**data, "imported_from": origin}))
    bar.done()
    if not dry_run:
        folder.save_cache()
    report.gone = [(key, folder.shown(f.path)) for key, f in sorted(folder.ours.items()) if key not in seen]
    report.warnings += [f"{folder.shown(path)} also says it came from record {key} of this feed; only "
                        f"{folder.shown(folder.ours[key].path)} is updated" for key, path in folder.twice]
    overlap = Counter({feed: len(ids & set(seen)) for feed, ids in folder.other_feeds.items()})
    if not folder.ours and overlap and overlap.most_common(1)[0][1] >= max(1, len(seen) // 2):
        other = overlap.most_common(1)[0][0]
        report.warnings.append(f"Many of these records' ids are in files imported from the feed named {other!r}. "
                               f"If that is this feed, run again with --feed {other!r} to update those files.")


class _Progress:
    """A progress bar on the terminal (stderr), only when stderr is one."""

    def __init__(self, shown: bool) -> None:
        self.bar: Any = None
        self.task: Any = None
        if shown:
            from rich.console import Console
            from rich.progress import Progress

            self.bar = Progress(console=Console(stderr=True), transient=True)
            self.bar.start()

    def page(self, number: int, total: int | None) -> None:
        if self.bar is not None:
            if self.task is None:
                self.task = self.bar.add_task("Reading the feed", total=total)
            self.bar.update(self.task, completed=number, total=total)

    def start(self, total: int) -> None:
        if self.bar is not None:
            self.task = self.bar.add_task("Importing services", total=total)

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def done(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
