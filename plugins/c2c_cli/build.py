"""`c2c build`: validate, then build the site with Pelican into a staging folder and
publish it onto the output folder only once it is complete, so a failed build never
leaves a half-written site (publish.py). Pages whose inputs did not change since the
last build into the same folder are not rendered again (c2c_views/reuse.py);
`--explain` says why each page that was rendered was."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from c2c_registry.load.registry import InvalidContent
from c2c_registry.pipeline import build_state
from c2c_registry.rules.problems import CHECKER_FAILED, warnings_report

from . import options
from .options import Refused
from .publish import discard, publish, staging_folder
from .validate import contents

if TYPE_CHECKING:
    from c2c_views.writing import FirstPages


def arguments(parser: argparse.ArgumentParser) -> None:
    options.add_content(parser)
    options.add_output(parser)
    options.add_build_date(parser, "the date to build as")
    options.add_settings(parser, "Pelican settings file")
    parser.add_argument("--explain", action="store_true",
                        help="say why each page that is rendered is (the others are unchanged since the last build)")


def run(args: argparse.Namespace, first: FirstPages | None = None) -> int:
    """Build into a staging folder beside --output, then publish what changed: a failed
    build never leaves a half-written site. `first`: `c2c serve --watch`'s saved files,
    whose pages are shown before the rest is built (c2c_views/writing.py)."""
    from pelican import Pelican
    from pelican.log import console as pelican_console
    from pelican.log import init as init_logging
    from pelican.settings import read_settings
    from rich.console import Console
    from rich.logging import RichHandler

    from c2c_views.reuse import forget, save

    content = options.content_folder(args)
    settings_file = Path(args.settings)
    if not settings_file.is_file():  # Pelican's defaults would build without checking anything
        raise Refused(f"there is no settings file at {settings_file}; run from the project folder or pass --settings")
    today = options.today(args)
    output = Path(args.output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = staging_folder(output)
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
        "C2C_PUBLISHED": str(output) if output.is_dir() else "",
        "C2C_EXPLAIN": args.explain,
        "C2C_FIRST": first,
    }
    try:
        settings = read_settings(str(settings_file), override=overrides)
        Pelican(settings).run()
        state = build_state(settings)  # an error when no c2c plugin ran, so nothing was checked
    except InvalidContent as err:
        discard(staging)
        print(err.code)
        return 2 if any(p.rule == CHECKER_FAILED for p in err.problems) else 1
    except BaseException as err:
        discard(staging)
        print(f"c2c: the build failed and {output} was left as it was: {err}", file=sys.stderr)
        return 1
    queue = state.pages if type(state).pages.given(state) else None
    written = queue.written if queue else None
    kept = written.kept if written else set()
    kept_files = queue.kept_files if queue else set()
    pages = sum(1 for _ in staging.rglob("*.html")) + len(kept)
    forget(output)  # a publish cut short must not leave records of the site before it
    publish(staging, output, kept | kept_files)
    if written is not None and written.records is not None:
        save(written.records, output)
    done = f" ({written.rendered} rendered, {len(kept)} unchanged)" if written and kept else ""
    print(f"Built {pages} pages{done} into {output} as of {today.isoformat()}, from {contents(state.registry)}.")
    if state.warnings:
        print(warnings_report(state.warnings, github=options.in_github_actions()))
    return 0
