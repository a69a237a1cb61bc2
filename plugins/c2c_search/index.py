"""lunr indexes built by the `lunr` Python package, for lunr.js 2.3.9 to load.

The index is split into shards (see `bundle`), but each shard is scored as if it were
part of one index of the whole registry: the inverse document frequencies and average
field lengths are the whole collection's (`Stats`), so a score from one shard can be
compared with a score from another. Everything else is lunr's own: its tokeniser, its
pipeline (trimmer, stop words, Porter stemmer; the index carries `stemmer` as its search
pipeline, which lunr.js looks up by name) and its BM25 weights.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lunr.builder import Builder
from lunr.field_ref import FieldRef
from lunr.pipeline import Pipeline
from lunr.stemmer import porter_stemmer, stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.tokenizer import Tokenizer
from lunr.trimmer import trimmer
from lunr.vector import Vector

# Indexed fields, short names (each is spelt in every posting), and their boosts:
# a match in a name counts ten times one in a description.
FIELDS = (("t", 10), ("o", 3), ("g", 2), ("x", 1))  # title, organisation, tags, text


@lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    return porter_stemmer.stem(word)


def cached_stemmer(token, i=None, tokens=None):
    """lunr's Porter stemmer, remembered per word: the same words recur all through a
    registry, and stemming was half of the indexing time."""
    return token.update(lambda s, metadata=None: _stem(s))


Pipeline.register_function(cached_stemmer, "c2cCachedStemmer")  # never serialised: build side only


def terms(text: str) -> list[str]:
    """The index terms of a (folded) text, as the builder makes them."""
    tokens = Tokenizer(text)
    for fn in (trimmer, stop_word_filter, cached_stemmer):
        tokens = [t for i, tok in enumerate(tokens) if (t := fn(tok, i, tokens))]
    return [str(t) for t in tokens]


@dataclass
class Stats:
    """The whole collection's counts, which every shard is scored with."""

    documents: int
    document_frequency: dict[str, int]  # term -> documents (per field, as lunr counts) with it
    average_length: dict[str, float]  # field -> average terms


class ShardBuilder(Builder):
    """A lunr Builder for one shard whose field vectors use the collection's `Stats`."""

    def __init__(self) -> None:
        super().__init__()
        self.pipeline.add(trimmer, stop_word_filter, cached_stemmer)
        self.search_pipeline.add(stemmer)
        self.ref("r")
        for name, boost in FIELDS:
            self.field(name, boost)

    def serialized(self, stats: Stats) -> dict[str, Any]:
        """The index as lunr.js's `lunr.Index.load` reads it (lunr.py's own serialisation,
        with the collection's statistics in the weights)."""
        inverted = [[term, self.inverted_index[term]] for term in sorted(self.inverted_index)]
        return {
            "version": "2.3.9",
            "fields": [name for name, _ in FIELDS],
            "fieldVectors": [[ref, vector.serialize()] for ref, vector in self._vectors(stats).items()],
            "invertedIndex": inverted,
            "pipeline": self.search_pipeline.serialize(),
        }

    def _vectors(self, stats: Stats) -> dict[str, Vector]:
        """lunr's BM25 field vectors (Builder._create_field_vectors), with idf and the
        average field lengths taken from `stats` rather than this shard alone."""
        vectors = {}
        idf: dict[str, float] = {}
        for field_ref, frequencies in self.field_term_frequencies.items():
            field_name = FieldRef.from_string(field_ref).field_name
            length = self.field_lengths[field_ref]
            boost = self._fields[field_name].boost
            norm = 1 - self._b + self._b * (length / (stats.average_length[field_name] or 1))
            vector = Vector()
            for term, tf in frequencies.items():
                if term not in idf:
                    df = stats.document_frequency[term]
                    idf[term] = math.log(1 + abs((stats.documents - df + 0.5) / (df + 0.5)))
                score = idf[term] * ((self._k1 + 1) * tf) / (self._k1 * norm + tf) * boost
                vector.insert(self.inverted_index[term]["_index"], round(score, 3))
            vectors[field_ref] = vector
        return vectors


def collection_stats(builders: list[ShardBuilder]) -> Stats:
    frequency: dict[str, int] = defaultdict(int)
    lengths: dict[str, int] = defaultdict(int)
    counted: dict[str, int] = defaultdict(int)
    for builder in builders:
        for term, posting in builder.inverted_index.items():
            frequency[term] += sum(len(refs) for field, refs in posting.items() if field != "_index")
        for field_ref, length in builder.field_lengths.items():
            field_name = FieldRef.from_string(field_ref).field_name
            lengths[field_name] += length
            counted[field_name] += 1
    return Stats(
        documents=sum(b.document_count for b in builders),
        document_frequency=dict(frequency),
        average_length={name: lengths[name] / counted[name] if counted[name] else 0.0 for name, _ in FIELDS},
    )
