"""The directory's filter data, compact and split, so a filtered view downloads only its part.

/directory/ shows one page of results from HTML; the browser's filters read these files
only once a filter is on. Short keys, vocabulary positions instead of ids or labels,
weekly hours as minute ranges, dated hours as deltas from the build's window, and one
file per area (plus "all") so choosing an area downloads only that area's services.
Search text goes in separate files, fetched only when someone types a search. Cards
come from `Urls.directory_cards(n)`, chunk n holding /directory/'s page n's cards.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from c2c_registry.derive import REFERRAL_ROUTES
from c2c_registry.model import Term

from .services import ServiceView

if TYPE_CHECKING:
    from .listings import DirectoryViews

KEYS = {"stage": "s", "area": "a", "group": "g", "access": "x", "language": "l", "referral": "r"}


def value_ids(listed: list[ServiceView], vocab_order: dict[str, list[str]]) -> dict[str, list[str]]:
    """Each filter's values in a fixed order: a record names a value by its position."""
    ids = {facet: list(vocab_order.get(facet, [])) for facet in KEYS}
    for view in listed:
        for facet in KEYS:
            ids[facet].extend(v for v in view.membership[facet] if v not in ids[facet])
    return ids


def flat(ranges: list[tuple[int, int]] | list[Any]) -> list[int]:
    return [m for r in ranges for m in r]


def deltas(values: list[int], origin: int) -> list[int]:
    """[a, b, c] -> [a - origin, b - a, c - b]: small numbers for dated minute ranges."""
    out, last = [], origin
    for v in values:
        out.append(v - last)
        last = v
    return out


def record(index: int, view: ServiceView, ids: dict[str, list[str]], origin: int) -> dict[str, Any]:
    rec: dict[str, Any] = {"i": index, "k": view.slug}
    if view.service.status != "active":
        rec["t"] = 1  # temporarily closed: listed, never open now
    for facet, key in KEYS.items():
        if values := view.membership[facet]:
            rec[key] = [ids[facet].index(v) for v in values]
    if view.membership["free"]:
        rec["f"] = 1
    if view.intervals:
        rec["h"] = flat(view.intervals)
    if view.dated is not None:
        rec["d"] = deltas(flat(view.dated), origin)
    points = [[round(loc.location.lat, 4), round(loc.location.lon, 4)] for loc in view.locations
              if loc.location.lat is not None and loc.location.lon is not None]
    if points:
        rec["p"] = points
    return rec


def vocabulary_order(vocab: dict[str, dict[str, Term]]) -> dict[str, list[str]]:
    """Each filter's values in the vocabularies' order (languages follow as found)."""
    return {"stage": list(vocab["stages"]), "area": list(vocab["areas"]), "group": list(vocab["client-groups"]),
            "access": list(vocab.get("access", {})), "referral": list(REFERRAL_ROUTES)}


def filter_files(directory: DirectoryViews, vocab: dict[str, dict[str, Term]]) -> dict[tuple[str, str], dict[str, Any]]:
    """(kind, scope) -> file: "filters" and "text", for "all" and for each area, of the
    services `directory` lists."""
    listed, window, size = directory.listed, directory.window, directory.page_size
    areas = list(vocab["areas"])
    ids = value_ids(listed, vocabulary_order(vocab))
    records = [record(i, v, ids, window[0]) for i, v in enumerate(listed)]
    scopes: dict[str, list[int]] = {"all": list(range(len(listed)))}
    for area in areas:
        scopes[area] = [i for i, v in enumerate(listed) if area in v.membership["area"]]
    files: dict[tuple[str, str], dict[str, Any]] = {}
    for scope, members in scopes.items():
        files[("filters", scope)] = {"window": list(window), "size": size, "ids": ids,
                                     "services": [records[i] for i in members]}
        files[("text", scope)] = {"text": [[i, listed[i].search_text] for i in members]}
    return files


def decode_dated(encoded: list[int], origin: int) -> list[tuple[int, int]]:
    """The inverse of `deltas` over flat ranges (what directory-filters.js does)."""
    values, last = [], origin
    for d in encoded:
        last += d
        values.append(last)
    return list(zip(values[::2], values[1::2], strict=True))
