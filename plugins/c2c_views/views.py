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
from c2c_registry.model import Commitment, Organisation, Registry, Term
from c2c_registry.urls import DIMENSIONS, NARROWING, PROGRESS_LISTS, Urls

from .badges import BadgeView, LogoView, badge_views, logo_view
from .charts import bar_chart, stacked_bar_chart
from .directory.listings import DirectoryViews, directory_views
from .history import Change, changes
from .paging import Page, paginate
from .submit import SubmitView, submit_view

LATEST_COMMITMENTS = 6
DIMENSION_TITLES = {"stages": "Pathway stages", "themes": "Themes", "areas": "Areas", "sectors": "Sectors"}


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
        directory=directory_views(registry, settings, urls),
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
