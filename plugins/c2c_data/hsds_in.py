"""HSDS 3.0 / ORUK service JSON to the fields of a service file: the import's mapping.

The inverse of `hsds.to_hsds`: what our export writes comes back unchanged; anything
else is mapped where the directory has a field, and every gap is reported in words.
"""

from __future__ import annotations

import re
from typing import Any

from c2c_registry.model import Term

from .hsds import ALWAYS_OPEN, DAYS, REFERRAL_NAMES, REFERRAL_TAXONOMY, SLUG_TAXONOMY, STATUS_IN, TAXONOMIES

SUMMARY_LIMIT = 200
DEFAULT_STAGES = ["crisis-prevention-and-relief"]
DEFAULT_GROUPS = ["everyone"]
DEFAULT_AREAS = ["west-midlands"]
PHONE = re.compile(r"^\+?[0-9][0-9 ]{2,19}$")
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$")
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]")
DAY_IDS = {v: k for k, v in DAYS.items()}


def from_hsds(record: dict[str, Any], vocab: dict[str, dict[str, Term]],
              organisations: dict[str, str]) -> tuple[str, dict[str, Any], list[str]]:
    """(slug, the fields of a service file, what could not be mapped) for one HSDS service.
    `organisations` maps an HSDS organisation id to a registry organisation's slug."""
    notes: list[str] = []
    slug = next((a.get("value", "") for a in _list(record, "attributes")
                 if _taxonomy(a) == SLUG_TAXONOMY), "") or slugify(str(record.get("name", "")))
    data: dict[str, Any] = {"name": _text(record.get("name")) or slug}
    org = record.get("organization") or {}
    org_slug = organisations.get(str(record.get("organization_id") or org.get("id") or ""))
    if org_slug:
        data["organisation"] = org_slug
    else:
        data["provider"] = _text(org.get("name")) or data["name"]
    data["summary"], description = _split_description(_paragraphs(record.get("description")) or data["name"])
    if description:
        data["description"] = description
    codes = _codes(record)
    for taxonomy, vocabulary, field in TAXONOMIES:
        known = [c for c in codes.get(taxonomy, []) if c in vocab[vocabulary]]
        if known:
            data[field] = known
    if "stages" not in data:
        data["stages"] = list(DEFAULT_STAGES)
        notes.append(f"stages: no C2C stage given; set to {DEFAULT_STAGES[0]}: check it")
    if "client_groups" not in data:
        data["client_groups"] = list(DEFAULT_GROUPS)
        notes.append("client_groups: no C2C client group given; set to everyone: check it")
    if record.get("eligibility_description"):
        data["eligibility"] = _text(record["eligibility_description"])
    data["areas"] = _areas(record, vocab["areas"], notes)
    locations = [loc for sal in _list(record, "service_at_locations")
                 if (loc := _location_in(sal.get("location") or {}, notes))]
    if locations:
        data["locations"] = locations
    data["contact"] = _contact(record, notes)
    hours, note, always = _hours_in(record, notes)
    if hours:
        data["hours"] = hours
    if note:
        data["hours_note"] = note
    if always:
        data["always_open"] = True
    referral = [c for c in codes.get(REFERRAL_TAXONOMY, []) if c in REFERRAL_NAMES]
    if referral:
        data["referral"] = referral[0]
    if record.get("application_process"):
        data["referral_details"] = _text(record["application_process"])
    cost = _cost_in(record)
    if cost:
        data["cost"] = cost
    languages = [str(lang.get("code", "")).lower()[:2] for lang in _list(record, "languages")]
    languages = list(dict.fromkeys(c for c in languages if re.fullmatch(r"[a-z]{2}", c)))
    if languages:
        data["languages"] = languages
    assured = str(record.get("assured_date") or "")[:10]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", assured):
        data["last_verified"] = assured
    else:
        data["last_verified"] = str(record.get("last_modified") or "1970-01-01")[:10]
        notes.append("last_verified: no assured_date; check the listing with the provider and set the date")
    status = STATUS_IN.get(str(record.get("status", "active")))
    data["status"] = status or "active"
    if not status:
        notes.append(f"status: {record.get('status')!r} is not an HSDS status; set to active")
    for skipped in ("program", "funding", "required_documents", "wait_time", "minimum_age", "maximum_age",
                    "interpretation_services", "accreditations", "licenses", "alert"):
        if record.get(skipped):
            notes.append(f"{skipped}: the directory has no field for this; left out")
    return slug, data, notes


def _list(record: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = record.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    """Plain one-line text: runs of spaces and line breaks become one space."""
    return " ".join(str(value).split()) if value is not None else ""


def _paragraphs(value: Any) -> str:
    """Text kept in paragraphs (blank lines), each paragraph on one line."""
    paras = re.split(r"\n\s*\n", str(value or "").replace("\r\n", "\n"))
    return "\n\n".join(p for p in (_text(p) for p in paras) if p)


def _taxonomy(attribute: dict[str, Any]) -> str:
    term = attribute.get("taxonomy_term") or {}
    return str(term.get("taxonomy") or attribute.get("link_type") or "")


def _codes(record: dict[str, Any]) -> dict[str, list[str]]:
    codes: dict[str, list[str]] = {}
    for attribute in _list(record, "attributes"):
        term = attribute.get("taxonomy_term") or {}
        if term.get("code"):
            codes.setdefault(_taxonomy(attribute), []).append(str(term["code"]))
    return codes


def slugify(name: str) -> str:
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9]+", "-", name.lower())).strip("-")[:80].strip("-") or "service"


def _split_description(text: str) -> tuple[str, str]:
    """The first paragraph is the summary when it is short enough (our export writes
    summary, blank line, description); else the first sentences that fit."""
    first, _, rest = text.partition("\n\n")
    if len(first) <= SUMMARY_LIMIT:
        return first.strip(), rest.strip()
    summary = ""
    for sentence in re.split(r"(?<=[.!?])\s+", first):
        if len(summary) + len(sentence) + 1 > SUMMARY_LIMIT:
            break
        summary = f"{summary} {sentence}".strip()
    return summary or first[:SUMMARY_LIMIT - 1].rstrip() + "…", text.strip()


def _areas(record: dict[str, Any], areas: dict[str, Term], notes: list[str]) -> list[str]:
    by_gss = {t.gss: t.id for t in areas.values() if t.gss}
    by_name = {t.name.lower(): t.id for t in areas.values()}
    found = []
    for area in _list(record, "service_areas"):
        gss = str(area.get("uri", "")).rstrip("/").rsplit("/", 1)[-1]
        name = str(area.get("name") or area.get("service_area") or "")
        term = by_gss.get(gss) or by_name.get(name.lower())
        if term:
            found.append(term)
        else:
            notes.append(f"service_areas: {name or gss!r} is not a West Midlands area; left out")
    if not found:
        notes.append("areas: no known area; set to west-midlands (the whole region): check it")
        return list(DEFAULT_AREAS)
    return list(dict.fromkeys(found))


def _location_in(location: dict[str, Any], notes: list[str]) -> dict[str, Any] | None:
    address = next(iter(_list(location, "addresses")), None)
    if not address:
        notes.append(f"location {location.get('name', '')!r}: no address; left out")
        return None
    postcode = str(address.get("postal_code", "")).upper().strip()
    if not POSTCODE.match(postcode) or not address.get("address_1") or not address.get("city"):
        notes.append(f"location {location.get('name', '')!r}: not a UK address with a postcode; left out")
        return None
    out: dict[str, Any] = {}
    if location.get("name"):
        out["name"] = _text(location["name"])
    out["address"] = [_text(address["address_1"])] + [
        part.strip() for part in str(address.get("address_2") or "").split(",") if part.strip()]
    out["town"], out["postcode"] = _text(address["city"]), postcode
    lat, lon = location.get("latitude"), location.get("longitude")
    if isinstance(lat, (int, float)) and isinstance(lon, (int, float)) and 49 <= lat <= 61 and -9 <= lon <= 2:
        out["lat"], out["lon"] = lat, lon
    access = [_text(a.get("description")) for a in _list(location, "accessibility") if a.get("description")]
    if access:
        out["accessibility"] = " ".join(access)
    return out


def _contact(record: dict[str, Any], notes: list[str]) -> dict[str, str]:
    contact: dict[str, str] = {}
    phones = [p for c in _list(record, "contacts") for p in _list(c, "phones")] + _list(record, "phones")
    for phone in phones:
        number = re.sub(r"[^\d+ ]", "", str(phone.get("number", ""))).strip()
        if PHONE.match(number):
            contact["phone"] = number
            break
        notes.append(f"phone: {phone.get('number')!r} is not a phone number the directory can show; left out")
    if record.get("email"):
        contact["email"] = str(record["email"])
    if str(record.get("url", "")).startswith(("https://", "http://")):
        contact["website"] = str(record["url"])
    if not contact:
        org = record.get("organization") or {}
        if str(org.get("website", "")).startswith(("https://", "http://")):
            contact["website"] = str(org["website"])
            notes.append("contact: the service has no phone, email or web address; used its organisation's website")
        else:
            notes.append("contact: no phone, email or web address; add one before publishing")
    return contact


def _hours_in(record: dict[str, Any], notes: list[str]) -> tuple[list[dict[str, Any]], str, bool]:
    hours, note, always = [], "", False
    for schedule in _list(record, "schedules"):
        if schedule.get("description") == ALWAYS_OPEN:
            always = True
            continue
        days = [DAY_IDS.get(d.strip().upper()) for d in str(schedule.get("byday") or "").split(",") if d.strip()]
        opens, closes = str(schedule.get("opens_at") or ""), str(schedule.get("closes_at") or "")
        if days and all(days) and TIME.match(opens) and TIME.match(closes) and schedule.get("freq", "WEEKLY") == "WEEKLY":
            hours.append({"days": [d for d in DAYS if d in days], "opens": opens[:5], "closes": closes[:5]})
            limits = [k for k in ("valid_from", "valid_to", "until", "byweekno", "bymonthday", "byyearday")
                      if schedule.get(k)]
            if limits:
                notes.append(f"schedules: kept the weekly hours but not {', '.join(limits)}")
        elif schedule.get("notes") or schedule.get("description"):
            note = " ".join(filter(None, [note, _text(schedule.get("notes") or schedule.get("description"))]))
        else:
            notes.append("schedules: a schedule that is not weekly opening hours; left out")
    return hours, note, always


def _cost_in(record: dict[str, Any]) -> str:
    for option in _list(record, "cost_options"):
        if option.get("amount") == 0 or str(option.get("option", "")).lower() == "free":
            return "free"
        if option.get("amount") or str(option.get("option", "")).lower() == "charge":
            return "charge"
    fees = str(record.get("fees_description") or "").lower()
    return "free" if fees.startswith("free") else "charge" if fees else ""
