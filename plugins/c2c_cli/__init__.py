"""The `c2c` command: every subcommand in one table, each in its own module.

Written for WMCA staff as much as for developers: every message says what to do next.
A command module has `arguments(parser)` and `run(args) -> exit code`, and imports what
is slow to import (Pelican, ruamel.yaml, the importer) only when it runs, so
`c2c validate` starts quickly. Commands use the registry library (c2c_registry) and the
plugins; nothing there imports this package.

Exit codes: 0 done (warnings allowed), 1 the content has problems (or, asked for,
warnings; or a build failed), 2 the command could not run as asked (no such folder, a
bad date, a checker fault).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from typing import Protocol

from . import build, fmt, import_hsds, new, pr_summary, report, serve, validate
from .options import Refused


class CommandModule(Protocol):
    def arguments(self, parser: argparse.ArgumentParser) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


@dataclass(frozen=True)
class Command:
    name: str
    module: CommandModule
    help: str


COMMANDS = (
    Command("validate", validate, "check every content file and report every problem"),
    Command("build", build, "validate, then build the site; the old output stays until the new one is complete"),
    Command("serve", serve, "serve a built site on this computer, with the site's own page for missing addresses"),
    Command("import-hsds", import_hsds, "bring a council's Open Referral (HSDS 3.0 / ORUK) feed into service files"),
    Command("report", report, "overdue actions, reviews and renewals due, stale services, as of a date"),
    Command("new", new, "write a new, valid file to fill in, with comments"),
    Command("pr-summary", pr_summary, "what a pull request changes, and its problems and warnings, in Markdown"),
    Command("fmt", fmt, "put content files in canonical key order and layout, keeping comments"),
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="c2c", description="Commitment to Collaborate registry tools.")
    sub = parser.add_subparsers(dest="command", required=True)
    for command in COMMANDS:
        command.module.arguments(sub.add_parser(command.name, help=command.help))
    args = parser.parse_args(argv)
    chosen = next(command for command in COMMANDS if command.name == args.command)
    try:
        return chosen.module.run(args)
    except Refused as refused:
        print(f"c2c: {refused}", file=sys.stderr)
        return 2
