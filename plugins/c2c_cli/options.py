"""The options several commands share, each with its one default, and the values they
turn into: a content folder that exists, a build date, the project's C2C_* settings.

A value that cannot be used stops the command with `Refused`: `c2c: <why>` on stderr
and exit 2, before anything is read or written.
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path
from typing import Any

from c2c_registry.settings import SettingsError, build_date, project_settings

CONTENT = "content"
OUTPUT = "output"
SETTINGS = "pelicanconf.py"


class Refused(Exception):
    """The command cannot run as asked; the message says why and what to do."""


def add_content(parser: argparse.ArgumentParser, what: str = "content folder") -> None:
    parser.add_argument("--content", default=CONTENT, help=f"{what} (default: {CONTENT})")


def add_output(parser: argparse.ArgumentParser, what: str = "output folder") -> None:
    parser.add_argument("--output", default=OUTPUT, help=f"{what} (default: {OUTPUT})")


def add_settings(parser: argparse.ArgumentParser, what: str = "Pelican settings file whose C2C_* settings apply") -> None:
    parser.add_argument("--settings", default=SETTINGS, help=f"{what} (default: {SETTINGS})")


def add_build_date(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument("--build-date", help=f"{what}, YYYY-MM-DD (default: today, UK time)")


def content_folder(args: argparse.Namespace) -> Path:
    """--content, which must be a folder."""
    content = Path(args.content)
    if not content.is_dir():
        raise Refused(f"there is no content folder at {content}")
    return content


def today(args: argparse.Namespace) -> date:
    """--build-date, else the C2C_BUILD_DATE environment variable, else today in UK time."""
    try:
        return build_date(args.build_date)
    except SettingsError as err:
        raise Refused(str(err)) from None


def c2c_settings(args: argparse.Namespace) -> dict[str, Any]:
    """The C2C_* settings of --settings over the defaults, as a build would use them."""
    return project_settings(Path(args.settings))


def in_github_actions() -> bool:
    """Under GitHub Actions, problems are also printed as annotations on the diff."""
    return os.environ.get("GITHUB_ACTIONS") == "true"
