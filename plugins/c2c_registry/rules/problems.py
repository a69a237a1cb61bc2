"""A problem found in a content file, the two ways of printing it, and how a value from a
file is quoted in a message.

A problem is always one line: whatever a file holds (a newline, a terminal escape code,
300,000 characters), a message shows it escaped and shortened, so a value can neither
forge a second problem line nor reach the reviewer's terminal as a command.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass

from ..words import count
from .rules import is_warning, known_rule

SHOWN_CHARS = 80  # a value longer than this is shortened with an ellipsis

_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def unsafe_char(char: str) -> bool:
    """A character a terminal or a log reader would not show as itself: control and format
    characters, line and paragraph separators, and halves of a surrogate pair."""
    return unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp")


def _escaped(char: str) -> str:
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def one_line(text: str, limit: int | None = None) -> str:
    """`text` with every unsafe character written as an escape (a newline as \\n), and
    shortened to about `limit` characters with an ellipsis."""
    out: list[str] = []
    length = 0
    for char in text:
        piece = _escaped(char) if unsafe_char(char) else char
        if limit is not None and length + len(piece) > limit - 1:
            out.append("…")
            break
        out.append(piece)
        length += len(piece)
    return "".join(out)


def shown(text: str, limit: int = SHOWN_CHARS) -> str:
    """A value from a file as a message quotes it: in single quotes, escaped, shortened."""
    return f"'{one_line(text, limit)}'"


def number(value: int | float) -> str:
    """A number as a message shows it (never nan or inf, and never thousands of digits)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "not a number"
    text = str(value) if isinstance(value, int) and abs(value) < 10**60 else f"{value:.6g}"
    return one_line(text, SHOWN_CHARS)


def described(value: object) -> str:
    """Any value from a file in words: text quoted, other kinds named."""
    if isinstance(value, str):
        return shown(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "an empty value"
    if isinstance(value, (int, float)):
        return f"the number {number(value)}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return "a value"


@dataclass(frozen=True, order=True)
class Problem:
    path: str  # relative to the project, as WMCA staff see it in the pull request
    line: int
    column: int
    field: str
    message: str
    rule: str  # a name from rules.py; anything else is refused

    def __post_init__(self) -> None:
        known_rule(self.rule)
        # The last line of defence: whatever a message was built from, it prints as one line.
        for name in ("path", "field", "message"):
            value = getattr(self, name)
            if any(unsafe_char(c) for c in value):
                object.__setattr__(self, name, one_line(value))

    def plain(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.field}: {self.message} [{self.rule}]"

    def github(self) -> str:
        """A GitHub Actions workflow command, so the error shows on the PR's diff."""
        text = f"{self.field}: {self.message}"
        text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        path = self.path.replace("%", "%25").replace(",", "%2C").replace(":", "%3A")
        level = "warning" if self.warning else "error"
        return f"::{level} file={path},line={self.line},col={self.column},title={self.rule}::{text}"

    @property
    def warning(self) -> bool:
        """A content-quality warning (shown, not blocking) rather than an error."""
        return is_warning(self.rule)


CHECKER_FAILED = "checker-failed"


def checker_failed(path: str) -> Problem:
    """The checker itself failed on a file: a fault to report, named like any problem."""
    return Problem(path, 1, 1, "(file)", "the checker failed on this file; this is a fault in c2c, not in your "
                   "file: please report it with the file attached", CHECKER_FAILED)


def report(problems: list[Problem], github: bool = False) -> str:
    """Every problem, one a line, sorted by file and line, then a count."""
    lines = [p.plain() for p in sorted(problems)]
    if github:
        lines += [p.github() for p in sorted(problems)]
    files = len({p.path for p in problems})
    summary = (
        f"{count(len(problems), 'problem')} in {count(files, 'file')}. Nothing was built; fix these and run "
        "`c2c validate` again."
    )
    if any(p.rule == CHECKER_FAILED for p in problems):
        summary += " The checker itself failed on a file: that is a fault in c2c, not in your content; please report it."
    lines.append(summary)
    return "\n".join(lines)


def warnings_report(warnings: list[Problem], github: bool = False, blocking: bool = False) -> str:
    """Content-quality warnings, one a line like problems, then a count that says
    whether they stop anything (only when warnings are set to count as errors)."""
    if not warnings:
        return ""
    lines = [f"warning: {w.plain()}" for w in sorted(warnings)]
    if github:
        lines += [w.github() for w in sorted(warnings)]
    files = len({w.path for w in warnings})
    lines.append(f"{count(len(warnings), 'warning')} in {count(files, 'file')}: "
                 + ("warnings count as errors here (C2C_WARNINGS_AS_ERRORS), so fix them first." if blocking
                    else "worth a look before approval, but they do not stop the build."))
    return "\n".join(lines)
