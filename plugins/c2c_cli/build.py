"""`c2c build`: validate, then build the site with Pelican into a fresh folder and swap
it in, so a failed build never leaves a half-written site."""

from __future__ import annotations

import argparse
import logging
import shutil
import sys
import tempfile
from pathlib import Path

from c2c_registry.load.registry import InvalidContent
from c2c_registry.pipeline import build_state
from c2c_registry.rules.problems import CHECKER_FAILED, warnings_report

from . import options
from .options import Refused
from .validate import contents


def arguments(parser: argparse.ArgumentParser) -> None:
    options.add_content(parser)
    options.add_output(parser)
    options.add_build_date(parser, "the date to build as")
    options.add_settings(parser, "Pelican settings file")


def run(args: argparse.Namespace) -> int:
    """Build into a temporary folder beside --output, then swap it in: a failed build
    never leaves a half-written site."""
    from pelican import Pelican
    from pelican.log import console as pelican_console
    from pelican.log import init as init_logging
    from pelican.settings import read_settings
    from rich.console import Console
    from rich.logging import RichHandler

    content = options.content_folder(args)
    settings_file = Path(args.settings)
    if not settings_file.is_file():  # Pelican's defaults would build without checking anything
        raise Refused(f"there is no settings file at {settings_file}; run from the project folder or pass --settings")
    today = options.today(args)
    output = Path(args.output).resolve()
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
        state = build_state(settings)  # an error when no c2c plugin ran, so nothing was checked
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
    print(f"Built {pages} pages into {output} as of {today.isoformat()}, from {contents(state.registry)}.")
    if state.warnings:
        print(warnings_report(state.warnings, github=options.in_github_actions()))
    return 0


def _swap(staging: Path, output: Path) -> None:
    old = output.with_name(f".{output.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        output.rename(old)
    staging.rename(output)
    shutil.rmtree(old, ignore_errors=True)
