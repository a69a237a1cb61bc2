"""`c2c import-hsds FILE [--content DIR]`: Open Referral service JSON to service files.

Reads one HSDS 3.0 / ORUK service, an array of them, or an API page (`contents`), maps
each with `hsds_in.from_hsds` and writes `DIR/services/<slug>.yaml` in the schema's field
order, so the same input always gives the same files. Then it says what it could not
map, service by service, and reminds the user to run `c2c validate`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import yaml

from c2c_registry.load.registry import load_vocabularies
from c2c_registry.package_data import schema_dir
from c2c_registry.rules.names import RESERVED_SERVICE_SLUGS

from .hsds import organisation_id
from .hsds_in import from_hsds

HEADER = "# yaml-language-server: $schema=../../schemas/service.schema.json\n"
FIELD_ORDER = list(json.loads((schema_dir() / "service.schema.json").read_text("utf-8"))["properties"])
MAX_SERVICES = 10_000


def services_in(document: Any) -> list[dict[str, Any]]:
    """The service records of a single service, an array, or an API page."""
    if isinstance(document, dict) and isinstance(document.get("contents"), list):
        document = document["contents"]
    items = document if isinstance(document, list) else [document]
    return [item for item in items if isinstance(item, dict) and item.get("name")]


def service_yaml(data: dict[str, Any]) -> str:
    ordered = {key: data[key] for key in FIELD_ORDER if key in data}
    return HEADER + yaml.safe_dump(ordered, sort_keys=False, allow_unicode=True, width=1000,
                                   default_flow_style=None)


def import_hsds(source: Path, content: Path) -> int:
    try:
        document = json.loads(source.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        print(f"c2c: could not read {source} as JSON: {err}", file=sys.stderr)
        return 2
    records = services_in(document)
    if not records:
        print(f"c2c: {source} holds no HSDS service (an object with a name, a list of them, or a page with "
              "`contents`)", file=sys.stderr)
        return 2
    if len(records) > MAX_SERVICES:
        print(f"c2c: {source} holds {len(records)} services; the limit is {MAX_SERVICES}", file=sys.stderr)
        return 2
    vocab, problems = load_vocabularies(schema_dir() / "vocabularies")
    if problems:
        print("c2c: the vocabularies in schemas/vocabularies could not be read", file=sys.stderr)
        return 2
    orgs = {organisation_id(p.stem): p.stem for p in sorted((content / "organisations").glob("*.y*ml"))}
    target = content / "services"
    target.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    report: list[str] = []
    for record in records:
        slug, data, notes = from_hsds(record, vocab, orgs)
        if slug in RESERVED_SERVICE_SLUGS:
            slug = f"{slug}-service"
        base, n = slug, 2
        while slug in taken:
            slug, n = f"{base[:76]}-{n}", n + 1
        taken.add(slug)
        (target / f"{slug}.yaml").write_text(service_yaml(data), encoding="utf-8")
        report += [f"  {slug}: {note}" for note in notes]
    print(f"Wrote {len(taken)} service file{'s' if len(taken) != 1 else ''} to {target}.")
    if report:
        print("What could not be mapped, or was guessed (check these):")
        print("\n".join(report))
    print(f"Now run `c2c validate --content {content}` and fix anything it reports.")
    return 0
