"""Pelican plugin: open data. Everything under /data/ and the commitments feed.

Writes, from the views (c2c_views, through the build state) and nothing else:
- the register and the directory as CSV and JSON tables (`tables`) with a Frictionless
  `datapackage.json`;
- the directory in Open Referral shape (HSDS 3.0, valid ORUK 3.0): one file per service,
  one array, and pages shaped like the HSDS API's /services (`hsds`);
- the project's JSON Schemas and vocabularies;
- the Atom feed of new and updated commitments (`feed`);
- /data/, listing every download with its licence, fields and size.

It also holds the reverse, `c2c import-hsds` (`importer`, `hsds_in`, `imports/`): a
council's Open Referral feed into service files. Only `register` loads Pelican, so the
import runs without it.
"""

from __future__ import annotations

from c2c_registry.pipeline import WRITE

STAGE = WRITE


def register() -> None:
    from pelican import signals

    from c2c_registry import start_build

    from .writer import get_generators

    signals.initialized.connect(start_build)
    signals.get_generators.connect(get_generators)
