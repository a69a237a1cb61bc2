"""`c2c validate`: check every content file and report every problem, then the
content-quality warnings; exit 0 when the content can be built."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from c2c_registry.load.cache import cache_folder
from c2c_registry.load.registry import load_registry
from c2c_registry.model import Registry
from c2c_registry.rules.problems import CHECKER_FAILED, Problem, report, warnings_report
from c2c_registry.rules.quality import quality_warnings
from c2c_registry.words import count

from . import options
from .options import Refused


def arguments(parser: argparse.ArgumentParser) -> None:
    options.add_content(parser)
    parser.add_argument("paths", nargs="*", help="only report problems in these files (all are still read, for cross-references)")
    options.add_build_date(parser, "the date warnings are worked out as of")
    parser.add_argument("--warnings-as-errors", action="store_true",
                        help="exit 1 when there are content-quality warnings (as C2C_WARNINGS_AS_ERRORS does for a build)")
    options.add_settings(parser)


def run(args: argparse.Namespace) -> int:
    try:
        return validate(args)
    except Refused:
        raise
    except Exception:  # load_registry names the file when it can; this is the last resort
        print("c2c: the checker itself failed; this is a fault in c2c, not in your content: please report it",
              file=sys.stderr)
        return 2


def validate(args: argparse.Namespace) -> int:
    content = options.content_folder(args)
    today = options.today(args)
    registry, problems = load_registry(content, cache_dir=cache_folder())
    github = options.in_github_actions()
    if args.paths:
        problems = _only(problems, content, args.paths)
    if problems:
        print(report(problems, github=github))
        return 2 if any(p.rule == CHECKER_FAILED for p in problems) else 1
    assert registry is not None  # no problems means a registry
    settings = options.c2c_settings(args)
    warnings = quality_warnings(registry, today, settings["C2C_STALE_AFTER_DAYS"])
    blocking = args.warnings_as_errors or settings["C2C_WARNINGS_AS_ERRORS"]
    warnings = _only(warnings, content, args.paths) if args.paths else warnings
    print(f"No problems found in {content}: {contents(registry)}.")
    if warnings:
        print(warnings_report(warnings, github=github, blocking=blocking))
    return 1 if warnings and blocking else 0


def contents(registry: Registry) -> str:
    """'14 organisations, 14 commitments, 40 services and 2 alerts': what was read."""
    parts = [count(len(registry.organisations), "organisation"), count(len(registry.commitments), "commitment"),
             count(len(registry.services), "service"), count(len(registry.alerts), "alert")]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _only(problems: list[Problem], content: Path, only: list[str]) -> list[Problem]:
    """The problems in the files named on the command line."""
    wanted = {str(Path(p).resolve()) for p in only}
    base = content.resolve().parent
    return [p for p in problems if str((base / p.path).resolve()) in wanted]
