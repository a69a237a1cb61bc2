"""The `c2c` command: validate content, build the site.

Written for WMCA staff as much as for developers: every message says what to do next.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from .cache import cache_folder
from .model import Registry
from .problems import CHECKER_FAILED, Problem, report, warnings_report
from .registry import InvalidContent, load_registry
from .settings import SettingsError, build_date


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="c2c", description="Commitment to Collaborate registry tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    v = sub.add_parser("validate", help="check every content file and report every problem")
    v.add_argument("--content", default="content", help="content folder (default: content)")
    v.add_argument("paths", nargs="*", help="only report problems in these files (all are still read, for cross-references)")
    v.add_argument("--build-date", help="the date warnings are worked out as of, YYYY-MM-DD (default: today, UK time)")
    v.add_argument("--warnings-as-errors", action="store_true",
                   help="exit 1 when there are content-quality warnings (as C2C_WARNINGS_AS_ERRORS does for a build)")
    v.add_argument("--settings", default="pelicanconf.py",
                   help="Pelican settings file whose C2C_* settings apply (default: pelicanconf.py)")
    b = sub.add_parser("build", help="validate, then build the site; the old output stays until the new one is complete")
    b.add_argument("--content", default="content", help="content folder (default: content)")
    b.add_argument("--output", default="output", help="output folder (default: output)")
    b.add_argument("--build-date", help="the date to build as, YYYY-MM-DD (default: today, UK time)")
    b.add_argument("--settings", default="pelicanconf.py", help="Pelican settings file (default: pelicanconf.py)")
    s = sub.add_parser("serve", help="serve a built site on this computer, with the site's own page for missing addresses")
    s.add_argument("--output", default="output", help="the built site (default: output)")
    s.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    s.add_argument("--watch", action="store_true",
                   help="build first, then rebuild whenever a file in the content folder, schemas/ or theme/ changes")
    s.add_argument("--content", default="content", help="with --watch: content folder (default: content)")
    s.add_argument("--settings", default="pelicanconf.py", help="with --watch: Pelican settings file")
    s.add_argument("--build-date", help="with --watch: the date to build as, YYYY-MM-DD (default: today)")
    from c2c_data import importer

    importer.add_arguments(sub.add_parser("import-hsds", help="bring a council's Open Referral (HSDS 3.0 / ORUK) feed "
                                          "into service files"))
    from .tools import add_tool_commands, run_tool_command

    add_tool_commands(sub)
    args = parser.parse_args(argv)
    if args.command in ("report", "new", "fmt", "pr-summary"):
        return run_tool_command(args)
    if args.command == "validate":
        try:
            return validate(Path(args.content), args.paths, args.build_date, args.warnings_as_errors,
                            Path(args.settings))
        except Exception:  # load_registry names the file when it can; this is the last resort
            print("c2c: the checker itself failed; this is a fault in c2c, not in your content: please report it",
                  file=sys.stderr)
            return 2
    if args.command == "serve" and args.watch:
        from .watch import serve_and_watch

        return serve_and_watch(Path(args.content), Path(args.output), args.port, Path(args.settings), args.build_date)
    if args.command == "serve":
        from .serve import serve

        return serve(Path(args.output), args.port)
    if args.command == "import-hsds":
        return importer.run(args)
    return build(Path(args.content), Path(args.output), args.build_date, Path(args.settings))


def contents(registry: Registry) -> str:
    """'14 organisations, 14 commitments, 40 services and 2 alerts': what was read."""
    parts = [_count(len(registry.organisations), "organisation"), _count(len(registry.commitments), "commitment"),
             _count(len(registry.services), "service"), _count(len(registry.alerts), "alert")]
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def validate(content: Path, only: list[str] | None = None, date_text: str | None = None,
             warnings_as_errors: bool = False, settings_file: Path | None = None) -> int:
    from .quality import quality_warnings
    from .settings import project_settings

    if not content.is_dir():
        print(f"c2c: there is no content folder at {content}", file=sys.stderr)
        return 2
    try:
        today = build_date(date_text)
    except SettingsError as err:
        print(f"c2c: {err}", file=sys.stderr)
        return 2
    registry, problems = load_registry(content, cache_dir=cache_folder())
    github = os.environ.get("GITHUB_ACTIONS") == "true"
    if only:
        problems = _only(problems, content, only)
    if problems:
        print(report(problems, github=github))
        return 2 if any(p.rule == CHECKER_FAILED for p in problems) else 1
    assert registry is not None  # no problems means a registry
    settings = project_settings(settings_file)
    warnings = quality_warnings(registry, today, settings["C2C_STALE_AFTER_DAYS"])
    warnings_as_errors = warnings_as_errors or settings["C2C_WARNINGS_AS_ERRORS"]
    warnings = _only(warnings, content, only) if only else warnings
    print(f"No problems found in {content}: {contents(registry)}.")
    if warnings:
        print(warnings_report(warnings, github=github, blocking=warnings_as_errors))
    return 1 if warnings and warnings_as_errors else 0


def _only(problems: list[Problem], content: Path, only: list[str]) -> list[Problem]:
    """The problems in the files named on the command line."""
    wanted = {str(Path(p).resolve()) for p in only}
    base = content.resolve().parent
    return [p for p in problems if str((base / p.path).resolve()) in wanted]


def build(content: Path, output: Path, date_text: str | None, settings_file: Path) -> int:
    """Build into a temporary folder beside `output`, then swap it in: a failed build
    never leaves a half-written site."""
    from pelican import Pelican
    from pelican.log import console as pelican_console
    from pelican.log import init as init_logging
    from pelican.settings import read_settings
    from rich.console import Console
    from rich.logging import RichHandler

    if not content.is_dir():
        print(f"c2c: there is no content folder at {content}", file=sys.stderr)
        return 2
    if not settings_file.is_file():  # Pelican's defaults would build without checking anything
        print(f"c2c: there is no settings file at {settings_file}; run from the project folder "
              "or pass --settings", file=sys.stderr)
        return 2
    try:
        today = build_date(date_text)
    except SettingsError as err:
        print(f"c2c: {err}", file=sys.stderr)
        return 2
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    for leftover in output.parent.glob(f".{output.name}-building-*"):  # from a killed build
        shutil.rmtree(leftover, ignore_errors=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-building-", dir=output.parent))
    staging.chmod(0o755)
    # Pelican's warnings go to stderr; its closing "Processed 0 articles" line (it counts
    # only its own articles and pages) is silenced and a count of what was built printed.
    init_logging(level=logging.WARNING, fatal="warnings", name="pelican",
                 handler=RichHandler(console=Console(stderr=True)))
    pelican_console.quiet = True
    overrides = {
        "PATH": str(content.resolve()),
        "OUTPUT_PATH": str(staging),
        "C2C_BUILD_DATE": today.isoformat(),
        "DELETE_OUTPUT_DIRECTORY": False,
    }
    try:
        settings = read_settings(str(settings_file), override=overrides)
        Pelican(settings).run()
        if "C2C_REGISTRY" not in settings:
            raise RuntimeError(f"{settings_file} does not load the c2c_registry plugin, so the content was not checked")
    except InvalidContent as err:
        shutil.rmtree(staging, ignore_errors=True)
        print(err.code)
        return 2 if any(p.rule == CHECKER_FAILED for p in err.problems) else 1
    except BaseException as err:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"c2c: the build failed and {output} was left as it was: {err}", file=sys.stderr)
        return 1
    pages = sum(1 for _ in staging.rglob("*.html"))
    _swap(staging, output)
    print(f"Built {pages} pages into {output} as of {today.isoformat()}, from {contents(settings['C2C_REGISTRY'])}.")
    if settings.get("C2C_WARNINGS"):
        print(warnings_report(settings["C2C_WARNINGS"], github=os.environ.get("GITHUB_ACTIONS") == "true"))
    return 0


def _swap(staging: Path, output: Path) -> None:
    old = output.with_name(f".{output.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        output.rename(old)
    staging.rename(output)
    shutil.rmtree(old, ignore_errors=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
