"""Dates and times that must be in order: nothing in a plan before the session it came
from, an award renewed after it is given, an alert or a closure ending after it starts,
and opening hours that open before they close."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from ..when import When, when
from .corpus import Corpus
from .problems import Problem


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
