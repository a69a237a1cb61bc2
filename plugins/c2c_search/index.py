"""The inverted index: for every term, the documents that hold it, with what the browser
needs to rank them and nothing more.

A posting says, for one term in one document: in which fields it is (name, tags,
text), where (its first positions in the document's word stream, for phrases and
adjacency), how long the name is when the term is in it (for "the name is exactly the
query"), and its weight. The weight is lunr's BM25 weight for the term in the document,
summed over the fields with their boosts, precomputed here so the browser only adds up
numbers:

    idf(term) * sum over fields of boost * (k1 + 1) * tf / (k1 * (1 - b + b * length / average) + tf)

with lunr's idf, k1 and b, over the whole collection (`test_search_index.py` checks
the weights against the field vectors lunr.py's own Builder makes). The idf is stored
once per term; each posting carries the rest, quantised to one of 64 steps on a log
scale (8 % apart). A name counts once however often it repeats a word: its words are
counted once each.
"""

from __future__ import annotations

import math
from bisect import bisect
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from .encode import group_posting, posting

# Fields and their boosts: a match in a name counts ten times one in a description, one
# in the organisation's name or the names of the stage, themes, area, sector, client
# groups and languages twice.
FIELDS = (("name", 10), ("tags", 2), ("text", 1))
K1, B = 1.2, 0.75  # lunr's BM25 parameters (lunr.builder.Builder's defaults)
MAX_POSITIONS = 4  # first positions of a term kept per document: enough for phrases
# Quantised weights: step n stands for exp(LOG_LOW + n * LOG_STEP), n in 0..63.
LOG_LOW = math.log(0.25)
LOG_STEP = (math.log(40) - LOG_LOW) / 63
# A glossary group's weight in a document (idf included), on a wider scale, 16 % apart.
GROUP_LOG_LOW = math.log(0.05)
GROUP_LOG_STEP = (math.log(500) - GROUP_LOG_LOW) / 63


@dataclass(frozen=True)
class Analysed:
    """One document as terms, per field, in order."""

    name: list[str]
    tags: list[str]
    text: list[str]

    def stream(self) -> list[str | None]:
        """The document's words in one stream (fields apart, so no phrase spans two)."""
        return [*self.name, None, *self.tags, None, *self.text]


@dataclass(frozen=True)
class Posting:
    """One term in one document, as the browser reads it (`encode.read_postings`)."""

    doc: int
    fields: int  # bit 0 name, bit 1 tags, bit 2 text
    weight: int  # quantised step, 0..63
    name_length: int  # terms in the name (when the term is in it, else 0)
    positions: tuple[int, ...]  # first positions in the stream


def field_terms(doc: Analysed) -> dict[str, list[str]]:
    """The terms each field is weighted by: a name's words once each."""
    return {"name": list(dict.fromkeys(doc.name)), "tags": doc.tags, "text": doc.text}


def lunr_idf(documents_with_term: int, documents: int) -> float:
    """lunr.idf.idf: `documents_with_term` counts a document once per field it is in."""
    return math.log(1 + abs((documents - documents_with_term + 0.5) / (documents_with_term + 0.5)))


_STEPS = [math.exp(LOG_LOW + (n + 0.5) * LOG_STEP) for n in range(63)]  # where each step ends
_GROUP_STEPS = [math.exp(GROUP_LOG_LOW + (n + 0.5) * GROUP_LOG_STEP) for n in range(63)]


def quantise(weight: float) -> int:
    """The step nearest `weight` on the log scale."""
    return bisect(_STEPS, weight)


def unquantise(step: int) -> float:
    return math.exp(LOG_LOW + step * LOG_STEP)


class Index:
    """Every term's postings and idf, for documents numbered in order. A posting is
    kept as (document, its encoding less the document number): see `encode`.

    And for each group of the glossary (`groups`: its phrases, as terms), the documents
    holding every term of one of its phrases, with the best phrase's weight: a query
    for one phrase reads this one list for the others, not the postings of every word
    of every phrase of the group."""

    def __init__(self, docs: Sequence[Analysed], groups: Sequence[Sequence[tuple[str, ...]]] = ()):
        fields = [field_terms(d) for d in docs]
        n = len(docs)
        in_fields: Counter[str] = Counter()
        average = {}
        for name, _ in FIELDS:
            average[name] = sum(len(f[name]) for f in fields) / n if n else 0.0
            for f in fields:
                in_fields.update(set(f[name]))
        self.idf = {t: lunr_idf(c, n) for t, c in in_fields.items()}
        self.average = average
        self.postings: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self.groups: list[list[tuple[int, str]]] = [[] for _ in groups]
        starting: dict[str, list[tuple[int, int, tuple[str, ...]]]] = defaultdict(list)
        for g, phrases in enumerate(groups):
            for k, phrase in enumerate(phrases):
                starting[phrase[0]].append((g, k, phrase))
        postings = self.postings
        for number, (doc, counted) in enumerate(zip(docs, fields, strict=True)):
            positions: dict[str, list[int]] = {}
            for at, t in enumerate(doc.stream()):
                if t is not None:
                    seen = positions.setdefault(t, [])
                    if len(seen) < MAX_POSITIONS:
                        seen.append(at)
            weights, bits = bm25(counted, average)
            name_length = len(doc.name)
            for t, first in positions.items():
                postings[t].append((number, posting(bits[t], bisect(_STEPS, weights[t]), name_length, first)))
            best: dict[int, tuple[float, int]] = {}
            named: set[int] = set()  # groups with a phrase all in the name
            for t in weights:
                for g, k, phrase in starting.get(t, ()):
                    if all(u in weights for u in phrase):
                        score = sum(self.idf[u] * weights[u] for u in phrase)
                        if g not in best or score > best[g][0]:
                            best[g] = (score, k)
                        if all(bits[u] & 1 for u in phrase):
                            named.add(g)
            for g in sorted(best):
                score, k = best[g]
                self.groups[g].append((number, group_posting(k, g in named, bisect(_GROUP_STEPS, score))))


def bm25(counted: dict[str, list[str]], average: dict[str, float]) -> tuple[dict[str, float], dict[str, int]]:
    """A document's terms: weight without idf (summed over fields, boosts included), and
    the fields each is in (a bit per field)."""
    weights: dict[str, float] = defaultdict(float)
    bits: dict[str, int] = defaultdict(int)
    for bit, (name, boost) in enumerate(FIELDS):
        terms = counted[name]
        norm = 1 - B + B * (len(terms) / average[name] if average[name] else 0)
        for t, tf in Counter(terms).items():
            weights[t] += boost * (K1 + 1) * tf / (K1 * norm + tf)
            bits[t] |= 1 << bit
    return weights, bits
