"""The derived-views stage: what every page and export shows, computed once per build.

`build_views(registry, settings)` runs once, right after the registry loads. Generators
only write (url, template, context) from the `SiteViews` it returns; services.json and
every later export (search, open data, badges) read the same object, and templates do
no lookups into the registry. Which item belongs to which stage, area or filter value
is decided by the rules in `c2c_registry.derive`, never here or in a template.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from markupsafe import Markup

from c2c_registry import derive
from c2c_registry.derive import Progress, Slice
from c2c_registry.model import Alert, Commitment, Organisation, Registry, Term
from c2c_registry.urls import DIMENSIONS, NARROWING, PROGRESS_LISTS, Urls

from .alerts import active_alerts, alerts_for
from .badges import BadgeView, LogoView, badge_views, logo_view
from .charts import bar_chart, stacked_bar_chart
from .helplines import AlertContact, HelplineView, alert_contacts, present_helplines
from .history import Change, changes
from .languages import language_name
from .opening import window
from .paging import Page, paginate
from .services import ServiceView, present_all
from .submit import SubmitView, submit_view

LATEST_COMMITMENTS = 6
DIMENSION_TITLES = {"stages": "Pathway stages", "themes": "Themes", "areas": "Areas", "sectors": "Sectors"}
FACETS = {"stage": "stages", "area": "areas", "group": "client-groups", "access": "access"}  # filter -> vocabulary


@dataclass(frozen=True)
class Narrowing:
    """A stage page narrowed to one area or sector, with how many items it holds."""

    by: str  # areas | sectors
    term: Term
    count: int  # pledges, actions and discussion points together
    url: str
    pledges: int = 0
    actions: int = 0
    discussion: int = 0


@dataclass(frozen=True)
class TermEntry:
    """One entry of a term page: an organisation with what it holds here, or a service."""

    org: Organisation | None = None
    part: Slice | None = None
    service: Any = None  # a Service in the directory that falls under the term

    @property
    def weight(self) -> int:
        return self.part.items if self.part is not None else 1


def term_entries(part: Slice) -> list[TermEntry]:
    """Organisations A to Z, then the services: what a term's pages list, in order."""
    return [*(TermEntry(org, sub) for org, sub in part.by_organisation()), *(TermEntry(service=s) for s in part.services)]


@dataclass
class TermView:
    """One page of a cut: a stage, theme, area or sector (a stage perhaps narrowed)."""

    dimension: str
    term: Term
    url: str
    title: str
    slice: Slice
    group: Term | None = None  # a stage's group: Prevent, Help or Create pathways
    narrowed_by: Narrowing | None = None  # on a narrowed page: which area or sector
    narrowings: list[Narrowing] = field(default_factory=list)  # a stage's links to narrow it
    narrowed: list[TermView] = field(default_factory=list)  # the pages those links lead to
    pages: list[Page[TermEntry]] = field(default_factory=list)  # organisation groups packed into pages

    def narrowings_by(self, by: str) -> list[Narrowing]:
        return [n for n in self.narrowings if n.by == by]


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


@dataclass
class SiteViews:
    today: date
    urls: Urls
    vocab: dict[str, dict[str, Term]]
    stage_groups: list[tuple[Term, list[Term]]]
    organisations: list[Organisation]  # A to Z
    awarded: list[Organisation]  # holding the C2C award, renewal not overdue
    renewal_overdue: list[Organisation]  # awarded, but the renewal is overdue
    badges: dict[str, BadgeView]  # organisation slug -> its award state and badge
    logos: dict[str, LogoView]  # organisation slug -> its logo files, for those with one
    commitments: list[Commitment]  # newest approval first
    latest: list[Commitment]
    partners: dict[str, list[Organisation]]  # organisation slug -> partners
    collaborators: dict[str, list[tuple[str, Organisation | None]]]  # commitment slug -> (name, record)
    everything: Slice
    terms: dict[str, list[TermView]]  # dimension -> its pages, vocabulary order
    progress: Progress
    charts: dict[str, Markup]
    directory: DirectoryViews
    changes: dict[str, Change]  # a record's source file -> when it last changed (git), its history page
    submit: SubmitView  # what the /submit/ forms offer and where they send a file
    helplines: list[HelplineView] = field(default_factory=list)  # "Get help now", on every page
    dimension_titles: dict[str, str] = field(default_factory=lambda: dict(DIMENSION_TITLES))
    organisations_by_slug: dict[str, Organisation] = field(default_factory=dict)  # partners named by slug
    # The long lists cut into pages: "organisations", "commitments" and the progress
    # lists ("overdue", "due-soon", "review-due") -> their pages, page 1 first.
    pages: dict[str, list[Page]] = field(default_factory=dict)


def build_views(registry: Registry, settings: dict[str, Any]) -> SiteViews:
    today: date = settings["C2C_TODAY"]
    urls = Urls(settings.get("SITEURL", ""))
    orgs = sorted(registry.organisations.values(), key=lambda o: o.name.lower())
    commitments = sorted(registry.commitments.values(), key=lambda c: (c.approved, c.slug), reverse=True)
    badges = badge_views(orgs, today, settings["C2C_RENEWAL_GRACE_DAYS"], urls)
    logos = {o.slug: view for o in orgs if (view := logo_view(o, urls))}
    whole = derive.everything(registry)
    figures = derive.progress(registry, today, settings["C2C_DUE_SOON_DAYS"])
    directory = directory_views(registry, settings, urls)
    return SiteViews(
        today=today,
        urls=urls,
        vocab=registry.vocab,
        stage_groups=[(group, [s for s in registry.stages if s.group == group.id])
                      for group in registry.vocab["stage-groups"].values()],
        organisations=orgs,
        awarded=[o for o in orgs if badges[o.slug].state == "awarded"],
        renewal_overdue=[o for o in orgs if badges[o.slug].state == "renewal-overdue"],
        badges=badges,
        logos=logos,
        commitments=commitments,
        latest=commitments[:LATEST_COMMITMENTS],
        partners={o.slug: [registry.organisations[p] for p in o.partners] for o in orgs},
        collaborators={c.slug: [(registry.organisations[n].name, registry.organisations[n])
                                if n in registry.organisations else (n, None) for n in c.collaborators]
                       for c in commitments},
        everything=whole,
        terms={dimension: term_views(registry, whole, dimension, urls, settings["C2C_PAGE_SIZE"])
               for dimension in DIMENSIONS},
        progress=figures,
        charts=progress_charts(registry, figures),
        directory=directory,
        helplines=present_helplines(registry.helplines, {v.slug: v for v in directory.services}),
        changes=changes(Path(settings["PATH"]), [r.source for kind in (orgs, commitments, registry.services.values())
                                                 for r in kind], settings.get("C2C_REPOSITORY_URL", ""))
        if settings.get("PATH") else {},  # no content folder (views built in a test): no history
        organisations_by_slug=dict(registry.organisations),
        pages=long_lists(orgs, commitments, figures, settings["C2C_PAGE_SIZE"], urls),
        submit=submit_view(registry, settings, urls),
    )


def long_lists(orgs: list[Organisation], commitments: list[Commitment], figures: Progress, size: int,
               urls: Urls) -> dict[str, list[Page]]:
    """The lists that grow with the registry, each cut into pages at its own address."""
    lists: dict[str, tuple[list[Any], str]] = {
        "organisations": (orgs, urls.organisations()),
        "commitments": (commitments, urls.commitments()),
        "overdue": (figures.overdue, urls.progress_list("overdue")),
        "due-soon": (figures.due_soon, urls.progress_list("due-soon")),
        "review-due": (figures.review_due, urls.progress_list("review-due")),
    }
    assert set(PROGRESS_LISTS) <= set(lists)
    return {name: paginate(items, size, partial(urls.paged, url)) for name, (items, url) in lists.items()}


def term_views(registry: Registry, whole: Slice, dimension: str, urls: Urls, size: int = 50) -> list[TermView]:
    """The pages of one cut; each stage also gets a page per area and sector it reaches."""
    vocab = registry.vocab
    shown_areas = set(derive.areas_shown(registry))
    pages = []
    for term_id, part in derive.slice_by(whole, dimension, vocab).items():
        term = vocab[dimension][term_id]
        view = TermView(dimension, term, urls.term(dimension, term_id), term.name, part,
                        group=vocab["stage-groups"].get(term.group) if term.group else None)
        if dimension == "stages":
            for by in NARROWING:
                for narrow_id, narrowed in derive.slice_by(part, by, vocab).items():
                    if not narrowed.items or (by == "areas" and narrow_id not in shown_areas):
                        continue
                    link = Narrowing(by, vocab[by][narrow_id], narrowed.items,
                                     urls.stage_narrowed(term_id, by, narrow_id), len(narrowed.pledges),
                                     len(narrowed.actions), len(narrowed.discussion))
                    view.narrowings.append(link)
                    view.narrowed.append(TermView(dimension, term, link.url, f"{term.name}: {link.term.name}",
                                                  narrowed, group=view.group, narrowed_by=link))
            for page in view.narrowed:
                page.narrowings = view.narrowings
        for each in (view, *view.narrowed):
            each.pages = paginate(term_entries(each.slice), size, partial(urls.paged, each.url),
                                  weight=lambda e: e.weight)
        pages.append(view)
    return pages


def progress_charts(registry: Registry, figures: Progress) -> dict[str, Markup]:
    stages = registry.vocab["stages"]
    return {
        "by_status": bar_chart(
            "Actions by status", [(s.replace("-", " ").capitalize(), n) for s, n in figures.by_status.items()],
            keys=list(figures.by_status),
        ),
        "by_stage": stacked_bar_chart(
            "Actions by stage and status",
            [(stages[st].name, counts) for st, counts in figures.by_stage.items()],
        ),
        "upstream": stacked_bar_chart(
            "Prevention, crisis and after crisis",
            [(kind.capitalize(), counts) for kind, counts in figures.upstream.items()],
        ),
    }


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

    prints = {}
    for area in registry.vocab["areas"].values():
        whole_area = print_list(area, None)
        prints[area.id] = [whole_area, *(p for stage in registry.stages
                                         if (p := print_list(area, stage)).services)]
    win = window(settings["C2C_TODAY"])
    return DirectoryViews(
        services=services,
        listed=listed,
        closed=closed,
        counts=counts,
        facet_terms={**{facet: [(t, counts[facet][t.id]) for t in registry.vocab.get(vocab, {}).values()]
                        for facet, vocab in FACETS.items()},
                     "language": [(t, counts["language"][t.id]) for t in languages.values()]},
        areas=[listing("areas", t, "area") for t in registry.vocab["areas"].values()],
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
    )
