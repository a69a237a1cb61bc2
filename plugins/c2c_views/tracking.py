"""What a page reads from the views, noted as it is rendered.

A page is given its own values (a service, a listing's page, a term's view) and reads
more through the template globals (`views`, and helpers such as `award` or `changed`
that look into it). The parts of the views that group others, the "containers" (the
`SiteViews` and its parts, a directory listing, a term's view, a slice, and the lists
and dicts inside them), are handed to templates wrapped: each wrapper knows its path
from the views (`("directory", "areas", 3, "listed")`) and notes every read made
through it (an attribute, an item, a length, the keys, membership, a method's result,
or the whole value). Everything else (a record, a service as the directory shows it, a
page of items, a string) is a "leaf": handed over as it is, and noted whole, so the
templates read records at full speed.

A record's digest names the records it points at without describing them
(fingerprint.py), so following such a reference (`pledge.commitment`,
`organisation.services`) is a read too: those fields of the registry's records are
descriptors that note `(("@", kind, key), (".", field))`, the record by its identity.

A read is `(path, op)`; `reuse.py` resolves it again in a later build's views and
compares digests (`fingerprint.py`): a page whose reads all give the same values, from
the same template and the same context, would render the same bytes. Reads are noted
in the process that renders (a forked worker) and handed back with the page.
"""

from __future__ import annotations

import types
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from enum import Enum
from typing import Any

from .fingerprint import REFERENCES, find, identity

# A path is a tuple of steps from the views, each (".", attribute), ("[", key or index)
# or ("()", method, args, keyword args); a read is (path, op), op a step or one of these:
LEN, KEYS, ALL = ("#len",), ("#keys",), ("#all",)
Path = tuple
Read = tuple

_log: set[Read] | None = None  # the reads of the page being rendered, or None (not noting)
_CONTAINERS: dict[type, type] = {}  # container type -> its wrapper; filled by _containers()


def _containers() -> dict[type, type]:
    """The views' containers: lists, tuples, dicts and the namespaces below. (Imported
    here, on first use: the views' modules import the templates' helpers, which import
    this module.)"""
    if not _CONTAINERS:
        from c2c_registry.derive import Slice

        from .badges import BadgeViews
        from .directory.listings import DirectoryViews, Listing, PrintList
        from .progress import ProgressViews
        from .register import RegisterViews, TermView
        from .submit import SubmitView
        from .views import SiteViews

        namespaces = (SiteViews, RegisterViews, ProgressViews, BadgeViews, DirectoryViews, SubmitView, Listing,
                      PrintList, TermView, Slice)
        _CONTAINERS.update({list: _Seq, tuple: _Seq, dict: _Map, **dict.fromkeys(namespaces, _Obj)})
    return _CONTAINERS


def _note(read: Read) -> None:
    if _log is not None:
        _log.add(read)


@contextmanager
def noting() -> Iterator[set[Read]]:
    """Note the reads made inside the block (nested blocks note into their own set,
    and their reads are added to the enclosing one when they end)."""
    global _log
    outer, _log = _log, set()
    try:
        yield _log
    finally:
        inner, _log = _log, outer
        if outer is not None:
            outer.update(inner)


def replay(reads: Iterable[Read]) -> None:
    """Note reads made earlier (a macro's markup kept by `once`, given again)."""
    if _log is not None:
        _log.update(reads)


class _Reference:
    """A field of a record that is another record, or a list of them: reading it while
    a page renders is noted, with the record it was read from named by its identity."""

    def __init__(self, name: str):
        self.name = name

    def __get__(self, record: Any, owner: type) -> Any:
        if record is None:
            return self
        value = record.__dict__[self.name]
        if _log is not None:
            named = _named.get(id(record))
            if named is None:
                _named[id(record)] = named = (("@", *identity(record)),)
            _log.add((named, (".", self.name)))
        return value

    def __set__(self, record: Any, value: Any) -> None:
        record.__dict__[self.name] = value


_PLAIN: dict[tuple[type, str], Any] = {}  # what each class had under the name before
_named: dict[int, tuple] = {}  # a record's path, by id, while references are noted (the records live as long)


def note_references(on: bool) -> None:
    """Make the records' references note their reads (`on`), or plain fields again.
    Only while pages and the writers' memos run: the views, built before, follow
    references a million times at the medium size."""
    for kind, names in REFERENCES.items():
        for name in names:
            if on and (kind, name) not in _PLAIN:
                _PLAIN[(kind, name)] = kind.__dict__.get(name, _Reference)
                setattr(kind, name, _Reference(name))
            elif not on and (kind, name) in _PLAIN:
                _named.clear()
                before = _PLAIN.pop((kind, name))
                if before is _Reference:
                    delattr(kind, name)
                else:
                    setattr(kind, name, before)


def is_container(value: Any) -> bool:
    return type(value) in _containers()


def track(value: Any, path: Path) -> Any:
    """`value`, wrapped to note reads as the container at `path`; a leaf as it is."""
    wrapper = _containers().get(type(value))
    return wrapper(value, path) if wrapper is not None else value


def unwrap(value: Any) -> Any:
    return value._o if isinstance(value, _Tracked) else value


def _out(path: Path, step: tuple, value: Any) -> Any:
    """What a read through a wrapper gives: a container wrapped with its path, or a leaf,
    noted as read."""
    wrapper = _CONTAINERS.get(type(value))
    if wrapper is not None:
        return wrapper(value, path + (step,))
    _note((path, step))
    return value


class _Tracked:
    __slots__ = ("_o", "_p")

    def __init__(self, value: Any, path: Path):
        self._o, self._p = value, path

    def _whole(self) -> Any:
        _note((self._p, ALL))
        return self._o

    def __eq__(self, other: Any) -> bool:
        return self._whole() == unwrap(other)

    def __ne__(self, other: Any) -> bool:
        return self._whole() != unwrap(other)

    def __hash__(self) -> int:
        return hash(self._whole())

    def __str__(self) -> str:
        return str(self._whole())

    def __repr__(self) -> str:
        return repr(self._whole())


class _Obj(_Tracked):
    """A namespace of the views (a dataclass): its attributes are read one by one."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            value = getattr(self._o, name)
        except AttributeError:
            _note((self._p, (".", name)))  # that it is missing is read too
            raise
        if isinstance(value, types.MethodType):
            return _method(self._p, name, value)
        return _out(self._p, (".", name), value)

    def __bool__(self) -> bool:
        if hasattr(type(self._o), "__len__") or hasattr(type(self._o), "__bool__"):
            return bool(self._whole())
        return True


def _method(path: Path, name: str, method) -> Any:
    """A view's method: its result for the arguments given is the read."""
    def call(*args: Any, **kwargs: Any) -> Any:
        args = tuple(unwrap(a) for a in args)
        kwargs = {k: unwrap(v) for k, v in kwargs.items()}
        try:
            hash((args, tuple(sorted(kwargs.items()))))
        except TypeError:  # arguments that cannot be named again: the whole object is read
            _note((path, ALL))
            return method(*args, **kwargs)
        return _out(path, ("()", name, args, tuple(sorted(kwargs.items()))), method(*args, **kwargs))
    return call


class _Sized(_Tracked):
    """A list, tuple or dict: its length (and so whether it is empty) is a read of its own."""

    __slots__ = ()

    def __len__(self) -> int:
        _note((self._p, LEN))
        return len(self._o)

    def __bool__(self) -> bool:
        _note((self._p, LEN))
        return bool(self._o)


class _Seq(_Sized, Sequence):
    """A list or tuple: its length, its items one by one, or all of it."""

    __slots__ = ()

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            return self._whole()[index]
        try:
            value = self._o[index]
        except (IndexError, TypeError):
            _note((self._p, ("[", index)))
            raise
        return _out(self._p, ("[", index), value)

    def __iter__(self) -> Iterator[Any]:
        items = self._o
        if not any(type(v) in _CONTAINERS for v in items):  # all leaves: one read of the whole list
            _note((self._p, ALL))
            return iter(items)
        _note((self._p, LEN))
        return (_out(self._p, ("[", i), v) for i, v in enumerate(items))

    def __reversed__(self) -> Iterator[Any]:
        return reversed(list(self))

    def __contains__(self, value: Any) -> bool:
        return unwrap(value) in self._whole()

    def __add__(self, other: Any) -> Any:
        return self._whole() + unwrap(other)

    def __radd__(self, other: Any) -> Any:
        return unwrap(other) + self._whole()


class _Map(_Sized, Mapping):
    """A dict: an item by its key, whether a key is there, its keys, its length."""

    __slots__ = ()

    def __getitem__(self, key: Any) -> Any:
        try:
            value = self._o[key]
        except (KeyError, TypeError):
            _note((self._p, ("[", key)))
            raise
        return _out(self._p, ("[", key), value)

    def get(self, key: Any, default: Any = None) -> Any:
        try:
            return self[key]
        except (KeyError, TypeError):
            return default

    def __contains__(self, key: Any) -> bool:
        key = unwrap(key)
        try:
            _note((self._p, ("in", key)))
        except TypeError:
            _note((self._p, KEYS))
        return key in self._o

    def __iter__(self) -> Iterator[Any]:
        _note((self._p, KEYS))
        return iter(self._o)

    def keys(self) -> Any:
        _note((self._p, KEYS))
        return self._o.keys()

    def values(self) -> Any:  # a list, each value wrapped or noted
        _note((self._p, KEYS))
        return [_out(self._p, ("[", k), v) for k, v in self._o.items()]

    def items(self) -> Any:  # a list of (key, value wrapped or noted)
        _note((self._p, KEYS))
        return [(k, _out(self._p, ("[", k), v)) for k, v in self._o.items()]



# Reading again, in a later build: the same path and op on that build's views.

class Gone(Exception):
    """A path that leads nowhere in these views."""


def follow(root: Any, path: Path, registry: Any = None) -> Any:
    """The container at `path` from `root` (the views), or the record it names."""
    value = root
    _containers()
    for step in path:
        try:
            if step[0] == "@":
                value = find(registry, step[1:])
                continue
            value = _step(value, step)
        except (AttributeError, LookupError, TypeError, StopIteration) as err:
            raise Gone(path) from err
        if type(value) not in _CONTAINERS:
            raise Gone(path)
    return value


def _step(value: Any, step: tuple) -> Any:
    kind = step[0]
    if kind == ".":
        return getattr(value, step[1])
    if kind == "[":
        return value[step[1]]
    if kind == "()":
        return getattr(value, step[1])(*step[2], **dict(step[3]))
    raise ValueError(f"not a step: {step!r}")


class Absent(Enum):
    """What a read of something absent gives (a missing key or attribute, a path gone)."""

    MISSING = "missing"


MISSING = Absent.MISSING


def read(root: Any, item: Read, registry: Any = None) -> Any:
    """What the read `(path, op)` gives in the views at `root` (and the registry they
    were built from): a value to digest."""
    path, op = item
    try:
        value = follow(root, path, registry)
    except Gone:
        return MISSING
    kind = op[0]
    try:
        if kind == "#len":
            return len(value)
        if kind == "#keys":
            return tuple(value)
        if kind == "#all":
            return value
        if kind == "in":
            return op[1] in value
        return _step(value, op)
    except (AttributeError, LookupError, TypeError):
        return MISSING


def container_paths(root: Any) -> dict[int, Path]:
    """Every container in the views, by id, with its first path from the root: how a
    container given to a page as its own (a listing, a term's view) is named."""
    _containers()
    paths: dict[int, Path] = {id(root): ()}
    todo: deque[tuple[Any, Path]] = deque([(root, ())])
    while todo:
        value, path = todo.popleft()  # breadth first: the shortest path names a container
        if isinstance(value, dict):
            children: Any = ((("[", k), v) for k, v in value.items())
        elif isinstance(value, (list, tuple)):
            children = ((("[", i), v) for i, v in enumerate(value))
        else:
            children = (((".", f), getattr(value, f)) for f in value.__dataclass_fields__)
        for step, child in children:
            if type(child) in _CONTAINERS and id(child) not in paths:
                paths[id(child)] = path + (step,)
                todo.append((child, path + (step,)))
    return paths
