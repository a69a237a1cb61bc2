"""A seeded mutation fuzzer for content files: `mutate` breaks a file one to three ways (a
YAML token or an odd character dropped in, a span cut out, a line repeated or
re-indented, a value replaced, the file cut short), and `check_problem_lines` holds every
problem line to the shape people read."""

from __future__ import annotations

import random
from pathlib import Path

from c2c_registry.rules.problems import unsafe_char

from support.content_corpus import PROBLEM_SHAPE, internals

SEED = 20269  # change it to explore; keep it fixed in the suite
MAX_LINE = 1500

# What gets dropped into a file: YAML syntax, typed values, odd characters.
TOKENS = [
    "\n", ": ", ":", "- ", "-", " ", "  ", "\t", "#", "[", "]", "{", "}", ",", "'", '"', "\\", "&a ", "*a", "!!str ",
    "!x ", "? ", "|", ">", "---\n", "...\n", "~", "null", ".nan", ".inf", "-.inf", ".NaN", "yes", "no", "on",
    "17:00", "1e999", "0x1F", "0o17", "2024-02-30", "2024-13-01", "12/05/2024", "99999999999999999999999",
    "x" * 400, "\x1b[31m", "\x00", "\x07", "\x85", "\u2028", "\u200b", "\u202e", "\ufeff", "\ud7ff", "é", "🏠",
    "<script>alert(1)</script>", "javascript:alert(1)", '"\\e"', '"\\0"', '"\\x07"', '"\\u2028"', '"\\ud800"',
    "{x: 1}", "[a, b]", "''", '""', "' '", '"\\t"', "%", "@", "`", "Title: ", "Slug: directory", "Date: 03/04/2026",
    "Save_as: index.html", "Status: draft", "beta-housign", "alpha-trust", "test-organisatoin",
]


def mutate(text: str, rnd: random.Random) -> str:
    """`text` broken one to three ways."""
    for _ in range(rnd.randint(1, 3)):
        lines = text.split("\n")
        kind = rnd.randrange(8)
        at = rnd.randrange(len(text) + 1)
        if kind <= 2:  # the most telling: drop a token anywhere
            text = text[:at] + rnd.choice(TOKENS) + text[at:]
        elif kind == 3:  # cut a span out
            text = text[:at] + text[at + rnd.randint(1, 40):]
        elif kind == 4 and len(lines) > 1:  # repeat or move a line
            i, j = rnd.randrange(len(lines)), rnd.randrange(len(lines))
            lines.insert(j, lines[i] if rnd.random() < 0.5 else lines.pop(i))
            text = "\n".join(lines)
        elif kind == 5:  # re-indent a line
            i = rnd.randrange(len(lines))
            lines[i] = " " * rnd.choice([0, 1, 3, 4, 8]) + lines[i].lstrip()
            text = "\n".join(lines)
        elif kind == 6:  # replace a value
            i = rnd.randrange(len(lines))
            if ": " in lines[i]:
                lines[i] = lines[i].split(": ", 1)[0] + ": " + rnd.choice(TOKENS).strip("\n")
                text = "\n".join(lines)
        else:  # cut the file short
            text = text[:at]
    return text


def check_problem_lines(lines: list[str], where: str) -> None:
    for line in lines:
        shape = PROBLEM_SHAPE.match(line)
        assert shape, f"{where}: not a problem line: {line[:300]!r}"
        assert shape["rule"] != "checker-failed", f"{where}: the checker failed: {line[:300]!r}"
        assert not any(unsafe_char(c) for c in line), f"{where}: an unsafe character in {line[:300]!r}"
        assert len(line) < MAX_LINE, f"{where}: a line of {len(line)} characters: {line[:300]!r}"
        assert not internals(shape["message"]), f"{where}: Python or parser internals in {line[:300]!r}"


def content_files(content: Path) -> list[Path]:
    return sorted(p for p in content.rglob("*") if p.is_file())
