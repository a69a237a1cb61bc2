"""The last check before a service file is written: the validator's own rules.

Every mapped service is checked with the code `c2c validate` runs on a file (the JSON
Schema and the rules every value keeps, `c2c_registry.load.schemas.schema_problems`), plus
the single-file rules of the cross-file checks (known vocabulary ids, opening hours
that open and close). Whatever it still refuses is dropped, the smallest part that
holds it (one place, one opening period, one optional field), and said; a refusal in a
field the directory cannot do without skips the record. So no file is written that
`c2c validate` would refuse.
"""

from __future__ import annotations

import re
from typing import Any

from c2c_registry.load.positions import SourceMap
from c2c_registry.load.schemas import schema_problems
from c2c_registry.model import Term

from .mapping import VOCABULARY_OF
from .repair import Note

REQUIRED = ("name", "summary", "stages", "client_groups", "areas", "contact", "last_verified", "organisation",
            "provider", "(file)")
# A refusal inside one of these drops that whole entry of the list.
WHOLE_ENTRIES = ("locations", "hours", "exceptions", "sessions")
MAX_ROUNDS = 50


def _path(field: str) -> tuple:
    """`locations[0].postcode` -> ('locations', 0, 'postcode'): our field names are plain."""
    return tuple(int(p) if p.isdigit() else p for p in re.findall(r"[A-Za-z_]+|\d+", field))


def problems(data: dict[str, Any], vocab: dict[str, dict[str, Term]]) -> list[tuple[tuple, str]]:
    """(where, message) for everything the validator would refuse in one service file."""
    found = [(_path(p.field), p.message) for p in schema_problems("service", data, SourceMap(), "import")]
    for name, vocabulary in VOCABULARY_OF.items():
        for i, value in enumerate(data.get(name, []) if isinstance(data.get(name), list) else []):
            if value not in vocab[vocabulary]:
                found.append(((name, i), f"'{value}' is not one of the known {vocabulary}"))
    for i, span in enumerate(data.get("hours", []) if isinstance(data.get("hours"), list) else []):
        if isinstance(span, dict) and span.get("opens") == span.get("closes"):
            found.append((("hours", i), "opens and closes at the same time"))
    return found


def admit(data: dict[str, Any], vocab: dict[str, dict[str, Term]]) -> tuple[dict[str, Any], list[Note], str]:
    """(data the validator accepts, what was dropped, '' or why the record is skipped)."""
    notes: list[Note] = []
    for _ in range(MAX_ROUNDS):
        found = problems(data, vocab)
        if not found:
            return data, notes, ""
        where, message = found[0]
        drop = _part_to_drop(data, where)
        if not drop:
            return data, notes, f"{_dotted(where) or 'the record'}: {message}"
        notes.append(Note("left-out", _dotted(drop), "the validator refuses it", message))
        data = _without(data, drop)
    return data, notes, "the validator kept refusing it"


def _part_to_drop(data: dict[str, Any], where: tuple) -> tuple:
    """The smallest part holding a refused value that the file can do without, or ()."""
    if not where:
        return ()
    entry = where[:2] if len(where) > 1 else ()
    if where[0] in REQUIRED:
        others = data.get(where[0])
        if entry and isinstance(others, (dict, list)) and len(others) > 1:
            return entry  # one contact of several, or one stage of several
        return ()
    if entry and (where[0] in WHOLE_ENTRIES or isinstance(where[1], int)):
        return entry
    return where[:1]


def _dotted(where: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in where).lstrip(".")


def _without(data: dict[str, Any], where: tuple) -> dict[str, Any]:
    """A copy of `data` without the value at `where`; a list or group left empty goes too."""
    out = dict(data)
    if len(where) == 1:
        out.pop(where[0], None)
        return out
    parent = out.get(where[0])
    if isinstance(parent, list):
        parent = [item for i, item in enumerate(parent) if i != where[1]]
    elif isinstance(parent, dict):
        parent = {k: v for k, v in parent.items() if k != where[1]}
    if parent:
        out[where[0]] = parent
    else:
        out.pop(where[0], None)
    return out
