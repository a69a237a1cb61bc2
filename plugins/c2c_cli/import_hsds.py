"""`c2c import-hsds`: Open Referral (HSDS 3.0 / ORUK) service JSON into service files.

The import itself is c2c_data's (plugins/c2c_data/importer.py), beside the export it
mirrors; this is the command around it.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import options


def arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", help="a JSON file: one service, an array of services, or an API page with `contents`")
    options.add_content(parser, "content folder to write services/ into")


def run(args: argparse.Namespace) -> int:
    from c2c_data.importer import import_hsds  # only here: it loads the page layer

    return import_hsds(Path(args.file), Path(args.content))
