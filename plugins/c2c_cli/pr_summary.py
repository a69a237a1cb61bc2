"""`c2c pr-summary --base REF`: what a pull request adds or changes, in plain English,
for the job summary WMCA reviewers read before the diff.

The changed files come from git; what they hold comes from the registry as loaded and
checked (the only parser), so the summary says what the site will show. A change to
anything outside the content folder (code, settings, workflows, tests) is not a
submission: the summary then starts with a warning that lists those files, because the
green check and the preview were made by that very code.
"""

from __future__ import annotations

import argparse
import os
import subprocess
from collections import Counter
from datetime import date
from pathlib import Path
from typing import NamedTuple

from c2c_registry.load.files import kind_of
from c2c_registry.load.registry import load_registry
from c2c_registry.model import Registry
from c2c_registry.rules.problems import Problem, one_line
from c2c_registry.rules.quality import quality_warnings
from c2c_registry.words import count

from . import options
from .report import markdown_text

STATUS_WORDS = {"A": "Added", "M": "Changed", "D": "Removed"}
_LIMIT = 50  # lines per list: a summary, not the whole log


def arguments(parser: argparse.ArgumentParser) -> None:
    options.add_content(parser)
    parser.add_argument("--base", required=True, help="the git commit or branch the pull request is compared with")
    options.add_build_date(parser, "the date warnings are worked out as of")
    options.add_settings(parser)


def run(args: argparse.Namespace) -> int:
    today = options.today(args)
    content = options.content_folder(args)
    stale_days = options.c2c_settings(args)["C2C_STALE_AFTER_DAYS"]
    print(summary(content, changed_files(content, args.base), today, stale_days), end="")
    return 0


class Change(NamedTuple):
    status: str  # A, M or D
    path: str  # a content file as the registry names it; any other file from the repository's top
    content: bool  # inside the content folder


def changed_files(content: Path, base: str) -> list[Change]:
    """Every file of the repository changed since `base` (renames as a removal and an
    addition, so a file moved out of the content folder counts as outside it)."""
    top = Path(subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=content, capture_output=True, text=True,
                              check=True).stdout.strip()).resolve()
    out = subprocess.run(["git", "diff", "--name-status", "--no-renames", "-z", f"{base}...HEAD"],
                         cwd=top, capture_output=True, text=True, check=True).stdout
    folder = content.resolve()
    fields = out.split("\0")
    found = []
    for status, path in zip(fields[0:-1:2], fields[1::2], strict=True):  # -z: status, path, status, path, ""
        full = Path(os.path.normpath(top / path))  # as named: a link into content/ is not followed out
        inside = full.is_relative_to(folder)
        found.append(Change(status[:1], str(full.relative_to(folder.parent)) if inside else path, inside))
    return found


def _describe(registry: Registry | None, path: str) -> str:
    if registry is None:
        return ""
    vocab = registry.vocab["stages"]
    for c in registry.commitments.values():
        if c.source == path:
            stages = Counter(p.stage for p in c.pledges)
            per_stage = ", ".join(f"{vocab[s].name} {n}" for s, n in stages.items())
            no_lead = sum(1 for a in c.actions if not a.lead)
            return (f"{markdown_text(c.organisation.name)}, {c.approach.replace('-', ' ')} held {c.held.isoformat()}: "
                    f"{count(len(c.pledges), 'pledge')} ({per_stage}); {count(len(c.actions), 'action')}"
                    + (f", {no_lead} without a lead" if no_lead else ""))
    for o in registry.organisations.values():
        if o.source == path:
            return f"{markdown_text(o.name)} (C2C status: {o.c2c_status})"
    for s in registry.services.values():
        if s.source == path:
            return f"{markdown_text(s.name)}, last verified {s.last_verified.isoformat()}"
    return ""


def _kind(path: str) -> str:
    return kind_of(Path(path)) or "file"


def _lines(items: list[Problem]) -> list[str]:
    lines = [f"- `{markdown_text(p.path)}` line {p.line}: {markdown_text(p.field)}: {markdown_text(p.message)} ({p.rule})" for p in items[:_LIMIT]]
    if len(items) > _LIMIT:
        lines.append(f"- … and {len(items) - _LIMIT} more; run `c2c validate` to see them all")
    return lines


def _section(title: str, items: list[Problem], lead: str, none: str) -> list[str]:
    """A heading, then `lead` and a line for each item, or `none` when there are none."""
    return ["", f"## {title}", "", *([lead, "", *_lines(items)] if items else [none])]


def _code(text: str) -> str:
    """A file name as Markdown code, whatever it holds: invisible characters and line
    breaks as escapes, and a backtick inside fenced with two."""
    text = one_line(text)
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def code_warning(content: Path, elsewhere: list[Change]) -> list[str]:
    """The warning a pull request that changes more than content starts with."""
    n = len(elsewhere)
    files = [f"> - {_code(c.path)} ({STATUS_WORDS.get(c.status, 'Changed').lower()})" for c in elsewhere[:_LIMIT]]
    if n > _LIMIT:
        files.append(f"> - … and {n - _LIMIT} more")
    return [
        "> [!CAUTION]",
        f"> **This pull request changes more than content.** {count(n, 'file')} outside "
        f"{_code(content.name + '/')} {'change' if n != 1 else 'changes'} the code, settings, tests or workflows "
        "that check, build and publish the site:",
        ">",
        *files,
        ">",
        "> **Do not merge this as a submission.** A maintainer (named in `.github/CODEOWNERS`) must review these "
        "changes first. This check and the site preview were made by the pull request's own code, so a green "
        "check says nothing about them: do not open the preview until a maintainer has reviewed the code.",
        "",
    ]


def summary(content: Path, changes: list[Change], today: date, stale_days: int) -> str:
    registry, problems = load_registry(content)
    elsewhere = [c for c in changes if not c.content]
    changes = [c for c in changes if c.content]
    lines = ["# C2C submission check", ""]
    if elsewhere:
        lines += code_warning(content, elsewhere)
    lines += ["## What this pull request changes", ""]
    if not changes:
        lines.append("No content files changed.")
    for status, path, _ in changes:
        words = _describe(registry, path) or _kind(path)
        lines.append(f"- {STATUS_WORDS.get(status, 'Changed')} {_kind(path)} `{markdown_text(path)}`: {words}")
    changed = {c.path for c in changes}
    lines += _section("Problems", problems, f"{count(len(problems), 'problem')}: the "
                      "site cannot be built until they are fixed. Each is also shown next to its line in the Files "
                      "changed tab.", "None: every file passed the checks.")
    if registry is not None:
        warnings = [w for w in quality_warnings(registry, today, stale_days) if w.path in changed]
        lines += _section("Warnings", warnings, f"{count(len(warnings), 'thing')} worth a "
                          "look before approving (they do not stop the build):", "None in the changed files.")
    lines.append("")
    return "\n".join(lines)
