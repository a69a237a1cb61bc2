"""The crisis route's words and links: the helplines (content/helplines.yaml), each with
a number to call.

Every page carries the helplines in its header ("Help now"), so they are one tap away
wherever someone is (the services an alert names are `directory.alerts.alert_contacts`).
"""

from __future__ import annotations

from dataclasses import dataclass

from c2c_registry.markup import safe_url
from c2c_registry.model import Helpline

from .directory.links import tel_href
from .directory.services import ServiceView


@dataclass(frozen=True)
class HelplineView:
    name: str
    for_whom: str  # when to call it
    phone: str
    tel_href: str
    website: str  # safe to link, or ""
    hours: str
    url: str = ""  # its directory page, for a helpline that is a service


def present_helplines(helplines: list[Helpline], by_slug: dict[str, ServiceView]) -> list[HelplineView]:
    views = []
    for h in helplines:
        service = by_slug.get(h.service.slug) if h.service else None
        hours = h.hours or (service.hours_summary if service else "")
        views.append(HelplineView(h.name, h.for_whom, h.phone, tel_href(h.phone) if h.phone else "",
                                  safe_url(h.website) if h.website else "", hours,
                                  service.url if service else ""))
    return views
