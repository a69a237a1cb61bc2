"""lunr indexes built by the `lunr` Python package, for lunr.js 2.3.9 to load.

The index is split into shards (see `bundle`), but each shard is scored as if it were
part of one index of the whole registry: the inverse document frequencies and average
field lengths are the whole collection's (`Stats`), so a score from one shard can be
compared with a score from another. Everything else is lunr's own: its tokeniser, its
pipeline (trimmer, stop words, Porter stemmer: lunr.js's, see `stemmer`; the index
carries `stemmer` as its search pipeline, which lunr.js looks up by name) and its BM25
weights.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from lunr.builder import Builder
from lunr.stop_word_filter import WORDS as STOP_WORDS
from lunr.stop_word_filter import stop_word_filter
from lunr.tokenizer import Tokenizer
from lunr.trimmer import trimmer

from .stemmer import register as register_stemmer
from .stemmer import stem, stemmer

# Indexed fields, short names (each is spelt in every posting), and their boosts: a match
# in a name counts ten times one in a description, one in the organisation's name or the
# names of the stage, themes, area and sector twice. Three fields, not one per facet:
# each field costs lunr.js work for every document a query matches.
FIELDS = (("t", 10), ("g", 2), ("x", 1))  # title; organisation and tags; text


register_stemmer()  # lunr.js's stemmer as lunr's `stemmer` in this process (see stemmer.py)


def terms(text: str) -> list[str]:
    """The index terms of a (folded) text, as the builder makes them."""
    tokens = Tokenizer(text)
    for fn in (trimmer, stop_word_filter, stemmer):
        tokens = [t for i, tok in enumerate(tokens) if (t := fn(tok, i, tokens))]
    return [str(t) for t in tokens]


@dataclass
class Stats:
    """The whole collection's counts, which every shard is scored with."""

    documents: int
    document_frequency: dict[str, int]  # term -> documents (per field, as lunr counts) with it
    average_length: dict[str, float]  # field -> average terms
    idf: dict[str, float] = field(default_factory=dict)  # term -> lunr's idf, from the two above

    def __post_init__(self) -> None:
        n = self.documents
        self.idf = {term: math.log(1 + abs((n - df + 0.5) / (df + 0.5)))
                    for term, df in self.document_frequency.items()}


class ShardBuilder(Builder):
    """A lunr Builder for one shard whose field vectors use the collection's `Stats`."""

    def __init__(self) -> None:
        super().__init__()
        self.pipeline.add(trimmer, stop_word_filter, stemmer)
        self.search_pipeline.add(stemmer)
        self.ref("r")
        for name, boost in FIELDS:
            self.field(name, boost)

    def add_folded(self, ref: str, fields: dict[str, str]) -> None:
        """`Builder.add` for folded text (plain ASCII words and single spaces), the same
        postings and counts, several times faster: lunr's tokeniser then splits on the
        spaces, its trimmer leaves such words alone, so the words go straight to the
        stop-word filter and the stemmer (tests/test_search_index.py checks the output
        is the same as `add`'s)."""
        self._documents[ref] = {}
        self.document_count += 1
        inverted = self.inverted_index
        for field_name in self._fields:
            terms = [stem(w) for w in fields[field_name].split() if w not in STOP_WORDS]
            counts = Counter(terms)  # in the order terms first appear, as lunr meets them
            for term in counts:
                posting = inverted.get(term)
                if posting is None:
                    posting = {name: {} for name in self._fields}
                    posting["_index"] = self.term_index
                    self.term_index += 1
                    inverted[term] = posting
                posting[field_name][ref] = {}
            field_ref = f"{field_name}/{ref}"
            self.field_term_frequencies[field_ref] = counts
            self.field_lengths[field_ref] = len(terms)

    def serialized(self, stats: Stats) -> dict[str, Any]:
        """The index as lunr.js's `lunr.Index.load` reads it (lunr.py's own serialisation,
        with the collection's statistics in the weights)."""
        inverted = [[term, self.inverted_index[term]] for term in sorted(self.inverted_index)]
        return {
            "version": "2.3.9",
            "fields": [name for name, _ in FIELDS],
            "fieldVectors": [[ref, vector] for ref, vector in self._vectors(stats).items()],
            "invertedIndex": inverted,
            "pipeline": self.search_pipeline.serialize(),
        }

    def _vectors(self, stats: Stats) -> dict[str, list[float]]:
        """lunr's BM25 field vectors (Builder._create_field_vectors), with idf and the
        average field lengths taken from `stats` rather than this shard alone; written
        out as lunr's Vector serialises ([index, weight, ...], by index, weights to 3
        places)."""
        vectors = {}
        idf = stats.idf
        k1, b = self._k1, self._b
        position = {term: posting["_index"] for term, posting in self.inverted_index.items()}
        boosts = {name: f.boost for name, f in self._fields.items()}
        for field_ref, frequencies in self.field_term_frequencies.items():
            field_name = field_ref.split("/", 1)[0]
            boost = boosts[field_name]
            norm = 1 - b + b * (self.field_lengths[field_ref] / (stats.average_length[field_name] or 1))
            pairs = sorted((position[term], round(idf[term] * ((k1 + 1) * tf) / (k1 * norm + tf) * boost, 3))
                           for term, tf in frequencies.items())
            vectors[field_ref] = list(chain.from_iterable(pairs))
        return vectors


def collection_stats(builders: list[ShardBuilder]) -> Stats:
    frequency: dict[str, int] = defaultdict(int)
    lengths: dict[str, int] = defaultdict(int)
    counted: dict[str, int] = defaultdict(int)
    for builder in builders:
        for term, posting in builder.inverted_index.items():
            frequency[term] += sum(len(refs) for field, refs in posting.items() if field != "_index")
        for field_ref, length in builder.field_lengths.items():
            field_name = field_ref.split("/", 1)[0]
            lengths[field_name] += length
            counted[field_name] += 1
    return Stats(
        documents=sum(b.document_count for b in builders),
        document_frequency=dict(frequency),
        average_length={name: lengths[name] / counted[name] if counted[name] else 0.0 for name, _ in FIELDS},
    )
