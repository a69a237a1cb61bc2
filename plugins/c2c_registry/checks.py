"""Rules that a schema cannot express: across files, against vocabularies, about dates.

One small function per check, each taking the files and returning problems that name a
rule from rules.py, so each rule has its own test and its own sentence for the person
fixing the file.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .files import ContentFile
from .images import image_problem
from .model import Term
from .problems import Problem, checker_failed, shown
from .schemas import SLUG_PATTERN, slugify
from .urls import RESERVED_PAGE_SLUGS, RESERVED_SERVICE_SLUGS, Urls
from .when import When, when


@dataclass
class Corpus:
    """What the rules look at: files by kind, vocabularies, and where logos live."""

    files: dict[str, list[ContentFile]]
    vocab: dict[str, dict[str, Term]]
    content_dir: Path
    current: ContentFile | None = field(default=None, repr=False)  # the file a check is looking at

    def all(self, kind: str) -> Iterator[ContentFile]:
        for f in self.files.get(kind, []):
            self.current = f
            yield f

    def valid(self, kind: str) -> Iterator[ContentFile]:
        return (f for f in self.all(kind) if f.valid)

    def readable(self, kind: str) -> Iterator[ContentFile]:
        """Files that parsed to fields, even with schema errors: reference rules run on
        them too, so one run reports everything a reviewer needs to fix."""
        return (f for f in self.all(kind) if isinstance(f.data, dict))

    def slugs(self, kind: str) -> set[str]:
        """Slugs of every readable file, valid or not, so one broken file does not
        make every reference to it an error too."""
        return {f.slug for f in self.files.get(kind, [])}


Check = Callable[[Corpus], Iterable[Problem]]


def _named_by_file(corpus: Corpus) -> Iterator[ContentFile]:
    """Files whose name is their slug: every kind but a page that sets its own `Slug:`."""
    for kind in corpus.files:
        for f in corpus.all(kind):
            if kind != "page" or "Slug" not in (f.data or {}):
                yield f


def check_slugs(corpus: Corpus) -> Iterator[Problem]:
    """File names are slugs (they become web addresses)."""
    for f in _named_by_file(corpus):
        if not re.match(SLUG_PATTERN, f.slug) or len(f.slug) > 80:
            yield Problem(
                f.path, 1, 1, "(file name)",
                f"{shown(f.slug)} cannot be a web address; rename the file using lower-case "
                "letters, digits and single hyphens (at most 80), e.g. "
                f"'{slugify(f.slug) or 'my-file'}'", "file-name",
            )


def check_duplicate_slugs(corpus: Corpus) -> Iterator[Problem]:
    """Two files of one kind may not share a slug (e.g. a.yaml and sub/a.yml), nor two
    pages an address."""
    for kind in corpus.files:
        first: dict[str, ContentFile] = {}
        for f in corpus.all(kind):
            if f.slug not in first:
                first[f.slug] = f
            elif kind == "page":
                yield _page_problem(
                    f, "duplicate-slug", f"another page has the address /{Urls().page(f.slug)}: "
                    f"{first[f.slug].path}. Give each page its own Slug:")
            else:
                yield Problem(
                    f.path, 1, 1, "(file name)",
                    f"another file has the same name {shown(f.slug)}: {first[f.slug].path}. "
                    "Each file needs its own name; rename or remove one", "duplicate-slug",
                )


def _page_problem(f: ContentFile, rule: str, message: str) -> Problem:
    """A problem with a page's address: on its Slug: line, or on its file name."""
    if "Slug" in (f.data or {}):
        return f.problem(rule, ("Slug",), message)
    return Problem(f.path, 1, 1, "(file name)", message, rule)


def check_reserved_page_slugs(corpus: Corpus) -> Iterator[Problem]:
    """A page at the address of one of the site's own pages or files would overwrite it."""
    for f in corpus.all("page"):
        if f.slug in RESERVED_PAGE_SLUGS:
            fix = ("change Slug:, for example to" if "Slug" in (f.data or {}) else
                   "rename the file or give it a Slug: line, for example")
            yield _page_problem(
                f, "reserved-slug", f"{shown(f.slug)} is the address of one of the site's own pages "
                f"(/{Urls().page(f.slug)}); {fix} {f.slug}-information")


def check_reserved_slugs(corpus: Corpus) -> Iterator[Problem]:
    """A service named like one of the directory's own pages would overwrite it."""
    for f in corpus.all("service"):
        if f.slug in RESERVED_SERVICE_SLUGS:
            yield Problem(
                f.path, 1, 1, "(file name)",
                f"'{f.slug}' is the name of one of the directory's own pages (/{Urls().service(f.slug)}); "
                f"rename the file, for example to {f.slug}-service{Path(f.path).suffix}", "reserved-slug",
            )


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
            if (isinstance(value, str) and value not in orgs and "-" in value and len(value) <= 80
                    and re.match(SLUG_PATTERN, value) and not f.reported(where)):
                close = difflib.get_close_matches(value, list(orgs), n=1)
                guess = f"did you mean '{close[0]}'? " if close else "check it against the file names in content/organisations/. "
                words = " ".join(part.capitalize() for part in value.split("-"))
                yield f.problem(
                    "organisation-reference", where,
                    f"{shown(value)} is written like an organisation's id but is not one of the known organisations; "
                    f"{guess}If this is a group outside the registry, write its name in words, e.g. {words}")


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


def _dated(data: dict) -> Iterator[tuple[tuple, When, str]]:
    """Every deadline of a plan (actions', pledges', milestones'), where it is, and what
    it is called in a message."""
    for kind in ("pledges", "actions"):
        for i, item in enumerate(data.get(kind, [])):
            if "due" in item:
                yield (kind, i, "due"), when(item["due"]), "the deadline"
            for j, milestone in enumerate(item.get("milestones", [])):
                yield (kind, i, "milestones", j, "due"), when(milestone["due"]), "the milestone"
                if "done" in milestone:
                    yield (kind, i, "milestones", j, "done"), when(milestone["done"]), "the date it was met"


def check_commitment_dates(corpus: Corpus) -> Iterator[Problem]:
    """Nothing is approved, due, met, updated or closed before the session it came from.
    A month counts from its first day to its last: a deadline of the month the session was
    held in is not before it."""
    for f in corpus.valid("commitment"):
        held_when, approved_when = when(f.data["held"]), when(f.data["approved"])
        held, approved = held_when.first or date.min, approved_when.last or date.min
        if approved < held:
            yield f.problem("date-order", ("approved",), f"approval ({approved_when}) is before the session was held ({held_when}); check both dates")
        if "review_due" in f.data and date.fromisoformat(f.data["review_due"]) < (approved_when.first or date.min):
            yield f.problem("date-order", ("review_due",), f"the review date is before approval ({approved_when}); check both dates")
        if "closed" in f.data and date.fromisoformat(f.data["closed"]) < (approved_when.first or date.min):
            yield f.problem("date-order", ("closed",), f"the plan closes before it was approved ({approved_when}); check both dates")
        for where, due, what in _dated(f.data):
            if due.last is not None and due.last < held:
                yield f.problem("date-order", where, f"{what} ({due}) is before the session was held ({held_when}); check both dates")
        for i, action in enumerate(f.data.get("actions", [])):
            previous = held
            for j, update in enumerate(action.get("updates", [])):
                dated = date.fromisoformat(update["date"])
                if dated < previous:
                    yield f.problem(
                        "date-order", ("actions", i, "updates", j, "date"),
                        f"this update ({dated}) is dated before "
                        + ("the session was held" if previous == held else "the update above it")
                        + f" ({held_when if previous == held else previous}); list updates oldest first",
                    )
                previous = max(previous, dated)


def check_organisation_dates(corpus: Corpus) -> Iterator[Problem]:
    """An award is renewed after it is given."""
    for f in corpus.valid("organisation"):
        c2c = f.data["c2c"]
        if "awarded" in c2c and "renewal_due" in c2c and c2c["renewal_due"] < c2c["awarded"]:
            yield f.problem("date-order", ("c2c", "renewal_due"), f"renewal ({c2c['renewal_due']}) is before the award ({c2c['awarded']}); check both dates")


def check_alert_dates(corpus: Corpus) -> Iterator[Problem]:
    for f in corpus.valid("alert"):
        if f.data["active_until"] < f.data["active_from"]:
            yield f.problem("date-order", ("active_until",), "the alert ends before it starts; check active_from and active_until")


def check_exception_dates(corpus: Corpus) -> Iterator[Problem]:
    for f in corpus.valid("service"):
        for i, e in enumerate(f.data.get("exceptions", [])):
            if "to" in e and e["to"] < e["from"]:
                yield f.problem("date-order", ("exceptions", i, "to"),
                                f"the range ends ({e['to']}) before it starts ({e['from']}); check from and to")


def check_service_references(corpus: Corpus) -> Iterator[Problem]:
    """An alert's services and a helpline's service name services that exist."""
    services = corpus.slugs("service")
    for kind, key in (("alert", "services"), ("helplines", "helplines")):
        for f in corpus.valid(kind):
            for i, entry in enumerate(f.data.get(key, [])):
                if "service" in entry and entry["service"] not in services:
                    yield f.problem("service-reference", (key, i, "service"),
                                    _unknown(entry["service"], dict.fromkeys(services), "services"))


def _within(opens: str, at: str, closes: str) -> bool:
    """Whether `at` falls in the span from `opens` to `closes` (past midnight if closes is earlier)."""
    return opens <= at <= closes if opens < closes else at >= opens or at <= closes


def check_hours(corpus: Corpus) -> Iterator[Problem]:
    """Opening hours make sense: no zero-length span, and each day once per time range."""
    for f in corpus.valid("service"):
        for i, span in enumerate(f.data.get("hours", [])):
            if span["opens"] == span["closes"]:
                yield f.problem(
                    "hours", ("hours", i, "closes"),
                    "opens and closes at the same time; for a service open all day and night "
                    "use `always_open: true` instead",
                )
            elif "last_entry" in span and not _within(span["opens"], span["last_entry"], span["closes"]):
                yield f.problem(
                    "hours", ("hours", i, "last_entry"),
                    f"last entry ({span['last_entry']}) is not between opening ({span['opens']}) and closing "
                    f"({span['closes']}); give a time while the service is open",
                )


def check_logos(corpus: Corpus) -> Iterator[Problem]:
    """A named logo exists in content/organisations/logos/ and is a sane image. A link or
    anything else that is not an ordinary file is never opened (discover() reports it)."""
    logo_dir = corpus.content_dir / "organisations" / "logos"
    for f in corpus.valid("organisation"):
        if "logo" not in f.data:
            continue
        path = logo_dir / f.data["logo"]
        try:
            mode = os.lstat(path).st_mode
        except OSError:
            mode = 0
        if stat.S_ISLNK(mode) or (mode and not stat.S_ISREG(mode)):
            yield f.problem("logo", ("logo",), f"{f.data['logo']} in content/organisations/logos/ is not an "
                            "ordinary file; put the image itself there")
            continue
        if not mode:
            yield f.problem("logo", ("logo",), f"there is no file {f.data['logo']} in content/organisations/logos/; add it or fix the name")
            continue
        message = image_problem(path)
        if message:
            yield f.problem("logo", ("logo",), message)


CHECKS: list[Check] = [
    check_slugs, check_duplicate_slugs, check_reserved_slugs, check_reserved_page_slugs, check_vocabularies,
    check_organisation_references, check_collaborators, check_pledge_ids, check_inherited_fields,
    check_commitment_dates, check_organisation_dates, check_alert_dates, check_exception_dates,
    check_service_references, check_hours, check_logos,
]


def run_checks(corpus: Corpus, checks: list[Check] = CHECKS) -> list[Problem]:
    """Every problem every check finds. A check that fails is itself a problem, naming the
    file it was looking at, and the other checks still run."""
    problems: list[Problem] = []
    for check in checks:
        corpus.current = None
        try:
            problems += list(check(corpus))
        except Exception:
            blamed = corpus.current.path if corpus.current else corpus.content_dir.name
            problems.append(checker_failed(blamed))
    return problems


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

