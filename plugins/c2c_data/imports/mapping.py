"""The officer's say over an import: which records come in, and what the feed's terms mean.

A mapping file (YAML, checked against `mapping.schema.json` beside this module, and its
ids against our vocabularies) turns a council's taxonomy into our stages, client groups,
themes and areas, so the import's own guesses are the exception; its `keep` section,
and the command's --taxonomy, --word, --area and --postcode options, choose records.
It is read by the registry's own YAML reader, so errors name the line.
"""

from __future__ import annotations

import difflib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from c2c_registry.load.positions import SourceError, SourceMap, dotted
from c2c_registry.load.reading import read_text
from c2c_registry.load.source import parse_yaml
from c2c_registry.model import Term

SCHEMA = json.loads((Path(__file__).with_name("mapping.schema.json")).read_text("utf-8"))
VOCABULARY_OF = {"stages": "stages", "client_groups": "client-groups", "themes": "themes", "areas": "areas"}
BUILT_IN_DEFAULTS = {"stages": ["crisis-prevention-and-relief"], "client_groups": ["everyone"],
                     "areas": ["west-midlands"]}
REGION = "west-midlands"


class MappingError(Exception):
    """A mapping file that cannot be used; the message lists every problem, one a line."""


@dataclass
class Keep:
    """Which records come in. Each list keeps a record matching any entry; a record must
    pass every list that is given."""

    taxonomy: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    areas: list[str] = field(default_factory=list)
    postcodes: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.taxonomy or self.words or self.areas or self.postcodes)

    def refuses(self, terms: set[str], text: str, areas: list[str], postcodes: list[str]) -> str:
        """Why a record is not chosen ('' when it is). `terms` are its taxonomy terms in
        lower case, `text` its name and description, `areas` and `postcodes` ours."""
        if self.taxonomy and not terms & {t.lower() for t in self.taxonomy}:
            return "none of its taxonomy terms is one asked for"
        if self.words and not any(re.search(r"\b" + re.escape(w.lower()), text.lower()) for w in self.words):
            return "none of the words asked for is in its name or description"
        if self.areas and REGION not in areas and not set(areas) & set(self.areas):
            return "it covers none of the areas asked for"
        if self.postcodes and not any(_in_district(p, d) for p in postcodes for d in self.postcodes):
            return "none of its places is in the postcode districts asked for"
        return ""


def _in_district(postcode: str, wanted: str) -> bool:
    outward, wanted = postcode.split(" ")[0].upper(), wanted.upper()
    return outward == wanted or (wanted.isalpha() and re.match(r"[A-Z]+", outward).group() == wanted)  # type: ignore[union-attr]


@dataclass
class Mapping:
    """A mapping file as the import uses it (an empty one when none is given)."""

    feed: str = ""
    keep: Keep = field(default_factory=Keep)
    terms: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # lower-case term -> field -> ids
    defaults: dict[str, list[str]] = field(default_factory=dict)
    languages: dict[str, str] = field(default_factory=dict)  # lower-case name -> code

    def ids_for(self, terms: set[str], name: str) -> list[str]:
        """Our ids in field `name` for a record with these (lower-case) taxonomy terms."""
        found = [i for term in sorted(terms) for i in self.terms.get(term, {}).get(name, [])]
        return list(dict.fromkeys(found))

    def default(self, name: str) -> tuple[list[str], bool]:
        """(ids, whether they are the import's own guess rather than the mapping's)."""
        if name in self.defaults:
            return list(self.defaults[name]), False
        return list(BUILT_IN_DEFAULTS[name]), True


def load_mapping(path: Path, vocab: dict[str, dict[str, Term]]) -> Mapping:
    """The mapping file at `path`, checked; MappingError lists every problem."""
    try:
        data, smap = parse_yaml(read_text(path))
    except SourceError as err:
        raise MappingError(f"{path}:{err.line}:{err.column}: {err.message}") from None
    problems = [_located(path, smap, tuple(e.absolute_path), e.message)
                for e in sorted(Draft202012Validator(SCHEMA).iter_errors(data), key=lambda e: list(map(str, e.path)))]
    if not problems:
        problems = list(_vocabulary_problems(path, smap, data, vocab))
    if problems:
        raise MappingError("\n".join(problems))
    keep = data.get("keep", {})
    return Mapping(
        feed=data.get("feed", ""),
        keep=Keep(keep.get("taxonomy", []), keep.get("words", []), keep.get("areas", []), keep.get("postcodes", [])),
        terms={str(term).strip().lower(): ids for term, ids in data.get("taxonomy", {}).items()},
        defaults=data.get("defaults", {}),
        languages={str(name).strip().lower(): code for name, code in data.get("languages", {}).items()},
    )


def _located(path: Path, smap: SourceMap, where: tuple, message: str) -> str:
    pos = smap.value(where)
    return f"{path}:{pos.line}:{pos.column}: {dotted(where)}: {message}"


def _vocabulary_problems(path: Path, smap: SourceMap, data: dict[str, Any], vocab: dict[str, dict[str, Term]]):
    lists: list[tuple[tuple, str, list[str]]] = []
    for term, ids in data.get("taxonomy", {}).items():
        lists += [(("taxonomy", term, name), name, values) for name, values in ids.items()]
    lists += [(("defaults", name), name, values) for name, values in data.get("defaults", {}).items()]
    if "areas" in data.get("keep", {}):
        lists.append((("keep", "areas"), "areas", data["keep"]["areas"]))
    for where, name, values in lists:
        known = vocab[VOCABULARY_OF[name]]
        for i, value in enumerate(values):
            if value not in known:
                close = ([k for k in known if str(value) in k] or difflib.get_close_matches(value, list(known), n=1))
                hint = f"did you mean '{close[0]}'? " if close else ""
                yield _located(path, smap, where + (i,), f"'{value}' is not one of our {name.replace('_', ' ')}; "
                               f"{hint}see schemas/vocabularies/{VOCABULARY_OF[name]}.yaml")
