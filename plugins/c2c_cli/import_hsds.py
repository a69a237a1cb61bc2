"""`c2c import-hsds`: a council's Open Referral (HSDS 3.0 / ORUK) feed into service files.

The import itself is c2c_data's (`plugins/c2c_data/importer.py`, beside the export it
mirrors, with its own options); this is the command around it. It loads no Pelican.
"""

from __future__ import annotations

import argparse

from c2c_data import importer

from . import options


def arguments(parser: argparse.ArgumentParser) -> None:
    importer.add_arguments(parser)
    options.add_content(parser, "content folder to write services/ into")


def run(args: argparse.Namespace) -> int:
    return importer.run(args)
