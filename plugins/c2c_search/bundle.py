"""The files the search page loads: a manifest and the index split into shards.

A shard holds one kind of document (organisations, commitments, pledges, actions,
discussion points or services) at one pathway stage, cut into parts of at most
`max_docs` documents and `max_bytes` bytes, so no file a query loads grows with the
registry. Each shard
file is a lunr index with short document refs ("0", "1", ... "a3") and a side table of
what a result shows, row by row.

The manifest says which shards hold each index term (a bit mask per term), so a query
fetches only the shards that can answer it, and only those of the kinds and stages its
facets allow. It also carries the vocabularies, the organisations (name, page, sector
and areas, shared by all their documents) and the synonyms glossary, stemmed.

Pure: documents in, {site-relative URL: bytes} out, the same bytes for the same input.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from c2c_registry.urls import Urls
from c2c_views.search import KINDS, SearchDocument

from .index import ShardBuilder, Stats, collection_stats, terms
from .text import fold

MAX_DOCS = 1200  # per shard, a first cut
MAX_BYTES = 1_000_000  # per shard file, raw: at most about 250 KB gzip (JSON of an index compresses 4-5 times)
ALL_STAGES = "all"  # shard key of a kind not split by stage
STAGED = {"pledge", "action", "discussion", "service"}  # kinds split by stage when large
FORMAT = 1


@dataclass
class Shard:
    kind: str
    key: str  # the stage it was cut by, or ALL_STAGES
    part: int
    docs: list[SearchDocument] = field(default_factory=list)
    suffix: str = ""  # a, b, ab...: the halves of a part cut again for size

    @property
    def name(self) -> str:
        return f"{self.kind}-{self.key}-{self.part}{self.suffix}"


@dataclass(frozen=True)
class Vocabulary:
    """(id, name) pairs in vocabulary order, for facets and result lines."""

    stages: list[tuple[str, str]]
    areas: list[tuple[str, str]]
    sectors: list[tuple[str, str]]


def plan_shards(docs: Sequence[SearchDocument], max_docs: int = MAX_DOCS) -> list[Shard]:
    """Documents grouped by kind, in KINDS and document order. A kind with more than
    `max_docs` documents is split by first stage (pledges, actions, discussion points,
    services; organisations and commitments have no one stage), and each group is cut
    into near-equal parts of at most `max_docs`."""
    by_kind: dict[str, list[SearchDocument]] = {}
    for doc in docs:
        by_kind.setdefault(doc.kind, []).append(doc)
    shards: list[Shard] = []
    for kind, _, _ in KINDS:
        members = by_kind.get(kind, [])
        groups: dict[str, list[SearchDocument]] = {}
        for doc in members:
            split = len(members) > max_docs and kind in STAGED and doc.stages
            groups.setdefault(doc.stages[0] if split else ALL_STAGES, []).append(doc)
        for key, group in groups.items():
            parts = -(-len(group) // max_docs)
            size = -(-len(group) // parts)
            shards.extend(Shard(kind, key, n + 1, group[n * size:(n + 1) * size]) for n in range(parts))
    return shards


def ref(position: int) -> str:
    """A document's ref in its shard: its row number in base 36."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        position, rest = divmod(position, 36)
        out = digits[rest] + out
        if not position:
            return out


def fields_of(doc: SearchDocument) -> dict[str, str]:
    return {"t": fold(doc.title), "g": fold(f"{doc.organisation} {doc.tags}"), "x": fold(doc.text)}


def _builder(shard: Shard) -> ShardBuilder:
    builder = ShardBuilder()
    for n, doc in enumerate(shard.docs):
        builder.add_folded(ref(n), fields_of(doc))
    return builder


def search_files(docs: Sequence[SearchDocument], vocab: Vocabulary, glossary: list[list[str]], urls: Urls,
                 max_docs: int = MAX_DOCS, max_bytes: int = MAX_BYTES) -> dict[str, bytes]:
    """Every file of the search: the shards, then the manifest that names them. A shard
    whose file would exceed `max_bytes` is cut in two (again if need be): the collection's
    statistics do not depend on how it is cut, so the halves score as the whole did."""
    planned = plan_shards(docs, max_docs)
    builders = [_builder(shard) for shard in planned]
    stats = collection_stats(builders)
    index = _Indexes(vocab, docs)
    done: list[tuple[Shard, ShardBuilder, bytes]] = []
    todo = list(zip(planned, builders, strict=True))
    while todo:
        shard, builder = todo.pop(0)
        body = _json({"index": builder.serialized(stats), "docs": [index.row(d) for d in shard.docs]})
        if len(body) > max_bytes and len(shard.docs) > 1:
            half = len(shard.docs) // 2
            halves = [Shard(shard.kind, shard.key, shard.part, shard.docs[:half], f"{shard.suffix}a"),
                      Shard(shard.kind, shard.key, shard.part, shard.docs[half:], f"{shard.suffix}b")]
            todo[:0] = [(h, _builder(h)) for h in halves]
            continue
        done.append((shard, builder, body))
    files: dict[str, bytes] = {}
    listed = []
    for shard, _, body in done:
        url = urls.search_shard(f"{shard.name}.{hashlib.sha256(body).hexdigest()[:10]}")
        files[url] = body
        stages = {s for d in shard.docs for s in d.stages}
        listed.append({"kind": shard.kind, "file": url, "docs": len(shard.docs),
                       "stages": [n for n, (s, _) in enumerate(vocab.stages) if s in stages]})
    manifest = {
        "format": FORMAT,
        "kinds": [list(k) for k in KINDS],
        "stages": [list(t) for t in vocab.stages],
        "areas": [list(t) for t in vocab.areas],
        "sectors": [list(t) for t in vocab.sectors],
        "orgs": index.orgs,
        "shards": listed,
        "terms": _term_masks([builder for _, builder, _ in done]),
        "synonyms": [[terms(phrase) for phrase in group] for group in glossary],
        "documents": stats.documents,
        # What the directory's search needs without signal (the service worker keeps these).
        "offline": [urls.search(), urls.search_manifest(), *(s["file"] for s in listed if s["kind"] == "service")],
    }
    files[urls.search_manifest()] = _json(manifest)
    return files


class _Indexes:
    """Positions of stages, areas, sectors and organisations in the manifest's tables,
    and a document's row in its shard's side table."""

    def __init__(self, vocab: Vocabulary, docs: Sequence[SearchDocument]):
        self.stage = {s: n for n, (s, _) in enumerate(vocab.stages)}
        self.area = {a: n for n, (a, _) in enumerate(vocab.areas)}
        self.sector = {s: n for n, (s, _) in enumerate(vocab.sectors)}
        self.org: dict[str, int] = {}
        self.orgs: list[list[Any]] = []
        for doc in docs:
            if doc.kind == "organisation":
                self.org[doc.org] = len(self.orgs)
                self.orgs.append([doc.title, doc.url, self.sector.get(doc.sector, -1),
                                  [self.area[a] for a in doc.areas], doc.where])

    def row(self, doc: SearchDocument) -> list[Any]:
        """[title, url, organisation, stages, text, and for a service its own areas,
        where and sector]; the organisation is a row of the manifest's `orgs`, whose
        areas and sector every document of it shares, or its provider's name."""
        org: int | str = self.org.get(doc.org, doc.organisation)
        row: list[Any] = [doc.title, doc.url, org, [self.stage[s] for s in doc.stages],
                          doc.text if doc.text != doc.title else ""]
        if doc.kind == "service":
            row += [[self.area[a] for a in doc.areas], doc.where, self.sector.get(doc.sector, -1)]
        return row


def _term_masks(builders: list[ShardBuilder]) -> dict[str, str]:
    """term -> hexadecimal bit mask of the shards holding it (bit n for shard n)."""
    masks: dict[str, int] = {}
    for n, builder in enumerate(builders):
        for term in builder.inverted_index:
            masks[term] = masks.get(term, 0) | (1 << n)
    return {term: format(masks[term], "x") for term in sorted(masks)}


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


__all__ = ["MAX_BYTES", "MAX_DOCS", "Shard", "Stats", "Vocabulary", "plan_shards", "search_files"]
