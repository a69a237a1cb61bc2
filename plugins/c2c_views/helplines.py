"""The crisis route's words and links: the helplines (content/helplines.yaml) and the
services an active alert names, each with a number to call.

Every page carries the helplines in its header ("Get help now"), so they are one tap
away wherever someone is; an alert's banner shows how to reach each service it names.
"""

from __future__ import annotations

from dataclasses import dataclass

from c2c_registry.markup import safe_url
from c2c_registry.model import Alert, Helpline

from .links import tel_href
from .opening import hours_words
from .services import ServiceView


@dataclass(frozen=True)
class HelplineView:
    name: str
    for_whom: str  # when to call it
    phone: str
    tel_href: str
    website: str  # safe to link, or ""
    hours: str
    url: str = ""  # its directory page, for a helpline that is a service


@dataclass(frozen=True)
class AlertContact:
    """A service an alert names: how to reach it, and the extra hours the alert gives."""

    view: ServiceView
    extra_hours: str  # "every day, 5pm to 9am the next day", or ""


def present_helplines(helplines: list[Helpline], by_slug: dict[str, ServiceView]) -> list[HelplineView]:
    views = []
    for h in helplines:
        service = by_slug.get(h.service.slug) if h.service else None
        hours = h.hours or (service.hours_summary if service else "")
        views.append(HelplineView(h.name, h.for_whom, h.phone, tel_href(h.phone) if h.phone else "",
                                  safe_url(h.website) if h.website else "", hours,
                                  service.url if service else ""))
    return views


def alert_contacts(alerts: list[Alert], by_slug: dict[str, ServiceView]) -> dict[str, list[AlertContact]]:
    """Alert slug -> the services it names that are listed, in the alert's order."""
    contacts: dict[str, list[AlertContact]] = {}
    for alert in alerts:
        contacts[alert.slug] = [
            AlertContact(by_slug[slug], hours_words(hours, every_day=False))
            for slug, hours in alert.services.items() if slug in by_slug and by_slug[slug].service.status != "closed"
        ]
    return contacts
