"""JSON Schema validation of a content file: the schemas compiled twice (jsonschema-rs to
say quickly that a file is valid, jsonschema to explain one that is not), the project's
own date formats, and every problem in a file, each put in words by schema_messages.py.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jsonschema_rs
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from ..package_data import schema_dir
from ..rules.problems import Problem
from ..when import parse_when
from .positions import SourceMap
from .schema_messages import explain, leaves, one_per_mistake, unknown_fields
from .values import value_problems

KINDS = ("organisation", "commitment", "service", "alert", "helplines", "vocabulary")


# The two ways plans write dates, as formats: one definition for both validators.
OWN_FORMATS = {
    "date-or-month": lambda v: not isinstance(v, str) or parse_when(v) is not None,
    "deadline": lambda v: not isinstance(v, str) or parse_when(v, allow_ongoing=True) is not None,
}
FORMATS = FormatChecker()  # the standard formats, and our own
for _name, _check in OWN_FORMATS.items():
    FORMATS.checks(_name)(_check)


def _schemas(kind: str) -> tuple[dict, dict]:
    """(common.schema.json, the schema of `kind`) as data."""
    folder = schema_dir()
    common = json.loads((folder / "common.schema.json").read_text("utf-8"))
    return common, json.loads((folder / f"{kind}.schema.json").read_text("utf-8"))


@cache
def validator(kind: str) -> Draft202012Validator:
    """A compiled validator for one kind of file (schemas are read once per process)."""
    common, schema = _schemas(kind)
    registry = Registry().with_resource("common.schema.json", Resource.from_contents(common))
    return Draft202012Validator(schema, registry=registry, format_checker=FORMATS)


@cache
def fast_validator(kind: str) -> jsonschema_rs.Draft202012Validator:
    """The same schema compiled by jsonschema-rs, a hundred times quicker: it only says
    whether a file is valid. It is at least as strict as `validator` (formats checked,
    `$` matching only at the end), so a file it passes has no schema problem, and a file
    it fails is explained by `validator`, whose errors make the messages."""
    base = "https://c2c.invalid/schemas/"
    common, schema = _schemas(kind)
    registry = jsonschema_rs.Registry([(base + "common.schema.json", common)])
    return jsonschema_rs.Draft202012Validator(schema, registry=registry, base_uri=f"{base}{kind}.schema.json",
                                              validate_formats=True, formats=OWN_FORMATS)


def _surely_valid(kind: str, data: Any) -> bool:
    try:
        return bool(fast_validator(kind).is_valid(data))
    except Exception:  # a value jsonschema-rs cannot take (such as .nan): ask jsonschema
        return False


def schema_problems(kind: str, data: Any, smap: SourceMap, path: str) -> list[Problem]:
    """Every schema violation in one file's data, located and explained: one problem per
    mistake, even where the schema checks a mistake twice. A value that breaks a rule
    every value keeps (values.py) gets that rule's message instead of the schema's."""
    errors = [] if _surely_valid(kind, data) else [
        leaf for error in validator(kind).iter_errors(data) for leaf in leaves(error)]
    unknown = {tuple(e.absolute_path) + (name,) for e in errors if e.validator == "additionalProperties"
               for name in unknown_fields(e)}
    claimed = {where: problem for where, problem in value_problems(data, smap, path).items()
               if not any(where[:len(u)] == u for u in unknown)}
    errors = [e for e in errors if tuple(e.absolute_path) not in claimed]
    problems = [p for error in one_per_mistake(errors) for p in explain(error, smap, path)]
    return sorted(set(problems) | set(claimed.values()))


