"""What every value in every file must be, whatever its field: text with something to
read, numbers that are numbers, and no invisible control characters.

A schema cannot say these once for all fields (and JSON Schema lets NaN through every
minimum and maximum), so they are checked here over the parsed data. Each finding claims
its value: the schema's own complaint about the same value is then dropped, so one bad
value gives one message.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from ..rules.problems import Problem, one_line
from .positions import SourceMap, dotted
from .reading import char_name

# Characters refused inside a value, however they got there (YAML writes "\e" or "\x07"
# inside double quotes as the character itself): controls but tab and newline (category
# Cc), halves of surrogate pairs (Cs: they cannot be written to a UTF-8 page), line and
# paragraph separators (Zl, Zp) and the non-characters. One regular expression, so a
# long text costs one scan in C.
_REFUSED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\ufdd0-\ufdef"
    + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(17)) + "]")


def refused_char(text: str) -> str:
    """The first character of `text` that no value may hold, or ''."""
    found = _REFUSED.search(text)
    return found.group() if found else ""


def visible(text: str) -> bool:
    """Whether `text` has something a reader can see: not only spaces, line breaks or
    invisible formatting characters."""
    return any(unicodedata.category(char)[0] not in "ZC" for char in text)


def value_problems(data: Any, smap: SourceMap, path: str) -> dict[tuple, Problem]:
    """Each value (or field name) that breaks one of these rules, by where it is."""
    found: dict[tuple, Problem] = {}
    for where, value, is_key in _walk(data, ()):
        finding = _finding(value, is_key, where, smap)
        if finding and where not in found:
            pos = smap.key(where) if is_key else smap.value(where)
            found[where] = Problem(path, pos.line, pos.column, dotted(where), finding[1], finding[0])
    return found


def _finding(value: Any, is_key: bool, where: tuple, smap: SourceMap) -> tuple[str, str] | None:
    """(rule, message) for one value that breaks a rule, else None."""
    if isinstance(value, str):
        bad = refused_char(value)
        if bad:  # a typed one stops read_text, so this one was written as an escape
            return ("control-character", f"{'this field name' if is_key else 'this text'} contains an invisible "
                    f"control character ({char_name(bad)}), written as an escape in quotes; remove it")
        if not is_key and not visible(value):
            return ("empty-value", "this is empty; write something or remove the field" if not value else
                    "this has only spaces or invisible characters; write something or remove the field")
    elif isinstance(value, float) and not math.isfinite(value):
        raw = one_line(smap.raw.get(where, ""), 20) or "this"
        return ("not-a-number", f"{raw} is YAML for 'not a number' or infinity, which no field takes; write "
                f"{_example(where)}, or remove the field")
    return None


def _example(where: tuple) -> str:
    name = where[-1] if where and isinstance(where[-1], str) else ""
    if name in ("lat", "lon"):
        return f"the {'latitude' if name == 'lat' else 'longitude'} as a number such as {_COORDS[name]}"
    return "an ordinary number, or text in quotes"


_COORDS = {"lat": "52.48", "lon": "-1.89"}


def _walk(data: Any, where: tuple) -> Iterator[tuple[tuple, Any, bool]]:
    """Every value, and every field name, with where it is."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield where + (key,), key, True
            yield from _walk(value, where + (key,))
    elif isinstance(data, list):
        for i, item in enumerate(data):
            yield from _walk(item, where + (i,))
    else:
        yield where, data, False
