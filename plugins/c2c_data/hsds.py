"""The directory in Open Referral shape (HSDS 3.0, valid under the ORUK 3.0 profile too),
both ways: `to_hsds` for the export, `from_hsds` for `c2c import-hsds`.

Pure functions on plain values, so the export and the import cannot drift apart: each
field of the service model has one place here, and a round trip export -> import ->
export gives the same JSON. Ids are uuid5 of the slug, so they never change between builds.
"""

from __future__ import annotations

import uuid
from typing import Any

from c2c_registry.model import Service, Term

from .text import html_to_text

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://www.wmca.org.uk/c2c/registry")
DAYS = {"mon": "MO", "tue": "TU", "wed": "WE", "thu": "TH", "fri": "FR", "sat": "SA", "sun": "SU"}
STATUS_OUT = {"active": "active", "temporarily-closed": "temporarily closed", "closed": "defunct"}
STATUS_IN = {"active": "active", "temporarily closed": "temporarily-closed", "inactive": "temporarily-closed",
             "defunct": "closed"}
ALWAYS_OPEN = "Open 24 hours a day, every day."
GSS_URI = "https://statistics.data.gov.uk/id/statistical-geography/"
# Our controlled lists, as HSDS taxonomies: (taxonomy name, vocabulary, service field)
TAXONOMIES = (("c2c-stages", "stages", "stages"), ("c2c-client-groups", "client-groups", "client_groups"),
              ("c2c-themes", "themes", "themes"))
REFERRAL_TAXONOMY = "c2c-referral"
SLUG_TAXONOMY = "c2c-directory-slug"
REFERRAL_NAMES = {"self": "Self-referral", "professional": "Professional referral",
                  "both": "Self-referral or professional referral"}


def make_id(*parts: str) -> str:
    """A stable UUID for anything named by a path of slugs."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


def service_id(slug: str) -> str:
    return make_id("service", slug)


def organisation_id(slug_or_name: str) -> str:
    return make_id("organisation", slug_or_name)


def _term(taxonomy: str, code: str, name: str, description: str = "") -> dict[str, Any]:
    return {"id": make_id("taxonomy", taxonomy, code), "code": code, "name": name,
            "description": description or name, "taxonomy": taxonomy, "term": name}


def _attribute(sid: str, taxonomy: str, term: dict[str, Any], value: str = "") -> dict[str, Any]:
    out = {"id": make_id("attribute", sid, taxonomy, term["code"]), "link_id": sid, "link_type": taxonomy,
           "link_entity": "service", "taxonomy_term_id": term["id"], "taxonomy_term": term}
    if value:
        out["value"] = value
    return out


def to_hsds(service: Service, vocab: dict[str, dict[str, Term]]) -> dict[str, Any]:
    """One service as an HSDS 3.0 service object with its nested records."""
    sid = service_id(service.slug)
    org = service.organisation
    oid = organisation_id(org.slug if org else service.provider)
    description = "\n\n".join(p for p in (service.summary, html_to_text(service.description_html)) if p)
    out: dict[str, Any] = {
        "id": sid, "organization_id": oid, "name": service.name, "description": description,
    }
    if service.website:
        out["url"] = service.website
    if service.email:
        out["email"] = service.email
    out["status"] = STATUS_OUT[service.status]
    if service.referral_details:
        out["application_process"] = service.referral_details
    if service.cost:
        out["fees_description"] = "Free" if service.cost == "free" else "There is a charge"
    if service.eligibility:
        out["eligibility_description"] = service.eligibility
    out["assured_date"] = service.last_verified.isoformat()
    out["organization"] = {"id": oid, "name": service.provider_name,
                           "description": org.summary if org else service.provider}
    if org and org.website:
        out["organization"]["website"] = org.website
    out["contacts"] = ([{"id": make_id("contact", service.slug), "service_id": sid, "name": service.provider_name,
                         "phones": [{"id": make_id("phone", service.slug), "contact_id": make_id("contact", service.slug),
                                     "number": service.phone}]}] if service.phone else [])
    out["schedules"] = _schedules(service, sid)
    out["service_areas"] = [_area(sid, vocab["areas"][a]) for a in service.areas]
    out["languages"] = [{"id": make_id("language", service.slug, code), "service_id": sid, "code": code}
                        for code in service.languages]
    out["cost_options"] = ([{"id": make_id("cost", service.slug), "service_id": sid,
                             "option": "Free" if service.cost == "free" else "Charge", "currency": "GBP",
                             **({"amount": 0} if service.cost == "free" else {})}] if service.cost else [])
    out["service_at_locations"] = [_location(service.slug, sid, i, loc) for i, loc in enumerate(service.locations)]
    attributes = [_attribute(sid, SLUG_TAXONOMY, _term(SLUG_TAXONOMY, "slug", "Directory slug",
                                                       "The service's name in the C2C directory's web address"),
                             value=service.slug)]
    for taxonomy, vocabulary, field in TAXONOMIES:
        for term_id in getattr(service, field):
            term = vocab[vocabulary][term_id]
            attributes.append(_attribute(sid, taxonomy, _term(taxonomy, term.id, term.name, term.description)))
    if service.referral:
        attributes.append(_attribute(sid, REFERRAL_TAXONOMY,
                                     _term(REFERRAL_TAXONOMY, service.referral, REFERRAL_NAMES[service.referral])))
    out["attributes"] = attributes
    return out


def _area(sid: str, term: Term) -> dict[str, Any]:
    area = {"id": make_id("area", sid, term.id), "service_id": sid, "name": term.name, "service_area": term.name,
            "description": f"{term.name} (GSS code {term.gss})" if term.gss else term.name}
    if term.gss:
        area["uri"] = GSS_URI + term.gss
    return area


def _schedules(service: Service, sid: str) -> list[dict[str, Any]]:
    out = []
    if service.always_open:
        out.append({"id": make_id("schedule", service.slug, "always"), "service_id": sid, "freq": "WEEKLY",
                    "byday": ",".join(DAYS.values()), "opens_at": "00:00", "closes_at": "00:00",
                    "description": ALWAYS_OPEN})
    for i, hours in enumerate(service.hours):
        entry = {"id": make_id("schedule", service.slug, str(i)), "service_id": sid, "freq": "WEEKLY",
                 "byday": ",".join(DAYS[d] for d in hours.days), "opens_at": hours.opens, "closes_at": hours.closes}
        if hours.closes <= hours.opens:  # overnight: closes the next morning
            entry["description"] = f"Opens at {hours.opens} and closes at {hours.closes} the next morning."
        out.append(entry)
    if service.hours_note:
        out.append({"id": make_id("schedule", service.slug, "note"), "service_id": sid, "notes": service.hours_note})
    return out


def _location(slug: str, sid: str, i: int, loc) -> dict[str, Any]:
    lid = make_id("location", slug, str(i))
    location: dict[str, Any] = {"id": lid, "location_type": "physical"}
    if loc.name:
        location["name"] = loc.name
    if loc.lat is not None:
        location["latitude"], location["longitude"] = loc.lat, loc.lon
    address = {"id": make_id("address", slug, str(i)), "location_id": lid, "address_1": loc.address[0]}
    if loc.address[1:]:
        address["address_2"] = ", ".join(loc.address[1:])
    address.update(city=loc.town, state_province="West Midlands", postal_code=loc.postcode, country="GB",
                   address_type="physical")
    location["addresses"] = [address]
    if loc.accessibility:
        location["accessibility"] = [{"id": make_id("accessibility", slug, str(i)), "location_id": lid,
                                      "description": loc.accessibility}]
    return {"id": make_id("service-at-location", slug, str(i)), "service_id": sid, "location_id": lid,
            "location": location}


def api_page(services: list[dict[str, Any]], number: int, size: int) -> dict[str, Any]:
    """Page `number` (from 1) of a list, shaped like the HSDS API's paged /services."""
    total_pages = max(1, -(-len(services) // size))
    contents = services[(number - 1) * size: number * size]
    return {"total_items": len(services), "total_pages": total_pages, "page_number": number, "size": size,
            "first_page": number == 1, "last_page": number == total_pages, "empty": not contents,
            "contents": contents}
