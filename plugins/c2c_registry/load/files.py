"""Find and read the content files: one parsed, schema-checked record per file.

The content folder is walked without following symbolic links: a link, a device or a
pipe anywhere under it is a problem naming its path, never something to read, so a pull
request cannot make the checker read (or print) a file from outside content/.
"""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..rules.problems import Problem
from .positions import SourceError, SourceMap, dotted
from .reading import NOT_A_FILE, SYMLINK, read_text
from .schemas import schema_problems
from .source import parse_yaml, split_front_matter


def entry_key(kind: str, path: str, text: str) -> str:
    """A cached record's key: the same kind, path and text give the same record."""
    return hashlib.sha256(f"{kind}\0{path}\0{text}".encode()).hexdigest()

if TYPE_CHECKING:
    from .cache import ParseCache

# folder under content/ -> (kind of file, file endings it holds)
COLLECTIONS = {
    "organisations": ("organisation", (".yaml", ".yml")),
    "pledges": ("commitment", (".md",)),
    "services": ("service", (".yaml", ".yml")),
    "alerts": ("alert", (".yaml", ".yml")),
    "pages": ("page", (".md",)),  # Pelican Markdown, checked by pages.py
}
# files at the top of content/ -> kind of file (one file holds the whole list)
SINGLE_FILES = {"helplines.yaml": "helplines"}
IGNORED_DIRS = {"logos"}  # organisations/logos holds images, checked separately
MAX_BODY_CHARS = 20_000  # the Markdown after a commitment's front matter; as for Markdown fields


def kind_of(path: Path) -> str | None:
    """The kind of content file at `path`, from the nearest folder named like a collection
    (content/pledges/x.md is a commitment), else from its name when it is one of the single
    files (content/helplines.yaml), or None."""
    folder = next((COLLECTIONS[p][0] for p in reversed(path.parts[:-1]) if p in COLLECTIONS), None)
    return folder or SINGLE_FILES.get(path.name)


@dataclass
class ContentFile:
    """One content file after reading: its data, where each value was, what is wrong."""

    kind: str
    slug: str
    path: str  # as shown to people: relative to the content folder's parent
    data: Any = None
    smap: SourceMap = field(default_factory=SourceMap)
    body: str = ""
    problems: list[Problem] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.problems

    def problem(self, rule: str, where: tuple, message: str, at_key: bool = False) -> Problem:
        """A problem breaking `rule` (a name from rules.py) at the value at `where`."""
        pos = self.smap.key(where) if at_key else self.smap.value(where)
        return Problem(self.path, pos.line, pos.column, dotted(where), message, rule)

    def reported(self, where: tuple) -> bool:
        """Whether a problem is already reported for the field at `where`, so a later
        rule does not report the same mistake a second time."""
        return any(p.field == dotted(where) for p in self.problems)


def display_path(path: Path, content_dir: Path) -> str:
    """Path as the reviewer knows it: `content/pledges/x.md` (or absolute when outside).
    A path inside the folder is named as found, never resolved: a symbolic link is
    reported under its own name, not its target's."""
    base = content_dir.resolve()
    try:
        return str(Path(base.name) / path.relative_to(content_dir))
    except ValueError:
        pass
    try:
        return str(path.resolve().relative_to(base.parent))
    except (ValueError, OSError, RuntimeError):
        return str(path)


def walk(folder: Path) -> Iterator[tuple[Path, str]]:
    """Every entry under `folder`, sorted, as (path, 'file' | 'link' | 'special' |
    'unreadable'); folders are entered, never through a link."""
    try:
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError:
        yield folder, "unreadable"
        return
    for entry in entries:
        path = Path(entry.path)
        try:
            mode = entry.stat(follow_symlinks=False).st_mode
        except OSError:
            yield path, "unreadable"
            continue
        if stat.S_ISLNK(mode):
            yield path, "link"
        elif stat.S_ISDIR(mode):
            yield from walk(path)
        elif stat.S_ISREG(mode):
            yield path, "file"
        else:
            yield path, "special"


_NOT_READ = {
    "link": SYMLINK,
    "special": NOT_A_FILE,
    "unreadable": "this cannot be opened (permission denied?); make it readable",
}


def discover(content_dir: Path) -> tuple[list[tuple[str, Path]], list[Problem]]:
    """Every registry file under content_dir, in a stable order; stray files, links and
    anything else that is not an ordinary file are problems."""
    found: list[tuple[str, Path]] = []
    problems: list[Problem] = []
    order = list(COLLECTIONS)
    for path, what in walk(content_dir):
        parts = path.relative_to(content_dir).parts
        if what != "file":
            problems.append(Problem(display_path(path, content_dir), 1, 1, "(file name)", _NOT_READ[what],
                                    "special-file"))
            continue
        if len(parts) == 1 and parts[0] in SINGLE_FILES:
            found.append((SINGLE_FILES[parts[0]], path))
            continue
        if len(parts) < 2 or parts[0] not in COLLECTIONS or path.name.startswith(".") or IGNORED_DIRS & set(parts[1:-1]):
            continue
        kind, endings = COLLECTIONS[parts[0]]
        if path.suffix.lower() in endings and path.suffix == path.suffix.lower():
            found.append((kind, path))
        else:
            problems.append(Problem(
                display_path(path, content_dir), 1, 1, "(file name)",
                f"this folder holds only {' or '.join(endings)} files; rename it "
                f"to end in {endings[0]} or move it elsewhere", "stray-file",
            ))
    found.sort(key=lambda item: (order.index(item[1].relative_to(content_dir).parts[0])
                                 if item[0] not in SINGLE_FILES.values() else len(order), item[1]))
    return found, problems


def read_content_file(kind: str, path: Path, content_dir: Path, cache: ParseCache | None = None) -> ContentFile:
    """Read, parse and schema-check one file (or take the record of the same text from
    `cache`). Never raises for bad content."""
    record = ContentFile(kind=kind, slug=path.stem, path=display_path(path, content_dir))
    try:
        text = read_text(path)
    except SourceError as err:
        record.problems.append(Problem(record.path, err.line, err.column, err.field, err.message, err.rule))
        return record
    if cache is None:
        return _parse(record, text)
    key = entry_key(kind, record.path, text)
    cached = cache.get(key)
    if cached is None:
        cached = _parse(record, text)
        cache.put(key, cached)
    return cached


def _parse(record: ContentFile, text: str) -> ContentFile:
    kind = record.kind
    try:
        offset = 0
        if kind == "commitment":
            text, record.body, offset = split_front_matter(text)
        try:
            record.data, record.smap = parse_yaml(text)
        except SourceError as err:
            err.line += offset
            raise
        record.smap.line_offset = offset
    except SourceError as err:
        record.problems.append(Problem(record.path, err.line, err.column, err.field, err.message, err.rule))
        return record
    if not isinstance(record.data, dict):
        record.problems.append(record.problem(
            "wrong-type", (), f"the file must be a set of fields (name: value), but it is {_kind_of(record.data)}",
        ))
        return record
    record.problems += schema_problems(kind, record.data, record.smap, record.path)
    if len(record.body) > MAX_BODY_CHARS:
        body_line = record.smap.line_offset + text.count("\n") + 3  # the line after the closing ---
        record.problems.append(Problem(
            record.path, body_line, 1, "(text after the front matter)",
            f"this text is {len(record.body):,} characters long; the limit is {MAX_BODY_CHARS:,}. "
            "Shorten it, or link to a longer report on your own website", "too-long",
        ))
    return record


def read_vocabulary(path: Path, content_dir: Path) -> ContentFile:
    record = ContentFile(kind="vocabulary", slug=path.stem, path=display_path(path, content_dir))
    try:
        record.data, record.smap = parse_yaml(read_text(path))
    except SourceError as err:
        record.problems.append(Problem(record.path, err.line, err.column, err.field, err.message, err.rule))
        return record
    record.problems += schema_problems("vocabulary", record.data, record.smap, record.path)
    return record


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "empty"
    return "a single value"
