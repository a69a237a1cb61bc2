"""The directory's pages as views: /directory/ in pages, the plain listings (by area,
stage, access fact and language, the ways in without JavaScript), the printable lists
per area and per area and stage, the filters' counts and the alerts in force.

Which service is listed where is decided by `membership` (services.py), after the
rules in `c2c_registry.derive`; this module only gathers, counts and pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from c2c_registry import derive
from c2c_registry.model import Alert, Registry, Term
from c2c_registry.urls import Urls

from ..paging import Page, paginate
from .alerts import AlertContact, active_alerts, alert_contacts, alerts_for
from .languages import language_name
from .opening import window
from .services import ServiceView, present_all

FACETS = {"stage": "stages", "area": "areas", "group": "client-groups", "access": "access"}  # filter -> vocabulary


@dataclass
class Listing:
    """A plain directory listing (one area or one stage) that needs no JavaScript."""

    kind: str  # areas | stages | access | languages
    term: Term
    url: str
    filter_url: str  # the same choice in /directory/'s filters
    listed: list[ServiceView]
    closed: list[ServiceView]
    regional: int  # listed here only because they cover the whole region
    alerts: list[Alert]
    pages: list[Page[ServiceView]] = field(default_factory=list)  # `listed`, cut into pages


@dataclass
class PrintList:
    """An area's services (perhaps in one stage) laid out for A4, for outreach workers."""

    area: Term
    stage: Term | None
    url: str
    services: list[ServiceView]
    alerts: list[Alert]
    left_out: list[ServiceView] = field(default_factory=list)  # temporarily closed: not on the paper

    @property
    def title(self) -> str:
        return f"{self.stage.name} services in {self.area.name}" if self.stage else f"Services in {self.area.name}"


@dataclass
class DirectoryViews:
    services: list[ServiceView]  # every service, in directory order
    listed: list[ServiceView]  # all but those closed for good
    closed: list[ServiceView]
    counts: dict[str, dict[str, int]]  # filter -> value -> listed services it would show
    facet_terms: dict[str, list[tuple[Term, int]]]  # filter -> (term, count) in vocabulary order
    areas: list[Listing]
    stages: list[Listing]
    alerts: list[Alert]  # in force on the build date
    service_alerts: dict[str, list[Alert]]  # service slug -> alerts for its areas
    access: list[Listing] = field(default_factory=list)
    languages: list[Listing] = field(default_factory=list)
    prints: dict[str, list[PrintList]] = field(default_factory=dict)  # area id -> whole area, then by stage
    window: tuple[int, int] = (0, 0)  # epoch minutes covered by services' dated hours
    pages: list[Page[ServiceView]] = field(default_factory=list)  # `listed` cut into /directory/'s pages
    page_size: int = 50  # services per page, and per chunk of cards the filters fetch
    alert_contacts: dict[str, list[AlertContact]] = field(default_factory=dict)  # alert slug -> services it names
    area_urls: dict[str, str] = field(default_factory=dict)  # area id -> the listing that shows its services


def directory_views(registry: Registry, settings: dict[str, Any], urls: Urls) -> DirectoryViews:
    size = settings["C2C_PAGE_SIZE"]
    services = present_all(registry, settings, urls)
    listed = [v for v in services if derive.is_listed(v.service)]
    closed = [v for v in services if not derive.is_listed(v.service)]
    all_areas = list(registry.vocab["areas"])
    alerts = active_alerts(registry.alerts.values(), settings["C2C_TODAY"])
    counts = {facet: dict.fromkeys(registry.vocab.get(vocab, {}), 0) for facet, vocab in FACETS.items()}
    counts["referral"] = {route: 0 for route in derive.REFERRAL_ROUTES}
    counts["free"] = {"1": 0}
    codes = sorted({c for v in listed for c in v.membership["language"]}, key=lambda c: language_name(c).lower())
    languages = {c: Term(c, language_name(c)) for c in codes}
    counts["language"] = dict.fromkeys(codes, 0)
    for view in listed:
        for facet, values in view.membership.items():
            for value in values:
                counts[facet][value] += 1

    page_url = {"areas": urls.directory_area, "stages": urls.directory_stage,
                "access": urls.directory_access, "languages": urls.directory_language}

    def listing(kind: str, term: Term, facet: str) -> Listing:
        here = [v for v in services if term.id in v.membership[facet]]
        shown = [v for v in here if derive.is_listed(v.service)]
        url = page_url[kind](term.id)
        return Listing(
            kind, term,
            url=url,
            filter_url=urls.directory(**{facet: term.id}),
            listed=shown, closed=[v for v in here if not derive.is_listed(v.service)],
            regional=sum(1 for v in shown if term.id not in v.service.areas),
            alerts=alerts_for(alerts, all_areas, [term.id] if kind == "areas" else None),
            pages=paginate(shown, size, partial(urls.paged, url)),
        )

    def print_list(area: Term, stage: Term | None) -> PrintList:
        here = [v for v in listed if area.id in v.membership["area"]
                and (stage is None or stage.id in v.membership["stage"])]
        return PrintList(area, stage, urls.directory_print(area.id, stage.id if stage else ""),
                         [v for v in here if v.active], alerts_for(alerts, all_areas, [area.id]),
                         left_out=[v for v in here if not v.active])

    areas = [listing("areas", t, "area") for t in registry.vocab["areas"].values()]
    region = next((a for a in areas if a.term.id == derive.REGION), None)
    prints: dict[str, list[PrintList]] = {}
    for each in areas:
        if region is not None and each is not region and same_listing(each, region):
            # Nothing of its own, only what the region lists: linked there, not written.
            each.url, each.pages = region.url, []
            prints[each.term.id] = []
            continue
        # An area's list by stage is printed only when it is shorter than the whole area's.
        whole_area = print_list(each.term, None)
        prints[each.term.id] = [whole_area, *(p for stage in registry.stages if 0 < len(
            (p := print_list(each.term, stage)).services) < len(whole_area.services))]
    win = window(settings["C2C_TODAY"])
    return DirectoryViews(
        services=services,
        listed=listed,
        closed=closed,
        counts=counts,
        facet_terms={**{facet: [(t, counts[facet][t.id]) for t in registry.vocab.get(vocab, {}).values()]
                        for facet, vocab in FACETS.items()},
                     "language": [(t, counts["language"][t.id]) for t in languages.values()]},
        areas=areas,
        stages=[listing("stages", t, "stage") for t in registry.stages],
        alerts=alerts,
        service_alerts={v.slug: alerts_for(alerts, all_areas, v.service.areas) for v in services},
        access=[listing("access", t, "access") for t in registry.vocab.get("access", {}).values()],
        languages=[listing("languages", t, "language") for t in languages.values()],
        prints=prints,
        window=(win.start_minute, win.end_minute),
        pages=paginate(listed, size, partial(urls.paged, urls.directory())),
        page_size=size,
        alert_contacts=alert_contacts(alerts, {v.slug: v for v in services}),
        area_urls={a.term.id: a.url for a in areas},
    )


def same_listing(a: Listing, b: Listing) -> bool:
    """Two listings of the very same services and alerts: one's page would repeat the other's."""
    return all(len(x) == len(y) and all(i is j for i, j in zip(x, y, strict=True))
               for x, y in ((a.listed, b.listed), (a.closed, b.closed), (a.alerts, b.alerts)))
