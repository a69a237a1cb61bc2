"""HSDS 3.0 service JSON to the fields of a service file: the import's mapping.

The inverse of `hsds.to_hsds`: what our export writes comes back unchanged; anything
else is mapped where the directory has a field. Text goes through `imports.prose` (HTML
to our Markdown, plain text, cut at a boundary), single values through
`imports.repair`; every repair, guess and gap becomes a `Note` for the report. A record
the directory cannot show (no name, no way to contact it) comes back with `skip` said.
The older ORUK list shape is first renamed to HSDS 3.0 by `imports.shapes.as_hsds3`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from c2c_registry.model import Term
from c2c_registry.rules.names import slugify

from .hsds import ALWAYS_OPEN, DAYS, REFERRAL_NAMES, REFERRAL_TAXONOMY, SLUG_TAXONOMY, STATUS_IN, TAXONOMIES
from .imports import prose
from .imports.mapping import Mapping
from .imports.repair import LATITUDE, LONGITUDE, SLUG, Note, accepts, coordinate, day, email, phone, postcode, website
from .imports.shapes import UNMAPPED, as_dict

NAME_LIMIT, LINE_LIMIT, TOWN_LIMIT = 200, 200, 100
NO_DATE = "1970-01-01"  # the feed says nothing about when it was checked: shown as stale
TIME = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]")
DAY_IDS = {v: k for k, v in DAYS.items()}


@dataclass
class Context:
    """What mapping a record needs besides the record."""

    vocab: dict[str, dict[str, Term]]
    organisations: dict[str, str]  # an HSDS organisation id, or a lower-case name, -> registry slug
    mapping: Mapping
    today: str  # the import date, YYYY-MM-DD


@dataclass
class Mapped:
    """One record as a service file's fields, and what was done to get there."""

    slug: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    notes: list[Note] = field(default_factory=list)
    guessed: set[str] = field(default_factory=set)  # fields set to a default
    terms: set[str] = field(default_factory=set)  # the feed's taxonomy terms, lower case
    skip: str = ""  # why the record cannot be brought in

    def note(self, kind: str, field_name: str, what: str, detail: str = "") -> None:
        self.notes.append(Note(kind, field_name, what, detail))


def from_hsds(record: dict[str, Any], ctx: Context) -> Mapped:
    """The fields of a service file for one HSDS 3.0 service record."""
    out = Mapped()
    data = out.data
    data["name"] = _line(out, "name", record.get("name"), NAME_LIMIT)
    if not data["name"]:
        out.skip = "it has no name"
        return out
    out.slug = _slug(out, record)
    _provider(out, record, ctx)
    _text(out, record)
    codes = _codes(record)
    out.terms = _terms(record)
    for taxonomy, vocabulary, name in TAXONOMIES:
        ids = [c for c in codes.get(taxonomy, []) if c in ctx.vocab[vocabulary]]
        ids += [i for i in ctx.mapping.ids_for(out.terms, name) if i not in ids]
        if ids:
            data[name] = ids
        elif name != "themes":
            _default(out, ctx, name)
    eligibility = _eligibility(record)
    if eligibility:
        data["eligibility"] = _plain(out, "eligibility", eligibility)
    data["areas"] = _areas(out, record, ctx)
    locations = [loc for i, sal in enumerate(_list(record, "service_at_locations"))
                 if (loc := _location(out, i, sal.get("location") or {}))]
    if locations:
        data["locations"] = locations
    data["contact"] = _contact(out, record)
    if not data["contact"]:
        out.skip = "it has no phone number, e-mail or web address the directory can show"
        return out
    _hours(out, record)
    referral = [c for c in codes.get(REFERRAL_TAXONOMY, []) if c in REFERRAL_NAMES]
    if referral:
        data["referral"] = referral[0]
    if record.get("application_process"):
        data["referral_details"] = _plain(out, "referral_details", record["application_process"])
    cost = _cost(record)
    if cost:
        data["cost"] = cost
    _languages(out, record, ctx)
    _verified(out, record, ctx)
    status = STATUS_IN.get(str(record.get("status") or "active").strip().lower())
    data["status"] = status or "active"
    if not status:
        out.note("guessed", "status", "not an HSDS status; set to active", repr(str(record.get("status"))[:40]))
    for unmapped in UNMAPPED:
        if record.get(unmapped):
            out.note("left-out", unmapped, "the directory has no field for this")
    out.data = {k: v for k, v in data.items() if v not in ("", None, [], {})}
    return out


def _list(record: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = record.get(key)
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _line(out: Mapped, name: str, value: Any, limit: int) -> str:
    """One line of plain text, cut at a word when over `limit` (and said)."""
    text = prose.one_line(str(value)) if isinstance(value, (str, int, float)) else ""
    if len(text) > limit:
        out.note("cut", name, f"longer than {limit} characters; cut at a word", f"{len(text)} characters")
        text = prose.cut(text, limit)
    return text


def _plain(out: Mapped, name: str, value: Any) -> str:
    text = prose.to_plain(value)
    if prose.looks_like_html(str(value)):
        out.note("converted", name, "HTML turned into plain text")
    if len(text) > prose.PLAIN_LIMIT:
        out.note("cut", name, f"longer than {prose.PLAIN_LIMIT:,} characters; cut at a sentence or word",
                 f"{len(text):,} characters")
        text = prose.cut(text, prose.PLAIN_LIMIT)
    return text


def _slug(out: Mapped, record: dict[str, Any]) -> str:
    """The slug our export put in the feed, when it is one; else one from the name.
    Either way through the project's one slug rule, so no feed chooses a path."""
    given = next((str(a.get("value") or "") for a in _list(record, "attributes")
                  if _taxonomy(a) == SLUG_TAXONOMY), "")
    if given and accepts(SLUG, given):
        return given
    if given:
        out.note("repaired", "slug", "the feed's directory slug is not a valid file name; made one from it",
                 repr(given[:60]))
        if slugify(given):
            return slugify(given)
    return slugify(out.data["name"]) or "service"


def _provider(out: Mapped, record: dict[str, Any], ctx: Context) -> None:
    org = as_dict(record.get("organization"))
    org_id = str(record.get("organization_id") or org.get("id") or "")
    org_name = prose.one_line(org.get("name") or "")
    slug = ctx.organisations.get(org_id) or ctx.organisations.get(org_name.lower())
    if slug:
        out.data["organisation"] = slug
    else:
        out.data["provider"] = _line(out, "provider", org_name, NAME_LIMIT) or out.data["name"]


def _text(out: Mapped, record: dict[str, Any]) -> None:
    raw = str(record.get("description") or "")
    markdown = prose.to_markdown(raw) if raw.strip() else ""
    if prose.looks_like_html(raw) and markdown:
        out.note("converted", "description", "HTML turned into Markdown")
    summary, description, was_cut = prose.summary_and_description(markdown)
    if not summary:
        summary = prose.cut(out.data["name"], prose.SUMMARY_LIMIT)
        out.note("guessed", "summary", "no description in the feed; the name is the summary")
    elif was_cut:
        out.note("cut", "summary", f"the description's first paragraph, cut at a sentence or word to fit "
                 f"{prose.SUMMARY_LIMIT} characters")
    out.data["summary"] = summary
    if len(description) > prose.DESCRIPTION_LIMIT:
        out.note("cut", "description", f"longer than {prose.DESCRIPTION_LIMIT:,} characters; cut between paragraphs",
                 f"{len(description):,} characters")
        description = prose.cut_markdown(description, prose.DESCRIPTION_LIMIT)
    if description:
        out.data["description"] = description


def _taxonomy(attribute: dict[str, Any]) -> str:
    term = as_dict(attribute.get("taxonomy_term"))
    return str(term.get("taxonomy") or attribute.get("link_type") or "")


def _codes(record: dict[str, Any]) -> dict[str, list[str]]:
    """Our own taxonomies' codes (what our export writes), by taxonomy."""
    codes: dict[str, list[str]] = {}
    for attribute in _list(record, "attributes"):
        term = as_dict(attribute.get("taxonomy_term"))
        if term.get("code"):
            codes.setdefault(_taxonomy(attribute), []).append(str(term["code"]))
    return codes


def _terms(record: dict[str, Any]) -> set[str]:
    """Every name, code and id of the record's taxonomy terms, in lower case."""
    found = set()
    for attribute in _list(record, "attributes"):
        term = as_dict(attribute.get("taxonomy_term"))
        found |= {prose.one_line(term.get(k)).lower() for k in ("name", "code", "id") if term.get(k)}
    return found - {""}


def _default(out: Mapped, ctx: Context, name: str) -> None:
    ids, guess = ctx.mapping.default(name)
    out.data[name] = ids
    out.guessed.add(name)
    if guess:
        out.note("guessed", name, f"nothing in the feed or the mapping file says; set to {', '.join(ids)}")
    else:
        out.note("default", name, "the mapping file's default")


def _eligibility(record: dict[str, Any]) -> str:
    text = str(record.get("eligibility_description") or "").strip()
    low, high = record.get("minimum_age"), record.get("maximum_age")
    low = low if isinstance(low, int) and not isinstance(low, bool) and low > 0 else None
    high = high if isinstance(high, int) and not isinstance(high, bool) and 0 < high < 99 else None
    ages = (f"Ages {low} to {high}." if low and high else f"Ages {low} and over." if low
            else f"Ages up to {high}." if high else "")
    plain = prose.to_plain(text)
    if ages and not any(str(n) in plain for n in (low, high) if n):
        return f"{plain}{'' if plain[-1:] in ('.', '!', '?', '') else '.'} {ages}".strip()
    return text


def _areas(out: Mapped, record: dict[str, Any], ctx: Context) -> list[str]:
    areas = ctx.vocab["areas"]
    by_gss = {t.gss: t.id for t in areas.values() if t.gss}
    by_name = {t.name.lower(): t.id for t in areas.values()}
    found = []
    for area in _list(record, "service_areas"):
        gss = str(area.get("uri") or "").rstrip("/").rsplit("/", 1)[-1]
        name = prose.one_line(area.get("name") or area.get("service_area") or "")
        term = by_gss.get(gss) or by_name.get(name.lower())
        if term:
            found.append(term)
        else:
            out.note("left-out", "areas", "not a West Midlands area", repr((name or gss)[:60]))
    found += ctx.mapping.ids_for(out.terms, "areas")
    if not found:
        _default(out, ctx, "areas")
        return out.data["areas"]
    return list(dict.fromkeys(found))


def _location(out: Mapped, i: int, location: dict[str, Any]) -> dict[str, Any] | None:
    where = f"locations[{i}]"
    address = next(iter(_list(location, "addresses")), None)
    if not address:
        out.note("left-out", where, "a place with no address", repr(prose.one_line(location.get("name") or "")[:60]))
        return None
    code, notes = postcode(address.get("postal_code"), f"{where}.postcode")
    out.notes += notes
    first = _line(out, f"{where}.address", address.get("address_1"), LINE_LIMIT)
    town = _line(out, f"{where}.town", address.get("city"), TOWN_LIMIT)
    if not code or not first or not town:
        out.note("left-out", where, "a place without a street, town and UK postcode")
        return None
    loc: dict[str, Any] = {}
    name = _line(out, f"{where}.name", location.get("name"), LINE_LIMIT)
    if name:
        loc["name"] = name
    more = [_line(out, f"{where}.address", part, LINE_LIMIT) for part in str(address.get("address_2") or "").split(",")]
    loc["address"] = list(dict.fromkeys([first] + [m for m in more if m]))
    loc["town"], loc["postcode"] = town, code
    lat, lon = coordinate(location.get("latitude"), LATITUDE), coordinate(location.get("longitude"), LONGITUDE)
    if lat is not None and lon is not None:
        loc["lat"], loc["lon"] = lat, lon
    elif location.get("latitude") is not None or location.get("longitude") is not None:
        out.note("left-out", f"{where}.lat", "not a latitude and longitude in the UK",
                 repr(f"{location.get('latitude')}, {location.get('longitude')}"))
    access = [a.get("description") for a in _list(location, "accessibility") if a.get("description")]
    if access:
        loc["accessibility"] = _plain(out, f"{where}.accessibility", "\n\n".join(map(str, access)))
    return loc


def _contact(out: Mapped, record: dict[str, Any]) -> dict[str, str]:
    contact: dict[str, str] = {}
    phones = [p for c in _list(record, "contacts") for p in _list(c, "phones")] + _list(record, "phones")
    for entry in phones:
        number, notes = phone(entry.get("number"))
        out.notes += notes
        if number:
            contact["phone"] = number
            if entry.get("extension"):
                out.note("left-out", "contact.phone", "extension left out (the directory has no place for it)",
                         f"extension {str(entry['extension'])[:20]}")
            break
    address, notes = email(record.get("email"))
    out.notes += notes
    if address:
        contact["email"] = address
    site, notes = website(record.get("url"))
    out.notes += notes
    if site:
        contact["website"] = site
    if not contact:
        org = as_dict(record.get("organization"))
        site, _ = website(org.get("website"))
        if site:
            contact["website"] = site
            out.note("guessed", "contact", "no phone, e-mail or web address of its own; used its organisation's website")
    return contact


def _hours(out: Mapped, record: dict[str, Any]) -> None:
    """Weekly schedules as opening hours: periods with the same times are one entry
    (ORUK feeds give one schedule per weekday), and midnight to midnight on all seven
    days is `always_open`."""
    spans: dict[tuple[str, str], list[str]] = {}
    notes, always, all_day = [], False, set()
    for schedule in _list(record, "schedules"):
        if schedule.get("description") == ALWAYS_OPEN:
            always = True
            continue
        days = [DAY_IDS.get(d.strip().upper(), "") for d in str(schedule.get("byday") or "").split(",") if d.strip()]
        opens, closes = str(schedule.get("opens_at") or "")[:5], str(schedule.get("closes_at") or "")[:5]
        weekly = str(schedule.get("freq") or "WEEKLY").upper() == "WEEKLY"
        if days and all(days) and TIME.match(opens) and TIME.match(closes) and weekly:
            if opens == closes:
                if opens == "00:00":
                    all_day |= set(days)
                else:
                    out.note("left-out", "hours", "opens and closes at the same time", f"{opens} on {','.join(days)}")
                continue
            spans.setdefault((opens, closes), []).extend(d for d in days if d not in spans.get((opens, closes), []))
            limits = [k for k in ("valid_from", "valid_to", "until", "byweekno", "bymonthday", "byyearday")
                      if schedule.get(k)]
            if limits:
                out.note("left-out", "hours", f"kept the weekly hours but not {', '.join(limits)}")
        elif schedule.get("notes") or schedule.get("description"):
            notes.append(str(schedule.get("notes") or schedule.get("description")))
        else:
            out.note("left-out", "hours", "a schedule that is not weekly opening hours")
    if all_day == set(DAYS):
        always = True
    elif all_day:
        out.note("left-out", "hours", "open all day on some days only (the directory has no way to say so)",
                 ",".join(d for d in DAYS if d in all_day))
    hours = [{"days": [d for d in DAYS if d in days], "opens": opens, "closes": closes}
             for (opens, closes), days in spans.items()]
    if hours:
        out.data["hours"] = hours
    if notes:
        out.data["hours_note"] = _plain(out, "hours_note", "\n\n".join(notes))
    if always:
        out.data["always_open"] = True


def _cost(record: dict[str, Any]) -> str:
    for option in _list(record, "cost_options"):
        if option.get("amount") == 0 or str(option.get("option", "")).lower() == "free":
            return "free"
        if option.get("amount") or str(option.get("option", "")).lower() == "charge":
            return "charge"
    fees = prose.one_line(record.get("fees_description") or "").lower()
    return "free" if fees.startswith("free") else "charge" if fees else ""


def _languages(out: Mapped, record: dict[str, Any], ctx: Context) -> None:
    codes = []
    for language in _list(record, "languages"):
        code = prose.identifier(language.get("code") or "").lower()
        name = prose.one_line(language.get("name") or "")
        if re.fullmatch(r"[a-z]{2}", code):
            codes.append(code)
        elif name.lower() in ctx.mapping.languages:
            codes.append(ctx.mapping.languages[name.lower()])
        elif code or name:
            out.note("left-out", "languages", "not a two-letter ISO 639-1 code (add the name to the mapping file's "
                     "languages)", repr((code or name)[:40]))
    if codes:
        out.data["languages"] = list(dict.fromkeys(codes))


def _verified(out: Mapped, record: dict[str, Any], ctx: Context) -> None:
    for key in ("assured_date", "last_modified"):
        when = day(record.get(key)) if record.get(key) else None
        if when and when <= ctx.today:
            out.data["last_verified"] = when
            if key != "assured_date":
                out.note("guessed", "last_verified", "no assured date; used the date the feed last changed the record")
            return
        if record.get(key):
            out.note("left-out", "last_verified", f"{key} is not a past date", repr(str(record.get(key))[:30]))
    out.data["last_verified"] = NO_DATE
    out.note("guessed", "last_verified", f"no date it was checked; set to {NO_DATE} so it shows as not checked: "
             "check the listing with the provider")
