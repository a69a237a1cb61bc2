"""`c2c report`: what needs chasing as of a build date, for WMCA's regular review.

Overdue actions, commitments due for review, award renewals due and stale services,
each decided by the one rule in `derive` that the site itself shows, printed for the
terminal or as Markdown for the daily issue.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import date, timedelta

from c2c_registry import derive
from c2c_registry.load.registry import load_registry
from c2c_registry.model import Action, Commitment, Organisation, Registry, Service
from c2c_registry.rules.problems import report as problem_report

from . import options


def arguments(parser: argparse.ArgumentParser) -> None:
    options.add_content(parser)
    options.add_build_date(parser, "the date to report as of")
    parser.add_argument("--markdown", action="store_true", help="print Markdown (for the daily issue)")
    options.add_settings(parser)


def run(args: argparse.Namespace) -> int:
    today = options.today(args)
    settings = options.c2c_settings(args)
    content = options.content_folder(args)
    registry, problems = load_registry(content)
    if registry is None:
        print(problem_report(problems))
        return 1
    found = follow_ups(registry, today, settings["C2C_DUE_SOON_DAYS"], settings["C2C_RENEWAL_GRACE_DAYS"],
                       settings["C2C_STALE_AFTER_DAYS"])
    print(as_markdown(found) if args.markdown else as_text(found), end="")
    return 0


@dataclass
class FollowUps:
    today: date
    overdue: list[Action]
    reviews: list[Commitment]
    renewals: list[tuple[Organisation, str]]  # with its award state
    stale: list[Service]

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.reviews or self.renewals or self.stale)


def follow_ups(registry: Registry, today: date, due_soon_days: int, grace_days: int,
               stale_days: int) -> FollowUps:
    """Everything to chase, each list in date order."""
    progress = derive.progress(registry, today, due_soon_days)
    horizon = today + timedelta(days=due_soon_days)
    renewals = sorted(
        ((org, derive.award_state(org, today, grace_days)) for org in registry.organisations.values()
         if derive.holds_award(org, today, grace_days) and org.renewal_due is not None
         and org.renewal_due <= horizon),
        key=lambda pair: (pair[0].renewal_due, pair[0].slug))
    stale = sorted((s for s in registry.services.values()
                    if derive.is_listed(s) and derive.is_stale(s, today, stale_days)),
                   key=lambda s: (s.last_verified, s.slug))
    return FollowUps(today, progress.overdue, progress.review_due, renewals, stale)


def _sections(f: FollowUps) -> list[tuple[str, list[tuple[str, str]]]]:
    """(heading, [(line of text, file)]) per kind of follow-up."""
    return [
        ("Overdue actions", [
            (f"{a.commitment.organisation.name}: {a.text} (due {a.due.isoformat()}, {a.status.replace('-', ' ')}"
             f"{', lead ' + a.lead if isinstance(a.lead, str) and a.lead else ''})", a.commitment.source)
            for a in f.overdue]),
        ("Commitments due for review", [
            (f"{c.organisation.name}: {c.display_title} (review due {c.review_due.isoformat() if c.review_due else ''})",
             c.source) for c in f.reviews]),
        ("Award renewals due", [
            (f"{org.name}: renewal due {org.renewal_due.isoformat() if org.renewal_due else ''}"
             f"{' (overdue: change c2c.status to lapsed or renew)' if state == 'renewal-overdue' else ''}",
             org.source) for org, state in f.renewals]),
        ("Stale services", [
            (f"{s.name}: last verified {s.last_verified.isoformat()}", s.source) for s in f.stale]),
    ]


def as_text(f: FollowUps) -> str:
    lines = [f"C2C follow-ups as of {f.today.isoformat()}"]
    for heading, items in _sections(f):
        lines += ["", f"{heading} ({len(items)})"]
        lines += [f"  - {text}  [{source}]" for text, source in items] or ["  none"]
    return "\n".join(lines) + "\n"


def markdown_text(text: str) -> str:
    """Text from content, safe in a Markdown list item: no markup, links or mentions."""
    for char in "\\`*_[]<>#|@!":
        text = text.replace(char, f"\\{char}")
    return " ".join(text.split())


def as_markdown(f: FollowUps) -> str:
    lines = [f"# C2C follow-ups as of {f.today.isoformat()}", ""]
    if f.empty:
        lines += ["Nothing is overdue, due for review or renewal, or stale.", ""]
    for heading, items in _sections(f):
        lines += [f"## {heading} ({len(items)})", ""]
        lines += [f"- {markdown_text(text)} (`{source}`)" for text, source in items] or ["None."]
        lines.append("")
    return "\n".join(lines)
