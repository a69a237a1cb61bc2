"""What a feed's JSON holds: its service records, its paging, and each record in HSDS 3.0.

Three shapes are read: HSDS 3.0 (one service, an array, or an API page with
`contents`, `page_number`, `total_pages`, `last_page`); the older Open Referral UK list
shape live council APIs serve (pages with `content`, `number`, `totalPages`, `last`;
flat services with an embedded `organization`, `regular_schedules`,
`physical_addresses`, `service_taxonomys`, `eligibilitys`); and `{"services": [...]}`.
`as_hsds3` renames the older fields to HSDS 3.0's, so `hsds_in` maps one shape only.
Extension fields (`pc_…`) and anything else not mapped, such as who assured a record
and their e-mail, are never carried over: only their names reach the report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

DAY_NAMES = {"monday": "MO", "tuesday": "TU", "wednesday": "WE", "thursday": "TH", "friday": "FR",
             "saturday": "SA", "sunday": "SU"}


class NotAFeed(Exception):
    """The document holds no service records at all."""


@dataclass(frozen=True)
class Page:
    """The service records of one document and what it says about paging."""

    records: list[Any]
    number: int | None = None  # the page number the document reports
    total: int | None = None  # how many pages it says there are
    last: bool | None = None  # whether it says it is the last


def page_of(document: Any) -> Page:
    """The records and paging of one JSON document, or NotAFeed."""
    if isinstance(document, list):
        return Page(document)
    if not isinstance(document, dict):
        raise NotAFeed("it is neither a service, a list of services nor a page of them")
    for key, number, total, last in (("contents", "page_number", "total_pages", "last_page"),
                                     ("content", "number", "totalPages", "last")):
        if isinstance(document.get(key), list):
            return Page(document[key], _int(document.get(number)), _int(document.get(total)),
                        document[last] if isinstance(document.get(last), bool) else None)
    if isinstance(document.get("services"), list):
        return Page(document["services"])
    if "name" in document or "id" in document:
        return Page([document])
    raise NotAFeed("it has no `contents`, `content` or `services` list and is not a service itself")


def as_dict(value: Any) -> dict[str, Any]:
    """`value` when it is an object, else an empty one: feeds put anything anywhere."""
    return value if isinstance(value, dict) else {}


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


# HSDS 3.0 service fields hsds_in reads; everything else is reported by name as unused.
HSDS_FIELDS = {
    "id", "name", "alternate_name", "description", "url", "email", "status", "fees_description",
    "eligibility_description", "minimum_age", "maximum_age", "application_process", "assured_date",
    "last_modified", "organization_id", "organization", "contacts", "phones", "schedules", "service_areas",
    "languages", "cost_options", "service_at_locations", "attributes",
    # ORUK's older names, renamed by as_hsds3
    "regular_schedules", "service_taxonomys", "eligibilitys", "fees",
}
# Fields a directory has no place for: reported as "left out" when they hold something.
UNMAPPED = ("program", "funding", "fundings", "required_documents", "wait_time", "interpretation_services",
            "accreditations", "licenses", "alert", "holiday_schedules", "reviews", "links")


def unused_fields(record: dict[str, Any]) -> list[str]:
    """Names of a record's top-level fields the import does not read (`pc_…` and the
    like): for the report, never their values."""
    return sorted(k for k in record if k not in HSDS_FIELDS and k not in UNMAPPED)


def as_hsds3(record: dict[str, Any]) -> dict[str, Any]:
    """A service record with the older ORUK list shape's fields under HSDS 3.0 names.
    Only the fields hsds_in reads are kept."""
    out = {k: v for k, v in record.items() if k in HSDS_FIELDS or k in UNMAPPED}
    if "schedules" not in out and isinstance(record.get("regular_schedules"), list):
        out["schedules"] = [_schedule(s) for s in record["regular_schedules"] if isinstance(s, dict)]
    if "attributes" not in out and isinstance(record.get("service_taxonomys"), list):
        out["attributes"] = [_attribute(t) for t in record["service_taxonomys"] if isinstance(t, dict)]
    if "eligibility_description" not in out and isinstance(record.get("eligibilitys"), list):
        texts = [str(e.get("eligibility") or "") for e in record["eligibilitys"] if isinstance(e, dict)]
        if any(t.strip() for t in texts):
            out["eligibility_description"] = "\n\n".join(t for t in texts if t.strip())
        ages = [e for e in record["eligibilitys"] if isinstance(e, dict)]
        for key in ("minimum_age", "maximum_age"):
            found = next((e[key] for e in ages if _int(e.get(key)) is not None), None)
            if found is not None and key not in out:
                out[key] = found
    if "fees_description" not in out and record.get("fees"):
        out["fees_description"] = record["fees"]
    if isinstance(record.get("organization"), dict):
        org = record["organization"]
        out["organization"] = {"id": org.get("id"), "name": org.get("name"),
                               "website": org.get("website") or org.get("url")}
    if isinstance(record.get("languages"), list):
        out["languages"] = [_language(lang) for lang in record["languages"]]
    if isinstance(record.get("service_at_locations"), list):
        out["service_at_locations"] = [_at_location(sal) for sal in record["service_at_locations"] if isinstance(sal, dict)]
    for key in ("regular_schedules", "service_taxonomys", "eligibilitys", "fees"):
        out.pop(key, None)
    return out


def _schedule(schedule: dict[str, Any]) -> dict[str, Any]:
    out = dict(schedule)
    weekday = str(schedule.get("weekday") or "").strip().lower()
    if not out.get("byday") and weekday in DAY_NAMES:
        out["byday"] = DAY_NAMES[weekday]
    return out


def _attribute(link: dict[str, Any]) -> dict[str, Any]:
    term = as_dict(link.get("taxonomy"))
    return {"taxonomy_term": {"id": term.get("id"), "code": term.get("id"), "name": term.get("name"),
                              "taxonomy": term.get("vocabulary") or ""}}


def _language(language: Any) -> dict[str, Any]:
    if isinstance(language, dict):
        return {"code": language.get("code"), "name": language.get("name") or language.get("language")}
    return {"name": language}


def _at_location(sal: dict[str, Any]) -> dict[str, Any]:
    location = as_dict(sal.get("location"))
    out = {k: location.get(k) for k in ("id", "name", "latitude", "longitude", "addresses", "accessibility")
           if k in location}
    if "addresses" not in out and isinstance(location.get("physical_addresses"), list):
        out["addresses"] = location["physical_addresses"]
    if "accessibility" not in out and isinstance(location.get("accessibility_for_disabilities"), list):
        out["accessibility"] = [{"description": a.get("accessibility")}
                                for a in location["accessibility_for_disabilities"] if isinstance(a, dict)]
    return {"location": out}
