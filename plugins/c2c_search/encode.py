"""Numbers as short text: what the index files hold, and how search-core.js reads them.

Postings are long runs of small numbers. Each is written as base64 VLQ (as source maps
write them): five bits a character, least significant first, the sixth bit saying
another character follows. The files stay JSON, which every web server compresses
(a binary file is often sent as it is), and gzip squeezes the characters further.

A glossary group's posting is the document's number as above, then (phrase * 2, plus 1
if a phrase of the group is all in the name), then its weight as one character.

A posting, for one term in one document, is the numbers

    document - previous document - 1,
    (positions - 1) + 4 * fields,        fields: 1 name, 2 tags, 4 text
    weight,                              one plain base64 character (0..63)
    [name length],                       only when the term is in the name
    first position, then each next position minus the one before
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .index import Posting

DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def vlq(n: int) -> str:
    if n < 0:
        raise ValueError(f"only numbers of 0 or more are written, not {n}")
    out = []
    while True:
        digit, n = n & 31, n >> 5
        if n:
            out.append(DIGITS[digit | 32])
        else:
            out.append(DIGITS[digit])
            return "".join(out)


_SMALL = [vlq(n) for n in range(1024)]


def vlqs(numbers: Iterable[int]) -> str:
    return "".join(_SMALL[n] if n < 1024 else vlq(n) for n in numbers)


def read_vlqs(text: str) -> list[int]:
    """The inverse of `vlqs` (search-core.js `readVlq`), for the tests."""
    out, value, shift = [], 0, 0
    for ch in text:
        digit = DIGITS.index(ch)
        value |= (digit & 31) << shift
        if digit & 32:
            shift += 5
        else:
            out.append(value)
            value, shift = 0, 0
    return out


def posting(fields: int, weight: int, name_length: int, positions: list[int]) -> str:
    """A posting less its document number (which depends on the one before)."""
    small = _SMALL
    parts = [small[len(positions) - 1 + 4 * fields], DIGITS[weight]]
    if fields & 1:
        parts.append(small[name_length] if name_length < 1024 else vlq(name_length))
    previous = 0
    for at in positions:
        parts.append(small[at - previous] if at - previous < 1024 else vlq(at - previous))
        previous = at
    return "".join(parts)


def group_posting(phrase: int, in_name: bool, weight: int) -> str:
    """A glossary group's posting less its document number: which phrase of the group
    weighs most (times two, plus one when a phrase of the group is all in the name),
    then its weight's step."""
    return vlq(phrase * 2 + int(in_name)) + DIGITS[weight]


def postings(items: Iterable[tuple[int, str]]) -> str:
    """A term's postings, (document, `posting`) in document order, as one string."""
    small, parts, last = _SMALL, [], -1
    for doc, body in items:
        gap = doc - last - 1
        last = doc
        parts.append(small[gap] if gap < 1024 else vlq(gap))
        parts.append(body)
    return "".join(parts)


def read_postings(text: str) -> list[Posting]:
    """The inverse of `postings` (search-core.js `decodePostings`), for the tests."""
    from .index import Posting

    out, i, doc = [], 0, -1

    def number() -> int:
        nonlocal i
        value, shift = 0, 0
        while True:
            digit = DIGITS.index(text[i])
            i += 1
            value |= (digit & 31) << shift
            if not digit & 32:
                return value
            shift += 5

    while i < len(text):
        doc += number() + 1
        head = number()
        weight = DIGITS.index(text[i])
        i += 1
        fields, count = head >> 2, (head & 3) + 1
        name_length = number() if fields & 1 else 0
        positions, at = [], 0
        for _ in range(count):
            at += number()
            positions.append(at)
        out.append(Posting(doc, fields, weight, name_length, tuple(positions)))
    return out
