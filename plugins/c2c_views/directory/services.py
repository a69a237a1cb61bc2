"""A service as the directory shows it: every derived value computed once per build.

Templates, services.json (which the browser's filters, "open now" and shortlist read)
and the JSON-LD all take their words and numbers from a `ServiceView`, so a card, a
service page and a printed shortlist never disagree. `membership` holds every filter
value a service is listed under, already expanded by the rules in `derive` (a
region-wide service is in every area, one for everyone in every client group), so the
browser only looks values up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from c2c_registry import derive
from c2c_registry.markup import safe_url
from c2c_registry.model import Alert, Commitment, Location, Registry, Service
from c2c_registry.urls import Urls

from ..words import uk_date
from . import hours as h
from . import opening
from .languages import language_name
from .links import directions_href, report_head, report_issue, report_mailto, report_subject, tel_href

STATUS_TEXT = {"active": "", "temporarily-closed": "Temporarily closed", "closed": "Closed permanently"}
REFERRAL_TEXT = {
    "self": "You can refer yourself: get in touch or turn up",
    "professional": "You need a referral from a professional, such as a support worker, GP or council officer",
    "both": "You can refer yourself, or a professional can refer you",
}
REFERRAL_SHORT = {"self": "Self-referral", "professional": "Professional referral", "both": "Self or professional referral"}
COST_TEXT = {"free": "Free", "charge": "There may be a charge"}
BANK_HOLIDAY_TEXT = {"closed": "Closed on bank holidays", "open": "Open on bank holidays"}


@dataclass(frozen=True)
class LocationView:
    location: Location
    lines: list[str]
    directions_href: str


@dataclass(frozen=True)
class ServiceView:
    service: Service
    url: str
    status_text: str
    intervals: list[h.Interval]
    hours_rows: list[tuple[str, str]]
    hours_summary: str
    stages: list[tuple[str, str]]  # (id, name) pairs, vocabulary order
    areas: list[tuple[str, str]]
    groups: list[tuple[str, str]]
    themes: list[tuple[str, str]]
    languages: list[str]
    referral_text: str
    referral_short: str
    cost_text: str
    tel_href: str
    locations: list[LocationView]
    last_verified_text: str
    stale: bool
    report_mailto: str
    report_issue: str
    commitment: Commitment | None
    search_text: str
    membership: dict[str, list[str]]  # filter -> values this service is listed under
    access: list[tuple[str, str]] = field(default_factory=list)
    dated: list[tuple[int, int]] | None = None  # epoch-minute opening ranges, when weekly is not enough
    sessions: list[tuple[str, str]] = field(default_factory=list)  # (which days, hours)
    next_session: str = ""
    bank_holidays_text: str = ""
    hours_changes: list[tuple[str, str]] = field(default_factory=list)  # (dates, what) coming up
    hours_now: list[tuple[date, str]] = field(default_factory=list)  # (last day, what) in force on the build date
    report_head: str = ""  # the report form's first lines, naming the listing
    report_subject: str = ""

    @property
    def slug(self) -> str:
        return self.service.slug

    @property
    def active(self) -> bool:
        return self.service.status == "active"


def _terms(registry: Registry, vocab: str, ids: list[str]) -> list[tuple[str, str]]:
    """(id, name) in the vocabulary's own order, so tags read the same on every card."""
    terms = registry.vocab[vocab]
    return [(t.id, t.name) for t in terms.values() if t.id in ids]


def membership(service: Service, registry: Registry) -> dict[str, list[str]]:
    """Every value of every directory filter this service is listed under."""
    vocab = registry.vocab
    return {
        "stage": [t for t in vocab["stages"] if t in service.stages],
        "area": derive.areas_covered(service.areas, vocab["areas"]),
        "group": derive.groups_served(service.client_groups, vocab["client-groups"]),
        "referral": derive.referral_routes(service.referral),
        "free": ["1"] if service.cost == "free" else [],
        "access": [t for t in vocab.get("access", {}) if t in service.access],
        "language": sorted(service.languages),
    }


def present(service: Service, registry: Registry, settings: dict[str, Any], urls: Urls,
            win: opening.Window | None = None, alerts: list[Alert] | None = None) -> ServiceView:
    today: date = settings["C2C_TODAY"]
    win = win or opening.window(today)
    alerts = list(registry.alerts.values()) if alerts is None else alerts
    url = urls.service(service)
    page_url = urls.absolute(url)
    stages = _terms(registry, "stages", service.stages)
    areas = _terms(registry, "areas", service.areas)
    groups = _terms(registry, "client-groups", service.client_groups)
    themes = _terms(registry, "themes", service.themes)
    org = service.organisation
    sessions = [(opening.session_text(s), h.span_text(s.opens, s.closes)) for s in service.sessions]
    session_days = {h.DAY_NAMES[h.DAYS.index(s.day)] for s in service.sessions}
    locations = [
        LocationView(loc, [*(([loc.name]) if loc.name else []), *loc.address, loc.town, loc.postcode],
                     directions_href(loc, settings["C2C_DIRECTIONS_URL"]))
        for loc in service.locations
    ]
    words = [service.name, service.provider_name, service.summary, service.eligibility,
             *(n for _, n in stages + areas + groups + themes),
             *(part for loc in locations for part in loc.lines)]
    return ServiceView(
        service=service,
        url=url,
        status_text=STATUS_TEXT.get(service.status, service.status),
        intervals=h.weekly_intervals(service.hours, service.always_open),
        hours_rows=[(day, "Monthly sessions only, see below" if text == "Closed" and day in session_days else text)
                    for day, text in h.weekly_table(service.hours)],
        hours_summary="; ".join(filter(None, [
            h.summary(service.hours, service.always_open) if service.hours or service.always_open else "",
            *(f"{days}: {text}" for days, text in sessions)])),
        stages=stages,
        areas=areas,
        groups=groups,
        themes=themes,
        languages=[language_name(code) for code in service.languages],
        referral_text=REFERRAL_TEXT.get(service.referral, ""),
        referral_short=REFERRAL_SHORT.get(service.referral, ""),
        cost_text=COST_TEXT.get(service.cost, ""),
        tel_href=tel_href(service.phone),
        locations=locations,
        last_verified_text=uk_date(service.last_verified),
        stale=derive.is_stale(service, today, settings["C2C_STALE_AFTER_DAYS"]),
        report_mailto=report_mailto(service, page_url, settings["C2C_REPORT_EMAIL"]),
        report_issue=report_issue(service, page_url, settings.get("C2C_REPOSITORY_URL", "")),
        commitment=org.commitments[0] if org and org.commitments else None,
        search_text=" ".join(w for w in words if w).lower(),
        membership=membership(service, registry),
        access=_terms(registry, "access", service.access) if "access" in registry.vocab else [],
        dated=opening.dated_intervals(service, win, alerts) if opening.needs_dates(service, alerts) else None,
        sessions=sessions,
        next_session=opening.next_session(service, win, today),
        bank_holidays_text=BANK_HOLIDAY_TEXT.get(service.bank_holidays, ""),
        hours_changes=opening.changes(service, win, today, alerts),
        hours_now=opening.in_effect(service, today, alerts),
        report_head=report_head(service, page_url),
        report_subject=report_subject(service),
    )


def present_all(registry: Registry, settings: dict[str, Any], urls: Urls) -> list[ServiceView]:
    """Every service in directory order: open services A to Z, then temporarily closed,
    then closed for good (kept so people learn a service they knew has gone)."""
    win = opening.window(settings["C2C_TODAY"])
    alerts = list(registry.alerts.values())
    views = [present(s, registry, settings, urls, win, alerts) for s in registry.services.values()]
    rank = {"active": 0, "temporarily-closed": 1, "closed": 2}
    return sorted(views, key=lambda v: (rank.get(v.service.status, 3), v.service.name.lower(), v.slug))


def hours_json(view: ServiceView) -> dict[str, Any]:
    """What the browser's "open now" reads for one service (directory.js `describe`): part
    of its record in services.json, and the data block on its own page, so a service page
    shows its state without downloading the whole directory's data."""
    return {"slug": view.service.slug, "status": view.service.status,
            "intervals": [list(i) for i in view.intervals],
            **({"dated": [list(i) for i in view.dated]} if view.dated is not None else {})}


def near_me_json(view: ServiceView) -> dict[str, Any]:
    """A /directory/ page's own record for each of its cards: hours and where to find it."""
    return {**hours_json(view), "locations": [{"lat": loc.location.lat, "lon": loc.location.lon}
                                              for loc in view.locations]}


def as_json(view: ServiceView) -> dict[str, Any]:
    """The record the browser reads from services.json: only what it shows or filters on."""
    s = view.service
    return {
        **hours_json(view),
        "url": view.url,
        "name": s.name,
        "provider": s.provider_name,
        "summary": s.summary,
        "status_text": view.status_text,
        "in": view.membership,
        "referral_text": view.referral_short,
        "always_open": s.always_open,
        "hours_listed": bool(s.hours or s.sessions) or s.always_open,
        "hours_summary": view.hours_summary,
        "hours_note": s.hours_note,
        "phone": s.phone,
        "tel": view.tel_href,
        "email": s.email,
        "website": safe_url(s.website),
        "locations": [
            {"lines": loc.lines, "lat": loc.location.lat, "lon": loc.location.lon, "directions": loc.directions_href}
            for loc in view.locations
        ],
        "last_verified": s.last_verified.isoformat(),
        "last_verified_text": view.last_verified_text,
        "stale": view.stale,
        "search": view.search_text,
    }
