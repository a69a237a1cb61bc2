"""Where a value is in a content file, and how a problem names it.

Every reader (YAML in source.py, page headers in pages.py) records a line and column for
each key and value in a SourceMap; every check then places its problem with it, and
names the field the way the README does (`actions[2].due`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..rules.problems import shown
from ..rules.rules import known_rule

Path_ = tuple  # a path into the data: keys and list indices


@dataclass(frozen=True, slots=True)
class Position:
    line: int
    column: int


class SourceError(Exception):
    """A file that cannot be read as registry data at all; `rule` names the rule it breaks."""

    def __init__(self, rule: str, message: str, line: int = 1, column: int = 1, field: str = "(file)"):
        super().__init__(message)
        self.rule = known_rule(rule)
        self.message = message
        self.line = line
        self.column = column
        self.field = field


@dataclass
class SourceMap:
    """Positions of the values (and of the keys) in one file, kept as (line, column)
    tuples: the parse cache (cache.py) holds about a million for a large registry, and
    plain tuples unpickle without a Python call each, which took a second off every run."""

    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    line_offset: int = 0

    def value(self, path: Path_) -> Position:
        """Where the value at `path` is, or its nearest enclosing value."""
        path = tuple(path)
        while path not in self.values and path:
            path = path[:-1]
        return self._shift(self.values.get(path, (1, 1)))

    def key(self, path: Path_) -> Position:
        """Where the key naming `path` is (falls back to the value)."""
        path = tuple(path)
        if path in self.keys:
            return self._shift(self.keys[path])
        return self.value(path)

    def _shift(self, pos: tuple[int, int]) -> Position:
        return Position(pos[0] + self.line_offset, pos[1])


_PLAIN_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]{0,39}")


def dotted(path: Path_) -> str:
    """`('actions', 2, 'due')` -> `actions[2].due`, the way errors name a field. A name that
    is not a plain word (a misspelt field can hold anything) is quoted and shortened."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        name = part if _PLAIN_NAME.fullmatch(part) else shown(part, 40)
        out += f".{name}" if out else name
    return out or "(file)"
