"""Valid templates for one file of each kind, odd files (bombs, links, pipes), and the
shape of what `c2c validate` prints.

The bad-input and edge-case tests add files made from these templates to a copy of the
tiny fixture site (tests/fixtures/tiny), one defect or one oddity per file.
"""

from __future__ import annotations

import os
import re
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

# How `c2c validate` prints: one line per problem, then one summary line.
PROBLEM_SHAPE = re.compile(
    r"^(?P<path>[^\n]+?):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<field>[^\n]+?): (?P<message>[^\n]+) "
    r"\[(?P<rule>[a-z0-9]+(?:-[a-z0-9]+)*)\]$")
SUMMARY_LINE = re.compile(r"^\d+ problems? in \d+ files?\. Nothing was built; fix these and run `c2c validate` again\.$")
# What Python or a parser would print, and a person fixing a file should never see: reprs
# of nodes, None, dicts, lists, nan; tracebacks and exception names; grammar tokens; "a empty".
INTERNALS = re.compile(
    r"Node\(|\bNone\b|\bTrue\b|\bFalse\b|\{'|\['|(?<![.\w'])(?:nan|inf)\b|Traceback|\w+Error\b|"
    r"<[a-z ]+>|\ba (?:empty|error|integer|object|array|other)\b|object at 0x")


def internals(message: str) -> list[str]:
    """Python or parser internals in a message, outside the values it quotes from the file."""
    return INTERNALS.findall(re.sub(r"'[^'\n]*'", "''", message))


ORG = """name: Corpus Test Organisation
sector: housing
areas: [birmingham]
summary: An organisation written by the corpus tests.
c2c:
  status: pledged
"""

COMMITMENT = """---
organisation: beta-housing
title: Corpus roundtable
held: 2024-01-10
approach: roundtable
approved: 2024-02-01
review_due: 2025-02-01
pledges:
  - id: first
    text: We pledge something useful
    stage: recovery
actions:
  - pledge: first
    text: Do the useful thing
    due: 2024-06-01
    measure: Count it
    updates:
      - date: 2024-03-01
        note: Started
---
What we learnt.
"""

SERVICE = """name: Corpus Test Service
provider: Corpus Charity
summary: A service written by the corpus tests.
stages: [crisis-prevention-and-relief]
client_groups: [single-adults]
areas: [birmingham]
contact:
  phone: "0121 496 0999"
hours:
  - days: [mon, tue]
    opens: "09:00"
    closes: "17:00"
languages: [en]
last_verified: 2026-10-01
"""

ALERT = """title: Corpus alert
message: Extra beds tonight.
areas: [birmingham]
active_from: 2026-11-01
active_until: 2026-11-30
"""


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares width x height pixels: a decompression bomb's
    calling card (a real one would inflate to width*height bytes). A few hundred bytes on
    disk; a reader that trusts the header before checking it would allocate gigabytes."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    # 1-bit greyscale; the compressed data is the first rows of zeros, left short.
    compressor = zlib.compressobj(9)
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    data = compressor.compress(row * 64) + compressor.flush()
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", data) + chunk(b"IEND", b""))


def alias_bomb() -> str:
    """The YAML "billion laughs": nine levels of nine aliases, 9**9 strings if expanded."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    names = "abcdefghi"
    for i, name in enumerate(names[1:], start=1):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{names[i - 1]}"] * 9) + "]")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Symlink:
    """A symbolic link to `target` (absolute, or relative to the link's folder), as git
    can store one in a pull request."""

    target: str


@dataclass(frozen=True)
class Fifo:
    """A named pipe: reading it would wait for a writer for ever."""


def write_files(content: Path, files: dict[str, bytes | str | Symlink | Fifo]) -> None:
    for rel, data in files.items():
        path = content / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Symlink):
            path.symlink_to(data.target)
        elif isinstance(data, Fifo):
            os.mkfifo(path)
        elif isinstance(data, str):
            path.write_bytes(data.encode("utf-8"))
        else:
            path.write_bytes(data)


# A helplines file (content/helplines.yaml): one line of its own, one that is a service.
HELPLINES = """helplines:
  - name: Emergency services
    for: In immediate danger
    phone: "999"
  - service: night-shelter
    for: Somewhere to sleep tonight
"""
