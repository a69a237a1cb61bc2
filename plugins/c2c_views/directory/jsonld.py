"""schema.org JSON-LD for a service page (the page puts it in a <script> element
through `templates.script_json`).

A `Service` with its provider, the areas it serves, who it is for, and one
`ServiceChannel` per way in: the phone/email line (a ContactPoint) and each place (a
Place with its address, coordinates and opening hours).
"""

from __future__ import annotations

from typing import Any

from c2c_registry.markup import safe_url
from c2c_registry.urls import Urls

from .hours import DAY_NAMES, DAYS
from .services import ServiceView

SCHEMA = "https://schema.org/"


def opening_hours(view: ServiceView) -> list[dict[str, Any]]:
    """OpeningHoursSpecification: as written (a closing time before the opening time
    runs past midnight, as schema.org allows); 24/7 is 00:00-23:59 every day."""
    s = view.service
    if s.always_open:
        return [{"@type": "OpeningHoursSpecification", "dayOfWeek": [SCHEMA + d for d in DAY_NAMES],
                 "opens": "00:00", "closes": "23:59"}]
    return [
        {"@type": "OpeningHoursSpecification",
         "dayOfWeek": [SCHEMA + DAY_NAMES[DAYS.index(d)] for d in DAYS if d in h.days],
         "opens": h.opens, "closes": h.closes}
        for h in s.hours
    ]


def service_jsonld(view: ServiceView, urls: Urls) -> dict[str, Any]:
    s = view.service
    hours = opening_hours(view)
    provider: dict[str, Any] = {"@type": "Organization", "name": s.provider_name}
    if s.organisation is not None:
        provider["url"] = urls.absolute(urls.organisation(s.organisation))
    channels: list[dict[str, Any]] = []
    contact = {k: v for k, v in (("telephone", s.phone), ("email", s.email)) if v}
    if contact:
        point: dict[str, Any] = {"@type": "ContactPoint", "contactType": "customer support", **contact}
        if view.languages:
            point["availableLanguage"] = view.languages
        if hours and not s.locations:
            point["hoursAvailable"] = hours
        channels.append({"@type": "ServiceChannel", "servicePhone": point})
    if s.website and safe_url(s.website):
        channels.append({"@type": "ServiceChannel", "serviceUrl": safe_url(s.website)})
    for loc in s.locations:
        place: dict[str, Any] = {
            "@type": "Place",
            "address": {"@type": "PostalAddress", "streetAddress": ", ".join(loc.address),
                        "addressLocality": loc.town, "postalCode": loc.postcode, "addressCountry": "GB"},
        }
        if loc.name:
            place["name"] = loc.name
        if loc.lat is not None and loc.lon is not None:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": loc.lat, "longitude": loc.lon}
        if hours:
            place["openingHoursSpecification"] = hours
        channels.append({"@type": "ServiceChannel", "serviceLocation": place})
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Service",
        "name": s.name,
        "description": s.summary,
        "url": urls.absolute(view.url),
        "provider": provider,
        "areaServed": [{"@type": "AdministrativeArea", "name": name} for _, name in view.areas],
        "audience": [{"@type": "Audience", "audienceType": name} for _, name in view.groups],
        "availableChannel": channels,
    }
    if s.cost == "free":
        data["offers"] = {"@type": "Offer", "price": "0", "priceCurrency": "GBP"}
    return data

