"""A digest of any value a page may read, the same for the same value in every build.

Incremental rendering (`reuse.py`) keeps a page when nothing it read has changed; what
it read is compared by these digests. Two values get the same digest only when they
hold the same data: every field of a dataclass (not its cached properties, which are
derived from the fields), every item of a list or dict in order, a set's items sorted,
a function's code, defaults and closure, a str subclass (Markup) apart from a plain str.
A value that cannot be described (an open file, a generator...) gets a digest of its
own that no later build repeats, so a page that read it is always rendered again.

The registry's records point at each other (a pledge at its commitment, a commitment
at its organisation, which lists its commitments and services), so a record reaches
the whole of its organisation. A record's digest is therefore its own fields, with the
records it points at named by their identity (`identity`), not described: the pages
that go from one record to another do it through the reference fields
(`REFERENCES`), and tracking.py notes each such step as a read of its own. So a page
listing a pledge is not rendered again when another of its organisation's services
changes, only one that showed that service.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import marshal
import operator
import os
import re
import types
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from enum import Enum
from pathlib import PurePath
from typing import Any

from c2c_registry import model

Digest = bytes
# The fields of a record that are other records (or lists of them): described by the
# records' identities; following one is a read (tracking.py).
REFERENCES: dict[type, tuple[str, ...]] = {
    model.Organisation: ("commitments", "services"),
    model.Commitment: ("organisation", "pledges", "actions", "discussion"),
    model.Pledge: ("commitment",),
    model.Action: ("pledge",),
    model.DiscussionItem: ("commitment",),
    model.Service: ("organisation",),
}
_SCALARS = frozenset((str, int, bool, float, type(None)))  # their own description
_SHORT = 16


def identity(record: Any) -> tuple:
    """A record's name in any build: its kind and its key."""
    kind = type(record)
    if kind is model.Pledge:
        return ("Pledge", record.__dict__["commitment"].slug, record.id)
    if kind is model.Action:
        return ("Action", record.__dict__["pledge"].__dict__["commitment"].slug, record.number)
    if kind is model.DiscussionItem:
        owner = record.__dict__["commitment"]
        return ("DiscussionItem", owner.slug, next(i for i, d in enumerate(owner.__dict__["discussion"])
                                                   if d is record))
    return (kind.__name__, record.slug)


def find(registry: model.Registry, name: tuple) -> Any:
    """The record with this identity in `registry` (KeyError, or StopIteration, if none)."""
    kind = name[0]
    if kind == "Organisation":
        return registry.organisations[name[1]]
    if kind == "Service":
        return registry.services[name[1]]
    commitment = registry.commitments[name[1]]
    if kind == "Commitment":
        return commitment
    if kind == "Pledge":
        return next(p for p in commitment.pledges if p.id == name[2])
    if kind == "Action":
        return next(a for a in commitment.actions if a.number == name[2])
    if kind == "DiscussionItem":
        return commitment.discussion[name[2]]
    raise KeyError(name)


class Undescribable(Exception):
    """A value with no stable description: a page that read it is rendered every time."""


def _digest(description: tuple) -> Digest:
    """A description is a tuple of scalars, 16-byte digests and tuples of those: marshal
    writes each with its type and length, so two different ones never give the same bytes.
    Version 0, because later versions write a string differently when Python happened to
    intern it, and a repeated object as a reference to its first place."""
    return hashlib.blake2b(marshal.dumps(description, 0), digest_size=16).digest()


class Fingerprints:
    """Digests of values, each object described once per build (kept by id, with the
    object, so an id is never reused while the digest is kept). The views are not changed
    once built, which is what makes keeping them by id sound."""

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, Digest]] = {}
        self._fields: dict[type, tuple[str, Any]] = {}
        self.undescribable: list[str] = []  # what could not be described, for --explain

    def of(self, value: Any) -> Digest:
        """The digest of `value`; one of its own (never repeated) when it cannot be described."""
        try:
            described = self._of(value)
        except (Undescribable, RecursionError) as err:
            self.undescribable.append(str(err) if isinstance(err, Undescribable) else
                                      f"a {type(value).__qualname__} nested too deep, or in a cycle")
            return _digest(("undescribable", os.urandom(16)))
        return described if type(described) is bytes else _digest(("scalar", described))

    # What follows raises Undescribable (or RecursionError, for a cycle) instead of answering.

    def _of(self, value: Any) -> Any:
        """A scalar as it is, a short tuple or list of scalars as a tuple of them (the
        many pairs and short lists of the views cost no digest of their own), anything
        else as its 16-byte digest."""
        kind = type(value)
        if kind in _SCALARS:
            return value
        kept = self._memo.get(id(value))
        if kept is not None:
            return kept[1]
        if (kind is tuple or kind is list) and len(value) <= _SHORT:
            for item in value:
                if type(item) not in _SCALARS:
                    break
            else:
                return ("t" if kind is tuple else "l", *value)
        digest = _digest(self._describe(value))
        self._memo[id(value)] = (value, digest)
        return digest

    def _describe(self, value: Any) -> tuple:
        inner = self._of
        kind = type(value)
        if kind is list or kind is tuple:
            return (kind.__name__, *map(inner, value))
        plan = self._fields.get(kind)
        if plan is not None:
            return (plan[0], *map(inner, plan[1](value)))
        if kind is dict:
            return ("dict", *(x for k, v in value.items() for x in (inner(k), inner(v))))
        name = f"{kind.__module__}.{kind.__qualname__}"
        if kind in REFERENCES:  # a record: its fields, the records it points at by identity
            plan = (name, _record_getter(kind))
            self._fields[kind] = plan
            return (name, *map(inner, plan[1](value)))
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            names = [f.name for f in dataclasses.fields(value)]
            self._fields[kind] = plan = (name, _getter(names))
            return (name, *map(inner, plan[1](value)))
        if isinstance(value, str):  # Markup and other str subclasses render differently from a str
            return (name, str(value))
        if isinstance(value, (list, tuple)):
            return (name, *map(inner, value))
        if isinstance(value, dict):
            return (name, *(x for k, v in value.items() for x in (inner(k), inner(v))))
        if isinstance(value, (set, frozenset)):
            return (name, *sorted(map(inner, value), key=lambda d: marshal.dumps(d, 0)))
        if isinstance(value, (bytes, complex, Decimal)):
            return (name, repr(value))
        if isinstance(value, (date, datetime, time, timedelta, PurePath)):
            return (name, repr(value))
        if isinstance(value, Enum):
            return (name, repr(value.value))
        if isinstance(value, (types.FunctionType, types.LambdaType)):
            return (name, _code(value.__code__), inner(value.__defaults__), inner(value.__kwdefaults__),
                    *(inner(c.cell_contents) for c in value.__closure__ or ()))
        if isinstance(value, types.MethodType):
            return (name, inner(value.__func__), inner(value.__self__))
        if isinstance(value, (types.BuiltinFunctionType, type)):
            return (name, getattr(value, "__module__", None) or "", value.__qualname__)
        if isinstance(value, types.ModuleType):
            return (name, value.__name__)
        if isinstance(value, re.Pattern):
            return (name, value.pattern if isinstance(value.pattern, str) else repr(value.pattern), int(value.flags))
        if isinstance(value, functools.partial):
            return (name, inner(value.func), inner(value.args), inner(value.keywords))
        if kind.__module__.startswith("pelican.contents"):  # content/pages/, as Pelican read it
            return (name, *(inner(getattr(value, a, None)) for a in ("source_path", "_content", "metadata", "url",
                                                                      "save_as", "status")))
        if kind.__module__.startswith("pelican.urlwrappers"):
            return (name, str(value), getattr(value, "slug", ""))
        slots = [s for k in kind.__mro__ for s in getattr(k, "__slots__", ()) if hasattr(value, s)]
        state = getattr(value, "__dict__", None)
        if (state is not None or slots) and _plain_class(kind):
            return (name, *(x for k, v in (state or {}).items() for x in (k, inner(v))),
                    *(x for s in slots for x in (s, inner(getattr(value, s)))))
        raise Undescribable(f"a {name} (no stable description)")


def _record_getter(kind: type):
    """A record's fields as a tuple, each record it points at by its identity (read
    from the instance, not through the reference's descriptor: describing is not reading)."""
    references = set(REFERENCES[kind])
    names = [f.name for f in dataclasses.fields(kind)]

    def named(value: Any) -> Any:
        if isinstance(value, list):
            return tuple(identity(v) for v in value)
        return None if value is None else identity(value)

    def get(record: Any) -> tuple:
        fields = record.__dict__
        return tuple(named(fields[n]) if n in references else fields[n] for n in names)
    return get


def _getter(names: list[str]):
    """The fields' values of an object, as a tuple, in one call."""
    if not names:
        return lambda _: ()
    get = operator.attrgetter(*names)
    return get if len(names) > 1 else (lambda value: (get(value),))


def _code(code: types.CodeType) -> Digest:
    """What a function does: its bytecode, constants and names (nested code included)."""
    consts = tuple(_code(c) if isinstance(c, types.CodeType) else repr(c) for c in code.co_consts)
    return _digest((code.co_code, consts, code.co_names, code.co_qualname))


def _plain_class(kind: type) -> bool:
    """A class whose instances are data (ours or a library's), not a handle on the
    outside world (files, sockets, locks, threads) or a lazy stream."""
    return not issubclass(kind, (types.GeneratorType, types.CoroutineType)) and kind.__module__ not in (
        "_io", "io", "socket", "_thread", "threading", "sqlite3", "builtins")
