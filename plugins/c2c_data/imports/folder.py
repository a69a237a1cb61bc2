"""content/services/ as an import sees it: what an earlier import of the feed wrote, the
names already taken, and the only place files are written.

A file belongs to a feed when its `imported_from.feed` says so; nothing else is ever
changed, so a hand-written service whose name clashes gets its neighbour a distinct
name instead. Existing files are read with the registry's own reader (symbolic links are
never followed). Writes go to a temporary file in the same folder, then `os.replace`,
which replaces a path and never writes through a link; a path that would leave
content/services/ is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from c2c_registry.load.cache import ParseCache, cache_folder
from c2c_registry.load.files import read_content_file, walk
from c2c_registry.package_data import schema_dir
from c2c_registry.rules.names import RESERVED_SERVICE_SLUGS

HEADER = "# yaml-language-server: $schema=../../schemas/service.schema.json\n"
SCHEMA = json.loads((schema_dir() / "service.schema.json").read_text("utf-8"))
# Fields only people set: a re-import keeps what the file has.
PEOPLES_FIELDS = ("access", "bank_holidays", "exceptions", "sessions")
SLUG_LENGTH = 80


class UnsafeFolder(Exception):
    """content/services/ is not a plain folder inside the content folder."""


@dataclass
class Imported:
    """A service file an earlier import of this feed wrote."""

    path: Path
    data: dict[str, Any]

    @property
    def fingerprint(self) -> str:
        return str(self.data.get("imported_from", {}).get("fingerprint", ""))


@dataclass
class Folder:
    """The services folder of one content folder, for one feed."""

    content: Path
    feed: str
    root: Path = field(init=False)
    taken: set[str] = field(default_factory=set)  # every slug in use, and the reserved ones
    ours: dict[str, Imported] = field(default_factory=dict)  # record id -> file, for this feed
    twice: list[tuple[str, Path]] = field(default_factory=list)  # a second file claiming a record
    other_feeds: dict[str, set[str]] = field(default_factory=dict)  # feed name -> record ids, the rest
    files: dict[str, Path] = field(default_factory=dict)  # slug -> a file (or link) already there
    cache: ParseCache | None = None

    def __post_init__(self) -> None:
        self.root = self.content / "services"
        if self.root.is_symlink() or (self.root.exists() and not self.root.is_dir()):
            raise UnsafeFolder(f"{self.root} is not a plain folder; the import writes only into one")
        self.taken = set(RESERVED_SERVICE_SLUGS)
        if not self.root.exists():
            return
        self.cache = ParseCache(cache_folder(), self.content)  # as `c2c validate` reads them
        for path, what in walk(self.root):
            self.taken.add(path.stem)
            self.files.setdefault(path.stem, path)
            if what != "file" or path.suffix not in (".yaml", ".yml"):
                continue
            data = read_content_file("service", path, self.content, self.cache).data
            origin = data.get("imported_from") if isinstance(data, dict) else None
            if not isinstance(origin, dict) or not origin.get("feed") or not origin.get("id"):
                continue
            feed, key = str(origin["feed"]), str(origin["id"])
            if feed != self.feed:
                self.other_feeds.setdefault(feed, set()).add(key)
            elif key in self.ours:
                self.twice.append((key, path))
            else:
                self.ours[key] = Imported(path, data)

    def save_cache(self) -> None:
        if self.cache is not None:
            self.cache.save()

    def name_for(self, slug: str) -> str:
        """A free slug like `slug`: itself, else `slug-2`, `slug-3`…; then taken."""
        if slug in RESERVED_SERVICE_SLUGS:
            slug = f"{slug}-service"
        base, n = slug, 2
        while slug in self.taken:
            suffix = f"-{n}"
            slug, n = base[: SLUG_LENGTH - len(suffix)].rstrip("-") + suffix, n + 1
        self.taken.add(slug)
        return slug

    def holder(self, slug: str) -> str:
        """Who has `slug` already, in words."""
        if slug in RESERVED_SERVICE_SLUGS:
            return f"'{slug}' is the name of one of the directory's own pages"
        if slug in self.files:
            return f"{self.shown(self.files[slug])} is there already and is not from this feed"
        return "another record of this feed has that name"

    def path_for(self, slug: str) -> Path:
        return self.root / f"{slug}.yaml"

    def shown(self, path: Path) -> str:
        """A path as the report shows it: from the content folder's parent."""
        try:
            return str(path.relative_to(self.content.parent))
        except ValueError:
            return str(path)

    def write(self, path: Path, text: str) -> None:
        """Write one service file, only inside content/services/ and never through a link."""
        root = self.root.resolve() if self.root.exists() else None
        self.root.mkdir(parents=True, exist_ok=True)
        root = root or self.root.resolve()
        parent = path.parent.resolve()
        if (path.is_symlink() or parent != root and root not in parent.parents or path.name.startswith(".")
                or path.suffix not in (".yaml", ".yml")):
            raise UnsafeFolder(f"refused to write {path}: it is not a service file inside {self.root}")
        handle, temporary = tempfile.mkstemp(dir=parent, prefix=".import-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise


@cache
def _code() -> bytes:
    """What an import's output depends on besides the record and the mapping: the
    import's code, the schemas and vocabularies, and the converters' versions."""
    here = Path(__file__).parent
    files = sorted(here.glob("*.py")) + sorted(here.glob("*.json")) + sorted(here.parent.glob("*.py"))
    files += sorted(schema_dir().glob("*.json")) + sorted((schema_dir() / "vocabularies").glob("*.yaml"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    for package in ("markdownify", "beautifulsoup4", "phonenumberslite", "nh3", "markdown-it-py"):
        digest.update(package.encode() + metadata.version(package).encode())
    return digest.digest()


def fingerprint(record: Any, *context: Any) -> str:
    """16 hex digits that change when the feed's record, the mapping and choices
    (`context`) or the import itself change: while they do not, a re-import leaves the
    file as it is, edits and all, without even mapping the record again."""
    digest = hashlib.sha256(_code())
    for part in (record, *context):
        digest.update(json.dumps(part, sort_keys=True, ensure_ascii=False, default=str).encode() + b"\0")
    return digest.hexdigest()[:16]


def merged(old: dict[str, Any], new: dict[str, Any], guessed: set[str]) -> dict[str, Any]:
    """A re-imported record over the file an earlier import wrote: the feed's fields
    from the feed; what people set here kept (PEOPLES_FIELDS, a field the feed only
    defaulted, and a registry organisation chosen for a provider the feed names)."""
    out = dict(new)
    for name in (*PEOPLES_FIELDS, *guessed):
        if name in old:
            out[name] = old[name]
    if "organisation" in old and "provider" in new:
        out.pop("provider")
        out["organisation"] = old["organisation"]
    return out


def changed_fields(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """The fields whose values differ, in the schema's order (provenance left out)."""
    names = [k for k in SCHEMA["properties"] if k != "imported_from"]
    return [k for k in names if old.get(k) != new.get(k)]


class _Dumper(yaml.SafeDumper):
    """PyYAML laid out the way `c2c fmt` leaves a file: lists inside a field indented."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def choose_scalar_style(self):  # type: ignore[no-untyped-def]
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


class _Literal(str):
    """Text of several lines, written as a `|` block."""


class _Quoted(str):
    """Text written in double quotes, as the documentation writes phone numbers."""


_Dumper.add_representer(dict, lambda d, v: d.represent_mapping("tag:yaml.org,2002:map", v, flow_style=False))
_Dumper.add_representer(_Quoted, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style='"'))
_Dumper.add_representer(_Literal, lambda d, v: d.represent_scalar("tag:yaml.org,2002:str", str(v), style="|"))


def service_yaml(data: dict[str, Any]) -> str:
    """A service file's text: fields (and the fields inside them) in the schema's order."""
    return HEADER + yaml.dump(_ordered(data, SCHEMA), Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                              width=4096, default_flow_style=None)


def _ordered(value: Any, schema: dict[str, Any], name: str = "") -> Any:
    """`value` with every mapping's keys in its schema's order, dates as dates and text
    of several lines as a block."""
    if isinstance(value, dict):
        props = schema.get("properties", {})
        keys = [k for k in props if k in value] + [k for k in value if k not in props]
        return {k: _ordered(value[k], props.get(k, {}), k) for k in keys}
    if isinstance(value, list):
        return [_ordered(v, schema.get("items", {})) for v in value]
    if isinstance(value, str) and name in ("last_verified", "imported"):
        return dt.date.fromisoformat(value)
    if isinstance(value, str) and "\n" in value:
        return _Literal(value)
    if isinstance(value, str) and name in ("phone", "opens", "closes"):
        return _Quoted(value)
    return value
