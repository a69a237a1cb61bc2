"""`c2c fmt`: every content file in one canonical key order and layout, comments kept.

The order is the schema's own property order (schemas/*.schema.json), so a pull request
shows only what really changed. ruamel.yaml's round trip keeps comments, quotes, flow
lists (`[a, b]`) and block text (`|`); a commitment's Markdown story is left as it is.
"""

from __future__ import annotations

import io
import json
from functools import cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .files import COLLECTIONS, SINGLE_FILES
from .schemas import SCHEMA_DIR
from .source import split_front_matter

# folder -> kind, for the kinds that are YAML with a schema (pages are Pelican Markdown)
KIND_OF_FOLDER = {folder: kind for folder, (kind, _) in COLLECTIONS.items() if kind != "page"}


def _yaml() -> YAML:
    yaml = YAML()  # round trip
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # never re-wrap a long line
    return yaml


@cache
def _schema(name: str) -> dict:
    return json.loads((SCHEMA_DIR / name).read_text("utf-8"))


def _resolve(schema: dict, base: str) -> tuple[dict, str]:
    """Follow `$ref`s (in this schema or common.schema.json) to the schema that has properties."""
    while "$ref" in schema:
        ref = schema["$ref"]
        file, _, pointer = ref.partition("#")
        base = file or base
        schema = _schema(base)
        for part in [p for p in pointer.split("/") if p]:
            schema = schema[part]
    return schema, base


def reorder(data: Any, schema: dict, base: str) -> None:
    """Put every mapping's keys in its schema's property order, in place; keys the schema
    does not know stay after, as written (validation reports them)."""
    schema, base = _resolve(schema, base)
    if isinstance(data, CommentedMap):
        props = schema.get("properties", {})
        for key in [k for k in props if k in data] + [k for k in list(data) if k not in props]:
            data.move_to_end(key)
        for key, value in data.items():
            if key in props:
                reorder(value, props[key], base)
    elif isinstance(data, CommentedSeq) and isinstance(schema.get("items"), dict):
        for item in data:
            reorder(item, schema["items"], base)


def formatted(text: str, kind: str) -> str:
    """The canonical form of one file's text."""
    schema_name = f"{kind}.schema.json"
    yaml = _yaml()
    if kind == "commitment":
        front, body, _ = split_front_matter(text)
    else:
        front, body = text, None
    data = yaml.load(front)
    if data is None:
        return text
    reorder(data, _schema(schema_name), schema_name)
    out = io.StringIO()
    yaml.dump(data, out)
    yaml_text = out.getvalue()
    if body is None:
        return yaml_text
    return f"---\n{yaml_text}---\n{body}"


def content_files(paths: list[Path]) -> list[tuple[Path, str]]:
    """(file, kind) for every content file named, or under each folder named."""
    found: list[tuple[Path, str]] = []
    for path in paths:
        candidates = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in candidates:
            kind = SINGLE_FILES.get(f.name) or next(
                (KIND_OF_FOLDER[p] for p in reversed(f.parts[:-1]) if p in KIND_OF_FOLDER), None)
            if kind and f.is_file() and not f.is_symlink() and f.suffix in (".yaml", ".yml", ".md"):
                found.append((f, kind))
    return found


def fmt(paths: list[Path], check: bool) -> int:
    """Rewrite (or with `check`, only list) files not in canonical form: exit 1 when
    `check` finds one, 2 when a file cannot be read (run `c2c validate` for why)."""
    changed, failed = [], []
    for f, kind in content_files(paths):
        text = f.read_text("utf-8")
        try:
            new = formatted(text, kind)
        except Exception:
            failed.append(f)
            continue
        if new != text:
            changed.append(f)
            if not check:
                f.write_text(new, "utf-8")
    for f in failed:
        print(f"{f}: cannot be formatted; run `c2c validate` to see what is wrong with it")
    verb = "would be reformatted" if check else "reformatted"
    for f in changed:
        print(f"{f}: {verb}")
    if check and changed:
        print(f"{len(changed)} file{'s' if len(changed) != 1 else ''} not in canonical form; run `c2c fmt` to fix.")
    elif not changed and not failed:
        print("Every file is in canonical form.")
    return 2 if failed else 1 if check and changed else 0
