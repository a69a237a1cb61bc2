"""Which alerts (severe weather and the like) show on which directory page.

An alert is a dated file; it shows only while the build date falls within its
active_from..active_until (both inclusive), so a daily scheduled build brings banners up
and takes them down without anyone editing a page.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from c2c_registry.model import Alert

REGION = "west-midlands"


def active_alerts(alerts: Iterable[Alert], today: date) -> list[Alert]:
    """Alerts in force on `today`: warnings first, then the most recent first."""
    live = [a for a in alerts if a.active_from <= today <= a.active_until]
    return sorted(live, key=lambda a: (a.level != "warning", -a.active_from.toordinal(), a.slug))


def alerts_for(alerts: Iterable[Alert], areas: Iterable[str] | None = None) -> list[Alert]:
    """The alerts that concern a page about `areas` (None: the whole directory).

    An alert with no areas, or for the whole region, concerns every page; otherwise it
    must share an area with the page. A region-wide page sees every alert.
    """
    if areas is None:
        return list(alerts)
    wanted = set(areas)
    if REGION in wanted:
        return list(alerts)
    return [a for a in alerts if not a.areas or REGION in a.areas or wanted & set(a.areas)]
