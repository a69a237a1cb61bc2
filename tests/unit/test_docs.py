"""Documentation kept honest: every setting is documented, the commands README shows exist,
and docs/content-model.md describes every field of every schema."""

import json
import re
import textwrap
from functools import cache
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from c2c_data.imports.mapping import load_mapping
from c2c_registry.load.registry import load_vocabularies
from c2c_registry.package_data import schema_dir
from c2c_registry.settings import DEFAULTS

from support.project import ROOT


def test_every_c2c_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    missing = [name for name in DEFAULTS if f"`{name}`" not in readme]
    assert missing == []


def test_readme_names_the_two_setup_commands_and_they_exist():
    readme = (ROOT / "README.md").read_text()
    makefile = (ROOT / "Makefile").read_text()
    for target in ("serve", "test", "install", "html", "validate"):
        assert f"make {target}" in readme
        assert f"\n{target}:" in makefile


def test_every_schema_property_is_described():
    import json

    def walk(node, path):
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                has_description = "description" in prop or "$ref" in prop
                assert has_description, f"{path}.{name} has no description"
            for key, value in node.items():
                if key not in ("if", "then", "not", "oneOf", "anyOf"):  # conditions, not fields
                    walk(value, f"{path}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{path}[{i}]")

    for schema in (ROOT / "schemas").glob("*.schema.json"):
        walk(json.loads(schema.read_text()), schema.name)


# -- docs/content-model.md: every field of every schema -----------------------------------
#
# The doc's convention (its section 2): a field is named by its path, `name`, `c2c.status`,
# `pledges[].stage`, `actions[].updates[].note`; `[]` means "each entry of a list"; a file
# that is itself a list (a vocabulary) names its entries' fields without a prefix. Each
# schema's fields are the rows of the tables under the one heading that names the schema
# file (up to the next heading of the same or a higher level), the path in backticks in
# the first cell.

SCHEMA_DIR = ROOT / "schemas"
CONTENT_MODEL = ROOT / "docs" / "content-model.md"
SCHEMAS = sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json"))
_FIELD_ROW = re.compile(r"^\|\s*`([^`]+)`\s*\|")


@cache
def _load_schema(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def _resolve(ref: str, base: Path) -> tuple[dict, Path]:
    """The sub-schema a `$ref` points at (`#/$defs/time`, `common.schema.json#/$defs/date`)."""
    file_part, _, pointer = ref.partition("#")
    target = (base.parent / file_part) if file_part else base
    node = _load_schema(target)
    for token in filter(None, pointer.split("/")):
        node = node[token.replace("~1", "/").replace("~0", "~")]
    return node, target


def schema_paths(schema_file: Path) -> set[str]:
    """Every property path a schema allows, with `$ref`s (local and into
    common.schema.json) followed; `$defs` count only where they are used."""
    paths: set[str] = set()

    def walk(node: object, base: Path, prefix: str, seen: frozenset) -> None:
        if not isinstance(node, dict):
            return
        if "$ref" in node:
            key = (base.name, node["$ref"])
            if key not in seen:  # a recursive schema would loop; none is today
                target, target_file = _resolve(node["$ref"], base)
                walk(target, target_file, prefix, seen | {key})
        for keyword in ("patternProperties", "additionalProperties", "prefixItems"):
            assert not isinstance(node.get(keyword), (dict, list)), (
                f"{base.name}: {prefix or '(top)'} uses {keyword}; extend the path convention in "
                "docs/content-model.md and this test to name such fields"
            )
        for name, sub in node.get("properties", {}).items():
            path = f"{prefix}.{name}" if prefix else name
            paths.add(path)
            walk(sub, base, path, seen)
        if "items" in node:  # a list: its entries' fields are `<list>[].<field>`
            walk(node["items"], base, f"{prefix}[]" if prefix else "", seen)
        for keyword in ("allOf", "anyOf", "oneOf"):
            for sub in node.get(keyword, []):
                walk(sub, base, prefix, seen)
        for keyword in ("then", "else"):  # not `if` or `not`: they test fields defined beside them
            walk(node.get(keyword), base, prefix, seen)

    walk(_load_schema(schema_file), schema_file, "", frozenset())
    return paths


def _doc_lines() -> list[tuple[str, bool]]:
    """The doc's lines, each with whether it is inside a ``` code block (whose `#`
    comments are not headings and whose `|` lines are not tables)."""
    lines, fenced = [], False
    for line in CONTENT_MODEL.read_text("utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
            lines.append((line, True))
        else:
            lines.append((line, fenced))
    return lines


def documented_fields(schema_name: str) -> list[str] | None:
    """The field paths in the table rows of the section whose heading names the schema
    file, or None when no heading does."""
    lines = _doc_lines()
    headings = [
        (i, len(line) - len(line.lstrip("#")))
        for i, (line, fenced) in enumerate(lines)
        if not fenced and re.match(r"#{1,6} ", line)
    ]
    matching = [(i, level) for i, level in headings if schema_name in lines[i][0]]
    if not matching:
        return None
    assert len(matching) == 1, f"more than one heading of docs/content-model.md names {schema_name}"
    start, level = matching[0]
    end = next((i for i, lvl in headings if i > start and lvl <= level), len(lines))
    return [m.group(1) for line, fenced in lines[start + 1 : end] if not fenced and (m := _FIELD_ROW.match(line))]


@pytest.mark.parametrize("schema_name", SCHEMAS)
def test_every_schema_property_is_documented_in_the_content_model(schema_name):
    """Every property path of every schemas/*.schema.json, nested ones included, is a row
    of the field table under the doc's heading for that schema. vocabulary.schema.json is
    included: the doc describes a vocabulary entry's fields (`id`, `gss`, ...) like any
    other file's. common.schema.json has no properties of its own (only `$defs`, reached
    through the other schemas' `$ref`s), so it has nothing to check by itself."""
    paths = schema_paths(SCHEMA_DIR / schema_name)
    documented = documented_fields(schema_name)
    if not paths:
        return
    assert documented is not None, f"docs/content-model.md has no heading naming {schema_name}"
    missing = sorted(paths - set(documented))
    assert missing == [], f"{schema_name}: not documented in docs/content-model.md: {', '.join(missing)}"


@pytest.mark.parametrize("schema_name", SCHEMAS)
def test_every_documented_field_exists_in_its_schema(schema_name):
    """The other way round: a field row the schema does not allow (misspelt, or removed
    from the schema) is stale documentation; each field has one row."""
    documented = documented_fields(schema_name) or []
    unknown = sorted(set(documented) - schema_paths(SCHEMA_DIR / schema_name))
    assert unknown == [], f"{schema_name}: documented but not in the schema: {', '.join(unknown)}"
    twice = sorted({p for p in documented if documented.count(p) > 1})
    assert twice == [], f"{schema_name}: documented more than once: {', '.join(twice)}"


def test_every_vocabulary_id_is_listed_in_the_content_model():
    doc = CONTENT_MODEL.read_text("utf-8")
    missing = [
        f"{path.name}: {entry['id']}"
        for path in sorted((SCHEMA_DIR / "vocabularies").glob("*.yaml"))
        for entry in yaml.safe_load(path.read_text("utf-8"))
        if f"`{entry['id']}`" not in doc
    ]
    assert missing == [], f"vocabulary ids not listed in docs/content-model.md: {', '.join(missing)}"


class _DatesAsText(yaml.SafeLoader):
    """Reads dates as the text written, as the registry's reader does."""


_DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def test_the_content_model_examples_are_valid():
    """Each example a reader may copy (a code block naming its schema on the
    yaml-language-server line) passes that schema."""
    common = _load_schema(SCHEMA_DIR / "common.schema.json")
    registry = Registry().with_resource("common.schema.json", Resource.from_contents(common))
    blocks = re.findall(r"^```yaml\n(.*?)^```", CONTENT_MODEL.read_text("utf-8"), re.M | re.S)
    checked = []
    for block in blocks:
        named = re.search(r"\$schema=\S*?([a-z]+\.schema\.json)", block)
        if not named:
            continue
        if block.startswith("---\n"):  # a commitment: the front matter only
            block = block.split("\n---\n")[0][len("---\n") :]
        schema = _load_schema(SCHEMA_DIR / named.group(1))
        validator = Draft202012Validator(schema, registry=registry, format_checker=FormatChecker())
        errors = [
            f"{'.'.join(map(str, e.absolute_path))}: {e.message}"
            for e in validator.iter_errors(yaml.load(block, Loader=_DatesAsText))
        ]
        assert errors == [], f"the {named.group(1)} example is invalid: {errors}"
        checked.append(named.group(1))
    assert sorted(checked) == [
        "alert.schema.json",
        "commitment.schema.json",
        "helplines.schema.json",
        "organisation.schema.json",
        "service.schema.json",
    ]


def test_the_readme_documents_the_mapping_file_and_its_example_is_valid(tmp_path):
    readme = (ROOT / "README.md").read_text("utf-8")
    section = readme[readme.index("## Importing a council's directory"):readme.index("## How it is built")]
    schema = json.loads((ROOT / "plugins" / "c2c_data" / "imports" / "mapping.schema.json").read_text("utf-8"))
    assert [key for key in schema["properties"] if f"| `{key}` |" not in section] == []
    start = section.index("# sandwell.yaml")
    example = textwrap.dedent(section[section.rindex("\n", 0, start) + 1: section.index("```", start)])
    mapping = tmp_path / "sandwell.yaml"
    mapping.write_text(example, "utf-8")
    vocab, _ = load_vocabularies(schema_dir() / "vocabularies")
    loaded = load_mapping(mapping, vocab)
    assert loaded.feed == "sandwell" and loaded.terms["homelessness"]["client_groups"] == ["rough-sleepers"]
