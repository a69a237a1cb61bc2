"""Which alerts (severe weather and the like) show on which directory page.

An alert is a dated file; it shows only while the build date falls within its
active_from..active_until (both inclusive), so a daily scheduled build brings banners up
and takes them down without anyone editing a page. A banner shows how to reach each
service the alert names (`alert_contacts`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from c2c_registry.derive import areas_covered
from c2c_registry.model import Alert

from .opening import hours_words
from .services import ServiceView


def active_alerts(alerts: Iterable[Alert], today: date) -> list[Alert]:
    """Alerts in force on `today`: warnings first, then the most recent first."""
    live = [a for a in alerts if a.active_from <= today <= a.active_until]
    return sorted(live, key=lambda a: (a.level != "warning", -a.active_from.toordinal(), a.slug))


def alerts_for(alerts: Iterable[Alert], all_areas: Iterable[str], areas: Iterable[str] | None = None) -> list[Alert]:
    """The alerts that concern a page about `areas` (None: the whole directory).

    An alert with no areas concerns every page; otherwise the areas it covers and the
    areas the page covers must meet, by the one rule (a region-wide alert or page
    covers every area).
    """
    if areas is None:
        return list(alerts)
    all_areas = list(all_areas)
    wanted = set(areas_covered(areas, all_areas))
    return [a for a in alerts if not a.areas or wanted & set(areas_covered(a.areas, all_areas))]


@dataclass(frozen=True)
class AlertContact:
    """A service an alert names: how to reach it, and the extra hours the alert gives."""

    view: ServiceView
    extra_hours: str  # "every day, 5pm to 9am the next day", or ""


def alert_contacts(alerts: list[Alert], by_slug: dict[str, ServiceView]) -> dict[str, list[AlertContact]]:
    """Alert slug -> the services it names that are listed, in the alert's order."""
    contacts: dict[str, list[AlertContact]] = {}
    for alert in alerts:
        contacts[alert.slug] = [
            AlertContact(by_slug[slug], hours_words(hours, every_day=False))
            for slug, hours in alert.services.items() if slug in by_slug and by_slug[slug].service.status != "closed"
        ]
    return contacts
