"""The `c2c` commands for people who look after content: `report`, `new` and `fmt`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from c2c_registry.settings import SettingsError, build_date, project_settings


def add_tool_commands(sub) -> None:
    r = sub.add_parser("report", help="overdue actions, reviews and renewals due, stale services, as of a date")
    r.add_argument("--content", default="content", help="content folder (default: content)")
    r.add_argument("--build-date", help="the date to report as of, YYYY-MM-DD (default: today, UK time)")
    r.add_argument("--markdown", action="store_true", help="print Markdown (for the daily issue)")
    r.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file whose C2C_* settings apply (default: pelicanconf.py)")
    n = sub.add_parser("new", help="write a new, valid file to fill in, with comments")
    n.add_argument("kind", choices=("organisation", "commitment", "service"))
    n.add_argument("slug", help="the file name without its ending (for a commitment: the organisation's)")
    n.add_argument("--name", default="", help="the organisation's or service's name")
    n.add_argument("--content", default="content", help="content folder (default: content)")
    s = sub.add_parser("pr-summary", help="what a pull request changes, and its problems and warnings, in Markdown")
    s.add_argument("--content", default="content", help="content folder (default: content)")
    s.add_argument("--base", required=True, help="the git commit or branch the pull request is compared with")
    s.add_argument("--build-date", help="the date warnings are worked out as of (default: today, UK time)")
    s.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file whose C2C_* settings apply (default: pelicanconf.py)")
    f = sub.add_parser("fmt", help="put content files in canonical key order and layout, keeping comments")
    f.add_argument("--check", action="store_true", help="only list files not in canonical form; exit 1 if any")
    f.add_argument("paths", nargs="*", help="files or folders (default: content)")


def run_tool_command(args: argparse.Namespace) -> int:
    if args.command == "fmt":
        from .fmt import fmt

        return fmt([Path(p) for p in args.paths or ["content"]], args.check)
    try:
        today = build_date(getattr(args, "build_date", None))
    except SettingsError as err:
        print(f"c2c: {err}", file=sys.stderr)
        return 2
    content = Path(args.content)
    if args.command == "new":
        from .scaffold import new_file

        code, message = new_file(args.kind, args.slug, content, today, args.name)
        print(message, file=sys.stderr if code else sys.stdout)
        return code
    if args.command == "pr-summary":
        from .pr_summary import changed_files, summary

        if not content.is_dir():
            print(f"c2c: there is no content folder at {content}", file=sys.stderr)
            return 2
        stale_days = project_settings(Path(args.settings))["C2C_STALE_AFTER_DAYS"]
        print(summary(content, changed_files(content, args.base), today, stale_days), end="")
        return 0
    return report(content, today, args.markdown, project_settings(Path(args.settings)))


def report(content: Path, today, markdown: bool, settings: dict) -> int:
    from c2c_registry.load.registry import load_registry
    from c2c_registry.rules.problems import report as problem_report

    from .report import as_markdown, as_text, follow_ups

    if not content.is_dir():
        print(f"c2c: there is no content folder at {content}", file=sys.stderr)
        return 2
    registry, problems = load_registry(content)
    if registry is None:
        print(problem_report(problems))
        return 1
    found = follow_ups(registry, today, settings["C2C_DUE_SOON_DAYS"], settings["C2C_RENEWAL_GRACE_DAYS"],
                       settings["C2C_STALE_AFTER_DAYS"])
    print(as_markdown(found) if markdown else as_text(found), end="")
    return 0
