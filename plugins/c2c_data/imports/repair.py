"""One value at a time: repaired when the repair is certain, else refused, and said.

Each function takes a feed's raw value and returns (the value to write or None, notes).
What counts as valid is the schema's own rule for that field (read from
schemas/*.schema.json, checked by jsonschema-rs as `c2c validate` does), never a copy.
Phone numbers are read by phonenumbers (Google's libphonenumber data): a UK number is
written the way the site shows numbers, "0121 496 0000".
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

import jsonschema_rs
import phonenumbers

from c2c_registry.load.schemas import OWN_FORMATS
from c2c_registry.package_data import schema_dir

from .prose import identifier

PHONE = "service.schema.json#/properties/contact/properties/phone"
EMAIL = "common.schema.json#/$defs/email"
WEBSITE = "common.schema.json#/$defs/webAddress"
POSTCODE = "service.schema.json#/properties/locations/items/properties/postcode"
LATITUDE = "service.schema.json#/properties/locations/items/properties/lat"
LONGITUDE = "service.schema.json#/properties/locations/items/properties/lon"
DATE = "common.schema.json#/$defs/date"
SLUG = "common.schema.json#/$defs/slug"


@dataclass(frozen=True)
class Note:
    """Something the import did to a record's value, for the report. `what` is the
    same words for every record it happens to (the report counts them); `detail`
    names this record's value."""

    kind: str  # repaired | left-out | guessed | converted | cut
    field: str
    what: str
    detail: str = ""


@cache
def _validator(pointer: str) -> Any:
    base = "https://c2c.invalid/schemas/"
    registry = jsonschema_rs.Registry([
        (base + name, json.loads((schema_dir() / name).read_text("utf-8")))
        for name in ("common.schema.json", "service.schema.json")])
    return jsonschema_rs.Draft202012Validator({"$ref": pointer}, registry=registry, base_uri=base + "import.json",
                                              validate_formats=True, formats=OWN_FORMATS)


def accepts(pointer: str, value: Any) -> bool:
    """Whether the schema's rule at `pointer` (e.g. EMAIL) takes `value`."""
    return bool(_validator(pointer).is_valid(value))


def _said(raw: Any) -> str:
    """A raw value as the report quotes it: one line, at most 60 characters."""
    text = str(raw)
    return repr(text if len(text) <= 60 else text[:59] + "…")


def _tidied(raw: Any, text: str, field: str) -> list[Note]:
    """The note for a value kept as given, but for invisible characters and spaces."""
    return [Note("repaired", field, "invisible characters or spaces removed", _said(raw))] if text != str(raw) else []


_LABEL = re.compile(r"^(tel(ephone)?|phone|mobile|mob|freephone|call|t)\s*[:.]?\s*", re.I)
_PHONE_PARTS = re.compile(r"\s*(?:/|;|,|\bor\b)\s*", re.I)
_PUNCTUATION = re.compile(r"^[+0-9\s().\-]+((ext|extension|x)\.?\s*[0-9]+)?$", re.I)
_QUOTES = "\"'“”‘’"


def phone(raw: Any, field: str = "contact.phone") -> tuple[str | None, list[Note]]:
    """A phone number in the schema's form (digits and spaces, + first). Punctuation,
    a "(0)" after +44, a "Tel:" label and invisible characters are certain repairs;
    text around a number is not, so such a value is left out."""
    text = identifier(raw)
    if not text:
        return None, []
    if text == str(raw) and accepts(PHONE, text):
        return text, []
    parts = [p.strip(_QUOTES) for p in _PHONE_PARTS.split(_LABEL.sub("", text.strip(_QUOTES))) if p.strip(_QUOTES)]
    notes: list[Note] = []
    for part in parts:
        number = _phone_number(part)
        if number:
            if len(parts) > 1:
                notes.append(Note("left-out", field, "more than one number given; kept the first that is valid",
                                  f"{_said(raw)} → {number!r}"))
            else:
                notes.append(Note("repaired", field, "punctuation tidied", f"{_said(raw)} → {number!r}"))
            extension = re.search(r"(ext|extension|x)\.?\s*([0-9]+)", part, re.I)
            if extension:
                notes.append(Note("left-out", field, "extension left out (the directory has no place for it)",
                                  f"extension {extension.group(2)}"))
            return number, notes
    if accepts(PHONE, text):
        return text, _tidied(raw, text, field)
    return None, [Note("left-out", field, "not a phone number the directory can show", _said(raw))]


def _phone_number(text: str) -> str | None:
    if not _PUNCTUATION.match(text.strip()):
        return None
    try:
        parsed = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(parsed):
        return None
    style = (phonenumbers.PhoneNumberFormat.NATIONAL if parsed.country_code == 44
             else phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    parsed.extension = None
    formatted = " ".join(re.sub(r"[^\d+]", " ", phonenumbers.format_number(parsed, style)).split())
    return formatted if accepts(PHONE, formatted) else None


_EMAIL_PARTS = re.compile(r"[\s;,]+")


def email(raw: Any, field: str = "contact.email") -> tuple[str | None, list[Note]]:
    """An e-mail address: `mailto:`, angle brackets, quotes, a trailing dot and invisible
    characters are certain repairs; of several addresses the first valid one is kept."""
    text = identifier(raw)
    if not text:
        return None, []
    if accepts(EMAIL, text):
        return text, _tidied(raw, text, field)
    candidates = [c.strip("<>\"'()[]").removeprefix("mailto:").rstrip(".,;:") for c in _EMAIL_PARTS.split(text)]
    valid = [c for c in candidates if c and accepts(EMAIL, c)]
    if not valid:
        return None, [Note("left-out", field, "not an e-mail address", _said(raw))]
    if len([c for c in candidates if c]) > 1:
        return valid[0], [Note("left-out", field, "more than one address given; kept the first that is valid",
                               f"{_said(raw)} → {valid[0]!r}")]
    return valid[0], [Note("repaired", field, "a trailing dot, mailto: or brackets removed",
                           f"{_said(raw)} → {valid[0]!r}")]


def website(raw: Any, field: str = "contact.website") -> tuple[str | None, list[Note]]:
    """A web address starting https:// or http://; `www.…` gains https://."""
    text = identifier(raw)
    if not text:
        return None, []
    if accepts(WEBSITE, text):
        return text, _tidied(raw, text, field)
    if re.match(r"www\.[a-z0-9-]+\.", text, re.I) and accepts(WEBSITE, "https://" + text):
        return "https://" + text, [Note("repaired", field, "added https:// to a www. address", _said(raw))]
    return None, [Note("left-out", field, "not a web address starting https:// or http://", _said(raw))]


def postcode(raw: Any, field: str = "postcode") -> tuple[str | None, list[Note]]:
    """A UK postcode in capitals with one space before the last three characters."""
    text = re.sub(r"\s+", "", identifier(raw).upper())
    if not text:
        return None, []
    if 5 <= len(text) <= 7:
        text = f"{text[:-3]} {text[-3:]}"
    if not accepts(POSTCODE, text):
        return None, [Note("left-out", field, "not a UK postcode", _said(raw))]
    changed = text != str(raw)
    return text, [Note("repaired", field, "written in capitals with one space", f"{_said(raw)} → {text!r}")] if changed else []


def district(postcode_text: str) -> str:
    """'B70 7AB' -> 'B70' (the outward code, a postcode district)."""
    return postcode_text.split(" ")[0]


def coordinate(raw: Any, pointer: str) -> float | None:
    """A latitude or longitude as a number in the schema's range, or None."""
    if isinstance(raw, bool):
        return None
    try:
        value = float(identifier(raw)) if isinstance(raw, str) else raw
    except ValueError:
        return None
    return value if isinstance(value, (int, float)) and accepts(pointer, value) else None


def day(raw: Any) -> str | None:
    """A date written YYYY-MM-DD at the start of `raw` (a date-time is cut to its date)."""
    text = identifier(raw)[:10]
    return text if accepts(DATE, text) else None
