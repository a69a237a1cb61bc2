"""What the /submit/ forms need: choices from the vocabularies, the organisations to
pick from, where the schemas are, and where a finished file goes.

The forms build files in the browser and check them against the same JSON Schemas the
build uses (published under /data/schemas/), so no rule is written twice; this module
only gathers the choices and addresses for the templates' `data-` attributes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from c2c_registry.load.files import COLLECTIONS
from c2c_registry.model import Registry
from c2c_registry.package_data import schema_dir
from c2c_registry.urls import Urls

FOLDER_OF = {kind: folder for folder, (kind, _) in COLLECTIONS.items()}
CONTENT_ROOT = "content"  # the content folder in the repository pull requests go to


@dataclass(frozen=True)
class SubmitView:
    organisations: list[tuple[str, str]]  # (slug, name), A to Z
    schema_urls: dict[str, str]  # kind -> its schema's address; "common" for the shared definitions
    folders: dict[str, str]  # kind -> where its file goes in the repository, e.g. content/<folder>/
    new_file_url: str  # GitHub's "create new file" page for the content, or '' without a repository
    validator_url: str  # the bundled JSON Schema validator (an ES module)
    today: str  # YYYY-MM-DD: the default for dates the forms ask for
    approaches: list[tuple[str, str]]  # (value, words): the schema's list, so the form offers every one
    email: str = ""  # C2C_SUBMISSIONS_EMAIL: where "Send it by email" writes to, or '' for no e-mail way


def approaches() -> list[tuple[str, str]]:
    """How a session may be run, from the commitment schema (the one list)."""
    schema = json.loads((schema_dir() / "commitment.schema.json").read_text("utf-8"))
    return [(value, value.replace("-", " ").capitalize()) for value in schema["properties"]["approach"]["enum"]]


def submit_view(registry: Registry, settings: dict[str, Any], urls: Urls) -> SubmitView:
    repo = str(settings.get("C2C_REPOSITORY_URL") or "").rstrip("/")
    branch = settings.get("C2C_SUBMIT_BRANCH") or "main"
    return SubmitView(
        organisations=sorted(((o.slug, o.name) for o in registry.organisations.values()),
                             key=lambda pair: pair[1].lower()),
        schema_urls={kind: urls.data_schema(f"{kind}.schema.json")
                     for kind in ("common", "organisation", "commitment", "service")},
        folders={kind: "/".join((CONTENT_ROOT, FOLDER_OF[kind], "")) for kind in ("organisation", "commitment", "service")},
        new_file_url="/".join((repo, "new", branch)) if repo.startswith("https://") else "",
        validator_url=urls.theme("vendor/json-schema/index.js"),
        today=settings["C2C_TODAY"].isoformat(),
        approaches=approaches(),
        email=str(settings.get("C2C_SUBMISSIONS_EMAIL") or ""),
    )
