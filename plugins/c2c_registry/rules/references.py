"""What one file names must exist: vocabulary ids, organisations, services, and within a
commitment its own pledges and outcomes.

A name that is not known gets the nearest known one as a suggestion, and where there are
few, the whole list; a reference from a file with schema errors is still checked, so one
run reports everything a reviewer needs to fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING

from .corpus import Corpus
from .names import is_slug
from .problems import Problem, shown

if TYPE_CHECKING:
    from ..load.files import ContentFile

_VOCAB_FIELDS = {
    "organisation": [("sector", "sectors"), ("areas", "areas")],
    "commitment": [
        ("pledges.*.stage", "stages"), ("pledges.*.themes", "themes"),
        ("pledges.*.client_groups", "client-groups"),
        ("actions.*.stage", "stages"),
        ("discussion.in_place.*.stages", "stages"), ("discussion.gaps.*.stages", "stages"),
        ("discussion.opportunities.*.stages", "stages"),
    ],
    "service": [
        ("stages", "stages"), ("themes", "themes"), ("client_groups", "client-groups"),
        ("areas", "areas"), ("access", "access"),
    ],
    "alert": [("areas", "areas")],
}


def check_vocabularies(corpus: Corpus) -> Iterator[Problem]:
    """Every stage, theme, area, sector and client group is a known id."""
    for kind, fields in _VOCAB_FIELDS.items():
        for f in corpus.readable(kind):
            for pattern, vocab_name in fields:
                if vocab_name not in corpus.vocab:  # missing or broken, and reported as such
                    continue
                terms = corpus.vocab[vocab_name]
                for where, value in _select(f.data, pattern.split(".")):
                    if isinstance(value, str) and value not in terms and not f.reported(where):
                        yield f.problem("vocabulary", where, _unknown(value, terms, vocab_name))


def check_organisation_references(corpus: Corpus) -> Iterator[Problem]:
    """Commitments, services and partners name organisations that exist."""
    orgs = corpus.slugs("organisation")
    refs = [("commitment", "organisation"), ("service", "organisation"), ("organisation", "partners.*")]
    for kind, pattern in refs:
        for f in corpus.readable(kind):
            for where, value in _select(f.data, pattern.split(".")):
                if not isinstance(value, str) or f.reported(where):
                    continue
                if value not in orgs:
                    yield f.problem("organisation-reference", where, _unknown(value, dict.fromkeys(orgs), "organisations"))
                elif kind == "organisation" and value == f.slug:
                    yield f.problem("organisation-reference", where, "an organisation cannot be its own partner; remove it")


def check_collaborators(corpus: Corpus) -> Iterator[Problem]:
    """A collaborator is an organisation's slug (shown as a link) or a group's name in
    words (shown as text). One written like a slug, lower-case with a hyphen, that names
    no organisation is almost always a misspelt slug: silently showing it as text would
    hide the mistake, so it is an error with the likely slug, and the fix for a real
    outside group (its name in words) costs one edit."""
    orgs = corpus.slugs("organisation")
    for f in corpus.readable("commitment"):
        named = [hit for pattern in ("collaborators", "pledges.*.partners", "actions.*.partners")
                 for hit in _select(f.data, pattern.split("."))]
        for where, value in named:
            if (isinstance(value, str) and value not in orgs and "-" in value
                    and is_slug(value) and not f.reported(where)):
                close = difflib.get_close_matches(value, list(orgs), n=1)
                guess = f"did you mean '{close[0]}'? " if close else "check it against the file names in content/organisations/. "
                words = " ".join(part.capitalize() for part in value.split("-"))
                yield f.problem(
                    "organisation-reference", where,
                    f"{shown(value)} is written like an organisation's id but is not one of the known organisations; "
                    f"{guess}If this is a group outside the registry, write its name in words, e.g. {words}")


def check_service_references(corpus: Corpus) -> Iterator[Problem]:
    """An alert's services and a helpline's service name services that exist."""
    services = corpus.slugs("service")
    for kind, key in (("alert", "services"), ("helplines", "helplines")):
        for f in corpus.valid(kind):
            for i, entry in enumerate(f.data.get(key, [])):
                if "service" in entry and entry["service"] not in services:
                    yield f.problem("service-reference", (key, i, "service"),
                                    _unknown(entry["service"], dict.fromkeys(services), "services"))


def check_pledge_ids(corpus: Corpus) -> Iterator[Problem]:
    """Pledge and outcome ids are unique in their file, every action names one of its
    pledges and every pledge's outcome one of its outcomes."""
    for f in corpus.valid("commitment"):
        outcomes = yield from _unique_ids(f, "outcomes", "outcome")
        for i, pledge in enumerate(f.data["pledges"]):
            if "outcome" in pledge and pledge["outcome"] not in outcomes:
                yield f.problem(
                    "pledge-reference", ("pledges", i, "outcome"),
                    _unknown(pledge["outcome"], dict.fromkeys(outcomes), "outcome ids in this file"),
                )
        pledges = yield from _unique_ids(f, "pledges", "pledge")
        for i, action in enumerate(f.data.get("actions", [])):
            if action["pledge"] not in pledges:
                yield f.problem(
                    "pledge-reference", ("actions", i, "pledge"),
                    _unknown(action["pledge"], dict.fromkeys(pledges), "pledge ids in this file"),
                )


def _unique_ids(f: ContentFile, key: str, noun: str) -> Generator[Problem, None, dict[str, int]]:
    """A problem for each id in the list `key` already used in it; returns where each id
    is first used."""
    first: dict[str, int] = {}
    for i, item in enumerate(f.data.get(key, [])):
        if item["id"] in first:
            yield f.problem(
                "duplicate-pledge-id", (key, i, "id"),
                f"{noun} id '{item['id']}' is already used by {key}[{first[item['id']]}]; give each {noun} its own id",
            )
        first.setdefault(item["id"], i)
    return first


def check_inherited_fields(corpus: Corpus) -> Iterator[Problem]:
    """Every action ends up with a deadline and a measure: its own, or its pledge's."""
    for f in corpus.valid("commitment"):
        pledges = {p["id"]: p for p in f.data["pledges"]}
        for i, action in enumerate(f.data.get("actions", [])):
            pledge = pledges.get(action["pledge"])
            if pledge is None:
                continue  # pledge-reference says so
            for key, what in (("due", "deadline"), ("measure", "measure of impact")):
                if key not in action and key not in pledge:
                    yield f.problem("required-field", ("actions", i),
                                    f"this action has no {what} and its pledge '{pledge['id']}' gives none: "
                                    f"add `{key}:` to the action or to the pledge")


def _select(data: object, parts: list[str], where: tuple = ()) -> Iterator[tuple[tuple, object]]:
    """Values at a dotted pattern; `*` walks a list, a list at the end yields its items."""
    if not parts:
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield where + (i,), item
        else:
            yield where, data
        return
    head, rest = parts[0], parts[1:]
    if head == "*":
        for i, item in enumerate(data if isinstance(data, list) else []):
            yield from _select(item, rest, where + (i,))
    elif isinstance(data, dict) and head in data:
        yield from _select(data[head], rest, where + (head,))


def _unknown(value: object, known: dict, what: str) -> str:
    close = difflib.get_close_matches(str(value)[:200], list(known), n=1)
    suggestion = f"did you mean '{close[0]}'? " if close else ""
    if len(known) <= 20:
        listed = "known values: " + ", ".join(sorted(known))
    elif what == "organisations":
        listed = "an organisation is named by its file name in content/organisations/, without .yaml"
    elif what == "services":
        listed = "a service is named by its file name in content/services/, without .yaml"
    else:
        listed = f"the known values are listed in schemas/vocabularies/{what}.yaml"
    if suggestion:  # a new sentence after the question
        listed = listed[0].upper() + listed[1:]
    return f"{shown(str(value))} is not one of the known {_PLURAL_WORDS.get(what, what)}; {suggestion}{listed}"


_PLURAL_WORDS = {"access": "access facts", "client-groups": "client groups"}  # vocabularies named as things
