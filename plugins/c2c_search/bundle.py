"""Every file of the search, split so a query downloads only what it needs.

- **Term files** (`t<n>`): the postings of a run of index terms in sorted order, cut
  at about `CHUNK_CHARS`; a common term has a file of its own. A query fetches the
  files of its own terms and nothing else. There are two sets: every document
  ("all"), and services only ("service", the directory's search and a search for
  services, with the same weights).
- **Glossary files** (`g<n>`): for each group of words of the same need, the
  documents holding one of its phrases, with the best one's weight; a query for one
  phrase reads this list for the others, rather than the postings of all their words.
- **Vocabulary files** (`v<code point>`): every term of a scope starting with one
  letter, with how many documents hold it, for near spellings ("sheltr"); fetched only
  when a word is not in the index or finds little.
- **Rows** (`r<n>`): what a result shows (name, address, organisation, text, area), for
  `ROWS_PER_FILE` documents in a row; fetched for the results on screen.
- **Facets** (`facets`): each document's stages and organisation (whose areas and
  sector it shares); **services** (`services`): each service's status, hours (as the
  directory's "open now" reads them), stages, areas and sector.
- **The manifest** (`search/manifest.json`, the one fixed address): the vocabularies,
  kinds, glossary, languages, stop words, where each term file starts, and the
  addresses of the rest, which sit in a folder named by a hash of their bytes.

Documents are numbered in KINDS order, services last and in directory order, so a
service's number less the first service's is its place in the directory's data.
Pure: documents in, {site-relative URL: bytes} out; the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from c2c_registry.urls import Urls
from c2c_views.directory.compact import deltas, flat
from c2c_views.search import KINDS, SearchDocument

from .encode import postings, vlqs
from .index import GROUP_LOG_LOW, GROUP_LOG_STEP, LOG_LOW, LOG_STEP, Analysed, Index
from .synonyms import Phrase
from .text import STOP_WORDS, terms

FORMAT = 2
CHUNK_CHARS = 16_000  # of postings in a term file: about 6 KB gzip
ROWS_PER_FILE = 16
NAME_KINDS = ("organisation", "commitment", "service")  # whose title is a name, not a sentence
SERVICES = "service"  # the scope of services only, beside "all"


@dataclass(frozen=True)
class Vocabulary:
    """(id, name) pairs in vocabulary order, for facets and result lines, and the
    client groups' names (a query naming one reads like a need)."""

    stages: list[tuple[str, str]]
    areas: list[tuple[str, str]]
    sectors: list[tuple[str, str]]
    client_groups: list[str]


@dataclass(frozen=True)
class Language:
    code: str
    name: str
    names: list[Phrase]  # the English name first
    url: str  # the directory's listing of services that speak it
    services: int


def ordered(docs: Sequence[SearchDocument]) -> list[SearchDocument]:
    """KINDS order, each kind in the documents' own order."""
    rank = {kind: n for n, (kind, _, _) in enumerate(KINDS)}
    return sorted(docs, key=lambda d: rank[d.kind])


def analyse(doc: SearchDocument, languages: dict[str, Language]) -> Analysed:
    spoken = " ".join(p.text for code in doc.languages if code in languages for p in languages[code].names)
    return Analysed(terms(doc.title), terms(f"{doc.organisation} {doc.tags} {spoken}"), terms(doc.text))


def js_order(term: str) -> bytes:
    """Sort key matching JavaScript's string order (UTF-16 code units)."""
    return term.encode("utf-16-be")


def search_files(docs: Sequence[SearchDocument], vocab: Vocabulary, glossary: list[list[Phrase]],
                 languages: dict[str, Language], urls: Urls, window: tuple[int, int] = (0, 0)) -> dict[str, bytes]:
    docs = ordered(docs)
    index = Index([analyse(d, languages) for d in docs], [[p.terms for p in group] for group in glossary])
    first_service = next((n for n, d in enumerate(docs) if d.kind == "service"), len(docs))
    parts: dict[str, Any] = {}  # name in the hashed folder -> JSON data
    scopes = {}
    groups: dict[str, list[int]] = {}
    for scope, keep in (("all", None), (SERVICES, first_service)):
        scopes[scope] = _term_files(index, keep, scope, parts)
        groups[scope] = []
        for g, found in enumerate(index.groups):
            kept = found if keep is None else [p for p in found if p[0] >= keep]
            if kept:
                parts[f"{scope}/g{g}"] = {"postings": postings(kept)}
                groups[scope].append(g)
    for n in range(0, len(docs), ROWS_PER_FILE):
        parts[f"r{n // ROWS_PER_FILE}"] = [_row(d) for d in docs[n:n + ROWS_PER_FILE]]
    positions = _Positions(vocab)
    parts["facets"] = _facets(docs[:first_service], positions)
    parts["services"] = _services(docs[first_service:], positions, window)
    bodies = {name: _json(data) for name, data in parts.items()}
    digest = hashlib.sha256()
    for name in sorted(bodies):
        digest.update(name.encode() + b"\0" + bodies[name] + b"\0")
    folder = digest.hexdigest()[:10]

    def url(name: str) -> str:
        return urls.search_shard(f"{folder}/{name}")

    files = {url(name): body for name, body in bodies.items()}
    service_rows = range(first_service // ROWS_PER_FILE, -(-len(docs) // ROWS_PER_FILE))
    manifest = {
        "format": FORMAT,
        "kinds": [[k, one, many, *_span(docs, k)] for k, one, many in KINDS],
        "stages": [list(t) for t in vocab.stages],
        "areas": [list(t) for t in vocab.areas],
        "sectors": [list(t) for t in vocab.sectors],
        "stopWords": sorted(STOP_WORDS),
        "weights": [round(LOG_LOW, 6), round(LOG_STEP, 6)],
        "groupWeights": [round(GROUP_LOG_LOW, 6), round(GROUP_LOG_STEP, 6)],
        "nameKinds": list(NAME_KINDS),
        "glossary": [[list(p.terms) for p in group] for group in glossary],
        "needs": [t for name in vocab.client_groups if (t := terms(name))],
        "languages": [[lang.code, lang.name, [list(p.terms) for p in lang.names], lang.url, lang.services]
                      for lang in languages.values() if lang.services],
        "rows": {"url": url("r{n}"), "size": ROWS_PER_FILE},
        "facets": url("facets"),
        "services": {"url": url("services"), "first": first_service, "count": len(docs) - first_service},
        "scopes": {scope: {"starts": starts, "url": url(f"{scope}/t{{n}}"), "vocab": url(f"{scope}/v{{n}}"),
                           "letters": letters, "group": url(f"{scope}/g{{n}}"), "groups": groups[scope]}
                   for scope, (starts, letters) in scopes.items()},
        # What a search of services needs without signal (the service worker keeps these).
        "offline": [urls.search(), urls.search_manifest(), url("services"),
                    *(url(f"{SERVICES}/t{n}") for n in range(len(scopes[SERVICES][0]))),
                    *(url(f"{SERVICES}/v{c}") for c in scopes[SERVICES][1]),
                    *(url(f"{SERVICES}/g{g}") for g in groups[SERVICES]),
                    *(url(f"r{n}") for n in service_rows)],
    }
    files[urls.search_manifest()] = _json(manifest)
    return files


def _span(docs: list[SearchDocument], kind: str) -> list[int]:
    numbers = [n for n, d in enumerate(docs) if d.kind == kind]
    return [numbers[0], len(numbers)] if numbers else [len(docs), 0]


def _term_files(index: Index, first: int | None, scope: str, parts: dict[str, Any]) -> tuple[list[str], list[int]]:
    """The term files and vocabulary files of one scope (`first`: only documents from
    this number on); returns where each term file starts and the letters with terms."""
    lists: list[tuple[str, list[tuple[int, str]]]] = []
    for term in sorted(index.postings, key=js_order):
        kept = index.postings[term] if first is None else [p for p in index.postings[term] if p[0] >= first]
        if kept:
            lists.append((term, kept))
    starts: list[str] = []
    chunk: dict[str, list] = {}
    size = 0

    def close() -> None:
        nonlocal chunk, size
        if chunk:
            parts[f"{scope}/t{len(starts) - 1}"] = chunk
        chunk, size = {}, 0

    for term, kept in lists:
        encoded = postings(kept)
        if size and size + len(encoded) > CHUNK_CHARS:
            close()
        if not chunk:
            starts.append(term)
            chunk = {"terms": [], "idf": [], "postings": []}
        chunk["terms"].append(term)
        chunk["idf"].append(round(index.idf[term], 4))
        chunk["postings"].append(encoded)
        size += len(encoded)
    close()
    letters = []
    for letter, group in groupby(lists, key=lambda item: ord(item[0][0])):
        items = list(group)
        parts[f"{scope}/v{letter}"] = {"terms": [t for t, _ in items], "docs": vlqs(len(p) for _, p in items)}
        letters.append(letter)
    return starts, letters


def _row(doc: SearchDocument) -> list[str]:
    """[name, address, organisation, text, areas as written]."""
    return [doc.title, doc.url, doc.organisation, doc.text if doc.text != doc.title else "", doc.where]


class _Positions:
    """Ids to their place in the manifest's tables."""

    def __init__(self, vocab: Vocabulary):
        self.stage = {s: n for n, (s, _) in enumerate(vocab.stages)}
        self.area = {a: n for n, (a, _) in enumerate(vocab.areas)}
        self.sector = {s: n for n, (s, _) in enumerate(vocab.sectors)}

    def stages(self, doc: SearchDocument) -> int:
        return sum(1 << self.stage[s] for s in doc.stages)

    def facts(self, doc: SearchDocument) -> list[Any]:
        return [self.sector.get(doc.sector, -1), [self.area[a] for a in doc.areas]]


def _facets(docs: list[SearchDocument], positions: _Positions) -> dict[str, Any]:
    """Stages (a bit per stage) of every document before the services, and its
    organisation: runs of [organisation + 1, documents]; an organisation's sector and
    areas (as the area facet counts them) in `orgs`."""
    orgs: dict[str, int] = {}
    table: list[list[Any]] = []
    runs: list[int] = []
    for doc in docs:
        if doc.org not in orgs:
            orgs[doc.org] = len(table)
            table.append(positions.facts(doc))
        number = orgs[doc.org] + 1
        if runs and runs[-2] == number:
            runs[-1] += 1
        else:
            runs += [number, 1]
    return {"stages": vlqs(positions.stages(d) for d in docs), "orgs": table, "runs": vlqs(runs)}


def _services(docs: list[SearchDocument], positions: _Positions, window: tuple[int, int]) -> dict[str, Any]:
    """Each service, in directory order: [temporarily closed (1) or not (0), its hours
    (a row of `hours`, shared by services with the same), stages (bits), sector, areas].
    Hours are weekly minute ranges and, where dates matter, epoch-minute ranges as
    differences from the window's start (the directory's compact form)."""
    hours: dict[str, int] = {}
    rows = []
    for doc in docs:
        opening = doc.opening
        pattern = [flat(opening.get("intervals", [])),
                   deltas(flat(opening["dated"]), window[0]) if "dated" in opening else None]
        key = json.dumps(pattern)
        hours.setdefault(key, len(hours))
        rows.append([int(opening.get("status") != "active"), hours[key], positions.stages(doc),
                     *positions.facts(doc)])
    return {"window": list(window), "hours": [json.loads(k) for k in hours], "services": rows}


def _json(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
