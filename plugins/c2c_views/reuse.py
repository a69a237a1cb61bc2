"""Incremental rendering: a page is rendered again only when something it read changed.

After each build `c2c build` keeps a record of every page beside the published site
(`.<output>-pages`): a digest of the page's own inputs (its template and every template
that one extends, includes or imports; the values its writer gave it), the reads it
made in the views as it was rendered (`tracking.py`) with a digest of what each gave,
and the file it became. The record belongs to one build key: the code of the plugins,
the installed packages, every setting (the build date among them) and the template
globals that are not the views.

The next build computes each page's own digest again and each recorded read again, in
its own views (`fingerprint.py`). A page is rendered when:

- the build key changed (code, a package, a setting or the build date): every page;
- it has no record (a new page, or the first build into this folder);
- its own digest changed (its template or one it uses, or what its writer gave it);
- one of its reads gives something else (a record it lists, a count it shows, a
  listing it links to...);
- its file in the published site is not the one recorded (deleted, or changed by hand).

Any other page is the same bytes it was, and is taken from the published site. So is
a file that is not a page (`keep_file`): its record is the digest of its bytes, and one
whose new bytes have that digest, and whose published file is still the one recorded,
is not written again. Rendering
is a pure function of those inputs: the templates read the views only through the
wrappers that note reads, helpers that look into the views go through the same
wrappers, and the build's own bookkeeping (the output folder, the build state) is taken
out of what a template can see. `C2C_EXPLAIN=1` (or `c2c build --explain`) prints why
each page was rendered.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import site
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any, TypeVar

from jinja2 import meta

from c2c_registry.held import read_pickle

from . import tracking
from .fingerprint import Digest, Fingerprints

VERSION = 5
T = TypeVar("T")
# Settings that are the build's own bookkeeping, not inputs of a page: taken out of the
# pages' context, so no template can read them.
BOOKKEEPING = ("OUTPUT_PATH", "C2C_BUILD", "C2C_VIEWS", "C2C_PUBLISHED", "C2C_EXPLAIN", "C2C_FIRST", "JINJA_GLOBALS")


def incremental() -> bool:
    """C2C_INCREMENTAL=0 (an environment variable) renders every page from the views as
    they are, wraps nothing and keeps no records: the way to check that noting reads
    changes no byte."""
    return os.environ.get("C2C_INCREMENTAL", "1") != "0"


Own = tuple  # (the template's digest, ((context key, digest of its value), ...))


@dataclass
class PageRecord:
    own: Own  # what the page was given: its template and its context
    reads: tuple[int, ...]  # indexes into Records.reads
    output: Digest  # the bytes written
    file: tuple[int, int, int] | None = None  # (size, mtime_ns, inode) of the published file


@dataclass
class FileRecord:
    """A file that is not a page (data, an image, the service worker), by its bytes."""

    output: Digest  # the bytes written
    file: tuple[int, int, int] | None = None  # (size, mtime_ns, inode) of the published file


@dataclass
class Records:
    key: Digest
    reads: list[tuple[tracking.Read, Digest]] = field(default_factory=list)
    pages: dict[str, PageRecord] = field(default_factory=dict)
    templates: dict[Digest, list[str | None]] = field(default_factory=dict)  # a source's digest -> templates it names
    # Other work kept (`Reuse.memo`): its inputs' digest -> (what it gave, ((read, digest), ...))
    memo: dict[Digest, tuple[Any, tuple]] = field(default_factory=dict)
    files: dict[str, FileRecord] = field(default_factory=dict)  # by name in the site
    version: int = VERSION


def records_file(published: Path) -> Path:
    """Beside the published folder, never in it: it is not part of the site."""
    return published.with_name(f".{published.name}-pages")


def load(published: Path) -> Records | None:
    try:
        records = read_pickle(records_file(published))
    except Exception:  # none yet, from another version, or damaged: render everything
        return None
    return records if isinstance(records, Records) and records.version == VERSION else None


def save(records: Records, published: Path) -> None:
    """With each page's and file's published file as it now is; written whole, then renamed."""
    for url, page in records.pages.items():
        page.file = _file_state(published / _save_as(url))
    for name, kept in records.files.items():
        kept.file = _file_state(published / name)
    target = records_file(published)
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(records, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _file_state(path: Path) -> tuple[int, int, int] | None:
    """What tells a published file from one changed since (by hand, or by another build)."""
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


def forget(published: Path) -> None:
    records_file(published).unlink(missing_ok=True)


def _save_as(url: str) -> str:
    from c2c_registry.urls import save_as

    return save_as(url)


@cache
def code_digest() -> Digest:
    """The plugins' code, the Python and every installed package's version."""
    digest = hashlib.blake2b(digest_size=16)
    plugins = Path(__file__).resolve().parents[1]
    for path in sorted(plugins.rglob("*.py")):
        if "__pycache__" not in path.parts:
            digest.update(str(path.relative_to(plugins)).encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update(sys.version.encode())
    for folder in site.getsitepackages():  # not the folder the command runs in
        # Each installed package's folder of metadata is named after its version.
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else ():
            if name.endswith((".dist-info", ".egg-info", ".pth")):
                digest.update(name.encode() + b"\0")
    return digest.digest()


def build_key(settings: Mapping[str, Any], fingerprints: Fingerprints, tracked_globals: set[str]) -> Digest:
    """What every page depends on: the code, the settings (the build date among them)
    and the template globals that do not read the views."""
    values = {k: v for k, v in settings.items() if k not in BOOKKEEPING}
    globals_ = {k: v for k, v in settings.get("JINJA_GLOBALS", {}).items() if k not in tracked_globals}
    return hashlib.blake2b(code_digest() + fingerprints.of(values) + fingerprints.of(globals_),
                           digest_size=16).digest()


class Templates:
    """A template's digest with every template it extends, includes or imports."""

    def __init__(self, used: dict[Digest, list[str | None]] | None = None) -> None:
        self._digests: dict[tuple[int, str], Digest] = {}
        # A template's source (by digest) -> the templates it names: parsed once, whichever
        # generator's environment asks, and kept with the records for the next build.
        self.used: dict[Digest, list[str | None]] = dict(used or {})

    def digest(self, template) -> Digest:
        return self._of(template.environment, template.name, set())

    def _of(self, env, name: str, seen: set[str]) -> Digest:
        key = (id(env), name)
        if key in self._digests:
            return self._digests[key]
        if name in seen:  # a template that reaches itself: all of them, to be sure
            return self._all(env)
        source, _, _ = env.loader.get_source(env, name)
        parts = [name.encode(), source.encode()]
        known = hashlib.blake2b(source.encode(), digest_size=16).digest()
        if known not in self.used:
            self.used[known] = sorted(meta.find_referenced_templates(env.parse(source)), key=str)
        for used in self.used[known]:
            parts.append(self._all(env) if used is None else self._of(env, used, seen | {name}))
        self._digests[key] = digest = hashlib.blake2b(b"\0".join(parts), digest_size=16).digest()
        return digest

    def _all(self, env) -> Digest:
        """Every template (one named at render time could be any)."""
        key = (id(env), "\0all")
        if key not in self._digests:
            sources = [n.encode() + b"\0" + env.loader.get_source(env, n)[0].encode()
                       for n in sorted(env.list_templates())]
            self._digests[key] = hashlib.blake2b(b"\0".join(sources), digest_size=16).digest()
        return self._digests[key]


@dataclass
class Decision:
    render: bool
    reason: str = ""


class Reuse:
    """One build's view of the last one: which queued page to render, what other work
    can be taken as it was (`memo`), and the records this build leaves. Made once the
    views and the template globals exist (c2c_views, on Pelican's get_generators)."""

    def __init__(self, settings: Mapping[str, Any], views: Any, registry: Any, tracked_globals: set[str],
                 published: Path | None):
        self.views = views
        self.registry = registry
        self.fingerprints = Fingerprints()
        self.paths = tracking.container_paths(views)
        self.published = published
        self.key = build_key(settings, self.fingerprints, tracked_globals)
        unstable = list(self.fingerprints.undescribable)  # a setting or global no build can repeat
        self._settings = settings
        self._read_digests: dict[tracking.Read, Digest] = {}
        previous = load(published) if published is not None else None
        self.previous = previous
        self.templates = Templates(previous.templates if previous is not None else None)
        self.everything = (f"a setting cannot be compared: {unstable[0]}" if unstable else
                           "this is the first build into this folder" if previous is None else
                           "the code, a package, a setting or the build date changed" if previous.key != self.key
                           else "")
        self.records = Records(self.key, templates=self.templates.used)
        self._ids: dict[tracking.Read, int] = {}

    @cached_property
    def _changed(self) -> set[int]:
        """The last build's reads that give something else now: worked out when the first
        page is decided, not before (a page `c2c serve --watch` shows first need not wait)."""
        if self.everything or self.previous is None:
            return set()
        return {i for i, (item, digest) in enumerate(self.previous.reads) if self.read_digest(item) != digest}

    # The page's own inputs

    def context(self, base: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
        """The context a template sees: the generator's (the settings, and what Pelican
        adds) without the build's bookkeeping, and what the writer gave, the views'
        containers among it wrapped to note its reads."""
        context = dict(base)
        for k in BOOKKEEPING:
            context.pop(k, None)
        for k, v in given.items():
            path = self._views_path(v)
            context[k] = v if path is None else tracking.track(v, path)
        return context

    def _views_path(self, given: Any) -> tracking.Path | None:
        """Where in the views a container a writer gave is (its reads are noted, not its
        digest taken), or None for anything else."""
        return self.paths.get(id(given)) if tracking.is_container(given) else None

    def own(self, template, base: dict[str, Any], given: dict[str, Any]) -> Own:
        """The page's template (with those it uses) and what its context has beyond the
        settings (which the build key holds; the generator's context holds the settings
        themselves): what its writer gave it and what Pelican added, a container of the
        views by its path (its reads are noted), anything else by its digest."""
        parts = []
        for k in sorted((base.keys() - BOOKKEEPING - self._settings.keys()) | given.keys()):
            value = given[k] if k in given else base[k]
            path = self._views_path(value) if k in given else None  # Pelican's additions are never tracked
            parts.append((k, ("at", path) if path is not None else self.fingerprints.of(value)))
        return self.templates.digest(template), tuple(parts)

    def decide(self, url: str, own: Own | None) -> Decision:
        if self.everything:
            return Decision(True, self.everything)
        assert self.previous is not None
        record = self.previous.pages.get(url)
        if record is None:
            return Decision(True, "a new page")
        if record.own != own:
            assert own is not None
            if record.own[0] != own[0]:
                return Decision(True, "its template (or one it extends, includes or imports) changed")
            before, now = dict(record.own[1]), dict(own[1])
            keys = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
            return Decision(True, f"what its writer gave it changed: {', '.join(keys)}")
        changed = next((i for i in record.reads if i in self._changed), None)
        if changed is not None:
            return Decision(True, f"what it read changed: {describe(self.previous.reads[changed][0])}")
        assert self.published is not None
        state = _file_state(self.published / _save_as(url))
        if state is None:
            return Decision(True, "its file is missing from the published site")
        if record.file != state:
            return Decision(True, "its file in the published site was changed since it was written")
        return Decision(False)

    def keep_file(self, name: str, data: bytes) -> bool:
        """Whether the published file `name` (not a page) is already `data`, byte for
        byte, so it need not be written again: its record says so, and it is the file
        recorded (not changed since). Whatever the build key: bytes are bytes."""
        digest = hashlib.blake2b(data, digest_size=16).digest()
        self.records.files[name] = FileRecord(digest)
        kept = self.previous.files.get(name) if self.previous is not None else None
        return (kept is not None and kept.output == digest and self.published is not None
                and kept.file is not None and _file_state(self.published / name) == kept.file)

    # Other work

    def template_digest(self, template) -> Digest:
        """A template with every template it uses, for a memo's inputs."""
        return self.templates.digest(template)

    def memo(self, kind: str, inputs: Any, compute: Callable[[], T]) -> T:
        """`compute()`, or what it gave in the last build: the same `kind` of work on
        inputs with the same digest, whose reads of records through their references
        (noted as it ran) give what they gave then. Keeps only what `compute` returns
        and what it read; anything else it depends on belongs in `inputs` (the code and
        the settings are in the build key)."""
        key = hashlib.blake2b(kind.encode() + b"\0" + self.fingerprints.of(inputs), digest_size=16).digest()
        kept = None if self.everything or self.previous is None else self.previous.memo.get(key)
        if kept is not None and all(self.read_digest(item) == digest for item, digest in kept[1]):
            value, reads = kept
        else:
            with tracking.noting() as noted:
                value = compute()
            reads = tuple((item, self.read_digest(item)) for item in noted)
        self.records.memo[key] = (value, reads)
        return value

    # Reads

    def read_digest(self, item: tracking.Read) -> Digest:
        digest = self._read_digests.get(item)
        if digest is None:
            self._read_digests[item] = digest = self.fingerprints.of(tracking.read(self.views, item, self.registry))
        return digest

    def note(self, url: str, own: Own | None, reads: Any, output: Digest) -> None:
        """This build's record of a rendered page: the reads it made."""
        self._note(url, own, ((item, self.read_digest(item)) for item in reads), output)

    def note_kept(self, url: str, own: Own | None) -> None:
        """This build's record of a page taken as it was: its recorded reads, each with
        its recorded digest (none of them changed, or the page would have been rendered)."""
        assert self.previous is not None
        record = self.previous.pages[url]
        self._note(url, own, (self.previous.reads[i] for i in record.reads), record.output)

    def _note(self, url: str, own: Own | None, reads: Iterable[tuple[tracking.Read, Digest]], output: Digest) -> None:
        ids = []
        for item, digest in reads:
            index = self._ids.get(item)
            if index is None:
                self._ids[item] = index = len(self.records.reads)
                self.records.reads.append((item, digest))
            ids.append(index)
        assert own is not None
        self.records.pages[url] = PageRecord(own, tuple(sorted(ids)), output)


class NoReuse:
    """C2C_INCREMENTAL=0: every page rendered, all work done, nothing wrapped or kept."""

    records = None

    def context(self, base: dict[str, Any], given: dict[str, Any]) -> dict[str, Any]:
        return {**base, **given}

    def own(self, template, base: dict[str, Any], given: dict[str, Any]) -> None:
        return None

    def decide(self, url: str, own: Own | None) -> Decision:
        return Decision(True, "C2C_INCREMENTAL=0")

    def note(self, *args: Any) -> None:
        pass

    def note_kept(self, url: str, own: Own | None) -> None:
        raise AssertionError("no page is kept when nothing is compared")

    def keep_file(self, name: str, data: bytes) -> bool:
        return False

    def memo(self, kind: str, inputs: Any, compute: Callable[[], T]) -> T:
        return compute()

    def template_digest(self, template) -> Digest:
        return b""


def describe(item: tracking.Read) -> str:
    """A read in words: `views.directory.areas[3].listed (its length)`."""
    path, op = item
    text = "views" + "".join(_step(s) for s in path) if not path or path[0][0] != "@" else \
        f"the {path[0][1]} {' '.join(map(str, path[0][2:]))}"
    kind = op[0]
    if kind == "#len":
        return f"{text} (its length)"
    if kind == "#keys":
        return f"{text} (its keys)"
    if kind == "#all":
        return f"{text} (all of it)"
    if kind == "in":
        return f"{text} (whether it has {op[1]!r})"
    return text + _step(op)


def _step(step: tuple) -> str:
    if step[0] == ".":
        return f".{step[1]}"
    if step[0] == "[":
        return f"[{step[1]!r}]"
    return f".{step[1]}({', '.join(map(repr, step[2]))})"
