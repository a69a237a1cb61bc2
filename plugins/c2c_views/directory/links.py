"""The links a service page offers: call, directions, and report a problem.

Built here rather than in templates so every value in a URL is percent-encoded once,
in one way, and tested.
"""

from __future__ import annotations

from urllib.parse import quote

from c2c_registry.model import Location, Service


def tel_href(phone: str) -> str:
    """'0121 496 0000' -> 'tel:01214960000' (spaces confuse some phone diallers)."""
    return "tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+") if phone else ""


def directions_href(location: Location, template: str) -> str:
    """A directions link from `template` (the C2C_DIRECTIONS_URL setting), which holds
    `{destination}`: the coordinates when known (exact), else the address and postcode."""
    if location.lat is not None and location.lon is not None:
        destination = f"{location.lat},{location.lon}"
    else:
        destination = ", ".join([*location.address, location.town, location.postcode])
    return template.replace("{destination}", quote(destination, safe=","))


def report_head(service: Service, page_url: str) -> str:
    """What names the listing in every report: the report form adds to it in the browser."""
    return (
        f"Listing: {service.name}\n"
        f"Listing id: {service.slug}\n"
        f"Last checked: {service.last_verified.isoformat()}\n"
        f"Page: {page_url}\n"
        f"Listing file: {service.source}\n\n"
    )


def report_body(service: Service, page_url: str) -> str:
    return (
        report_head(service, page_url) +
        "What is wrong or out of date? (For example the phone number, opening hours or address.)\n\n\n"
        "What should it say instead, and how do you know?\n\n"
    )


def report_subject(service: Service) -> str:
    return f"Problem with directory listing: {service.name}"


def report_mailto(service: Service, page_url: str, email: str) -> str:
    """mailto: with subject and body filled in, so the report names the listing even
    when the person only types one line."""
    subject = report_subject(service)
    return f"mailto:{email}?subject={quote(subject, safe='')}&body={quote(report_body(service, page_url), safe='')}"


def report_issue(service: Service, page_url: str, repository_url: str) -> str:
    """A new-issue link on the content repository, or '' when none is configured."""
    if not repository_url:
        return ""
    title = f"Directory listing: {service.name}"
    return (f"{repository_url.rstrip('/')}/issues/new?title={quote(title, safe='')}"
            f"&body={quote(report_body(service, page_url), safe='')}")
