"""jsonschema's errors as sentences for the person who wrote the file.

jsonschema's own messages are written for developers; WMCA staff get a sentence that says
what is wrong and what a valid value looks like, placed on the line of the offending key,
one problem per mistake, and the rule it breaks.
"""

from __future__ import annotations

import difflib
import re
from datetime import date
from typing import Any

from jsonschema.exceptions import ValidationError

from ..rules.names import SLUG_PATTERN, slugify
from ..rules.problems import Problem, described, number, shown
from ..words import count
from .positions import SourceMap, dotted

# Which rule each JSON Schema keyword enforces. A keyword used in schemas/ but missing
# here is a KeyError, caught by a test (tests/unit/test_validation_rules.py) before release.
KEYWORD_RULES = {
    "type": "wrong-type",
    "required": "required-field",
    "additionalProperties": "unknown-field",
    "dependentRequired": "field-combination",
    "oneOf": "field-combination",
    "anyOf": "field-combination",
    "enum": "not-allowed-value",
    "pattern": "bad-format",
    "format": "bad-format",
    "maxLength": "too-long",
    "minLength": "empty-value",
    "minItems": "empty-value",
    "minProperties": "empty-value",
    "uniqueItems": "duplicate-item",
    "minimum": "out-of-range",
    "maximum": "out-of-range",
}


def leaves(error: ValidationError) -> list[ValidationError]:
    """The most specific errors; a oneOf/anyOf failure is reported as itself."""
    if error.validator in ("oneOf", "anyOf") and _hint(error):
        return [error]
    if error.context:
        best = [e for e in error.context if e.validator not in ("required", "not")]
        return [e for e in best] or [error]
    return [error]


# Keywords about one value, most telling first: a value breaking several gets one message.
_VALUE_KEYWORDS = ("type", "enum", "pattern", "format", "maxLength", "minLength", "minimum", "maximum")


def one_per_mistake(errors: list[ValidationError]) -> list[ValidationError]:
    """Drop errors that repeat another for the same mistake: a value in the wrong form
    and far too long fails `pattern`, `format` and `maxLength` (keep the first of
    _VALUE_KEYWORDS), and a misspelt required field is both unknown and missing (keep
    the unknown field, which suggests the right name)."""
    best: dict[tuple, int] = {}
    for e in errors:
        if e.validator in _VALUE_KEYWORDS:
            where = tuple(e.absolute_path)
            best[where] = min(best.get(where, len(_VALUE_KEYWORDS)), _VALUE_KEYWORDS.index(str(e.validator)))
    misspelt = {
        (tuple(e.absolute_path), _suggestion(e, name))
        for e in errors if e.validator == "additionalProperties" for name in unknown_fields(e)
        if _suggestion(e, name)
    }
    return [
        e for e in errors
        if not (e.validator in _VALUE_KEYWORDS and _VALUE_KEYWORDS.index(str(e.validator)) > best[tuple(e.absolute_path)])
        and not (e.validator == "required" and (tuple(e.absolute_path), _quoted(e.message)) in misspelt)
    ]


# A hint on a set of fields is about how its fields combine; it says nothing about a
# missing, misspelt or wrongly typed field, so it is given only with these keywords.
_OBJECT_HINT_KEYWORDS = {"oneOf", "anyOf", "minProperties", "dependentRequired"}


def _hint(error: ValidationError) -> str:
    schema = error.schema if isinstance(error.schema, dict) else {}
    hint = schema.get("x-hint", "")
    if hint and (schema.get("type") == "object" or "properties" in schema) and error.validator not in _OBJECT_HINT_KEYWORDS:
        return ""
    return hint


def _when_missing(error: ValidationError) -> str:
    """What a property's `x-when-missing` says to do when it is left out (a commitment's
    `approved`, which WMCA adds when it approves the plan), or ''."""
    properties = error.schema.get("properties", {}) if isinstance(error.schema, dict) else {}
    return str(properties.get(_quoted(error.message), {}).get("x-when-missing", ""))


def explain(error: ValidationError, smap: SourceMap, path: str) -> list[Problem]:
    where = tuple(error.absolute_path)
    rule = KEYWORD_RULES[str(error.validator)]
    if error.validator == "additionalProperties":  # one problem per unknown field, at its name
        problems = []
        for name in unknown_fields(error):
            at = smap.key(where + (name,))
            problems.append(Problem(path, at.line, at.column, dotted(where + (name,)), _unknown_field(error, name), rule))
        return problems
    field = dotted(where)
    pos = smap.value(where)
    if error.validator in ("required", "dependentRequired"):
        missing = _quoted(error.message)
        field = dotted(where + (missing,)) if missing else field
        pos = smap.key(where) if where else pos
    elif where and error.validator == "type" and _is_container(error):
        pos = smap.key(where)
    return [Problem(path, pos.line, pos.column, field, _message(error, smap, where), rule)]


def _is_container(error: ValidationError) -> bool:
    return isinstance(error.instance, (dict, list))


def unknown_fields(error: ValidationError) -> list[str]:
    allowed = set(error.schema.get("properties", {}))
    return sorted(k for k in error.instance if k not in allowed)


def _suggestion(error: ValidationError, name: str) -> str:
    """The allowed field an unknown one is probably a misspelling of, or ''."""
    absent = [k for k in error.schema.get("properties", {}) if k not in error.instance]
    close = difflib.get_close_matches(name, absent, n=1, cutoff=0.75)
    return close[0] if close else ""


def _unknown_field(error: ValidationError, name: str) -> str:
    suggestion = _suggestion(error, name)
    allowed = ", ".join(sorted(error.schema.get("properties", {})))
    if suggestion:
        return f"unknown field {shown(name)}; did you mean '{suggestion}'? Allowed fields here: {allowed}"
    return f"unknown field {shown(name)}; check the spelling. Allowed fields here: {allowed}"


def _quoted(message: str) -> str:
    parts = message.split("'")
    return parts[1] if len(parts) > 2 else ""


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list (lines starting with '- ', or [a, b])",
    "object": "a set of fields (name: value)",
}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if value is None:
        return "empty"
    if isinstance(value, (int, float)):
        return f"a number ({number(value)})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of fields"
    return f"text ({shown(value)})"


def _message(error: ValidationError, smap: SourceMap, where: tuple) -> str:
    v = error.validator
    hint = _hint(error)
    tail = f"; {hint}" if hint else ""
    if v == "type":
        if isinstance(error.instance, (list, dict)):
            tail = ""  # a hint on writing the value is no help when a list or fields stand in its place
        expected = error.validator_value
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in ([expected] if isinstance(expected, str) else expected))
        raw = smap.raw.get(where)
        msg = f"expected {words}, but this is {_describe(error.instance)}"
        if raw and expected == "string" and not isinstance(error.instance, str):
            quoted = shown(raw)[1:-1]
            msg += f"; YAML read `{quoted}` as {_describe(error.instance).split(' (')[0]}: put it in quotes, \"{quoted}\""
        return msg + tail
    if v == "required":
        return _when_missing(error) or f"this required field is missing: add `{_quoted(error.message)}:`" + tail
    if v == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        return f"{described(error.instance)} is not allowed here; use one of: {options}"
    if v == "pattern" and error.schema.get("format") == "date":
        return f"{shown(error.instance)} is not a date written YYYY-MM-DD, e.g. {_as_iso_date(error.instance)}"
    if v == "pattern" and error.schema.get("format") in ("date-or-month", "deadline"):
        example = _as_iso_date(error.instance)
        if example != "2026-06-01":  # a day in another order: the date, as for any date
            return f"{shown(error.instance)} is not a date written YYYY-MM-DD, e.g. {example}"
        ongoing = ", or ongoing" if error.schema["format"] == "deadline" else ""
        return (f"{shown(error.instance)} is not a date written YYYY-MM-DD or a month written YYYY-MM"
                f"{ongoing}, e.g. 2026-06-01 or 2026-06")
    if v == "pattern" and error.validator_value == SLUG_PATTERN and slugify(error.instance):
        return (f"{shown(error.instance)} is not in the right form; use lower-case letters, digits and single "
                f"hyphens, e.g. '{slugify(error.instance)}'")
    if v == "pattern":
        return f"{shown(error.instance)} is not in the right form{tail or '; see the README for the format'}"
    if v == "format":
        return f"{described(error.instance)} is not valid{tail or ''}"
    if v == "maxLength":
        return f"this is {len(error.instance)} characters long; the limit is {error.validator_value}. Shorten it"
    if v == "minLength":
        return "this is empty; write something or remove the field"
    if v == "minItems":
        return f"this list needs at least {count(error.validator_value, 'item')}"
    if v == "uniqueItems":
        return "this list has the same item twice; keep one of each"
    if v in ("minimum", "maximum"):
        return f"{number(error.instance)} is out of range ({v} {error.validator_value})"
    if v == "minProperties":
        return f"this is empty{tail or ''}"
    if v in ("oneOf", "anyOf", "if", "then"):
        return hint or "these fields do not fit together; see the README for this kind of file"
    if v == "dependentRequired":
        return f"add `{_quoted(error.message)}:` as well: both are needed together"
    return f"this value is not allowed here{tail or '; see the README for this field'}"


def _as_iso_date(text: str) -> str:
    """`15/09/2026` (UK order) or `2026/9/15` as YYYY-MM-DD, or a generic example."""
    m = re.fullmatch(r"\s*(\d{1,4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,4})\s*", text)
    if m:
        a, month, b = (int(n) for n in m.groups())
        year, day = (a, b) if len(m.group(1)) == 4 else (b, a)
        if len(str(year)) == 4:
            try:
                return date(year, month, day).isoformat()
            except ValueError:
                pass
    return "2026-06-01"
